// Escalating a case to the helpdesk from the 1:1 chat: the draft card (log checklist, note,
// severity), `send` / `cancel`, and the answer with the ticket number and a link to its thread.
import type { TurnContext } from 'botbuilder';
import type { Severity } from '../engine/helpdesk/ticketTypes';
import { escalationCard, noticeCard } from '../cards/cards';
import { FOREIGN_CASE_TEXT, ownsCase } from './caseOwnership';
import { NO_HELPDESK_TEXT, type HelpdeskService } from '../bot/helpdesk/helpdeskService';
import { forwardInfo } from './infoForwarding';
import type { ConversationRecord } from '../bot/storage/caseRepository';
import type { CaseService } from './caseService';
import type { TurnInput } from './turnInput';

export class EscalationDesk {
  constructor(private readonly helpdesk: HelpdeskService, private readonly cases: CaseService) {}

  /** Shows the draft for the current case (a new, empty one if there is none). */
  async start(context: TurnContext, conv: ConversationRecord): Promise<void> {
    const target = await this.helpdesk.target(conv.ref);
    if (!target) {
      await context.sendActivity(NO_HELPDESK_TEXT);
      return;
    }
    let caseId = conv.currentCaseId;
    if (!caseId) {
      caseId = (await this.cases.create()).state.id;
    }
    await this.cases.repo.updateConversation(conv, (r) => ({ ...r, currentCaseId: caseId, pendingEscalation: caseId }));
    await context.sendActivity({ type: 'message', attachments: [escalationCard(caseId, target.channelName)] });
  }

  /**
   * Acknowledges at once and posts the ticket in the background: a channel post that Teams throttles
   * can take longer than the 15 seconds a turn may last. The outcome reaches the requester as a
   * proactive message.
   */
  async send(context: TurnContext, conv: ConversationRecord, caseId: string, note: string, severity: Severity): Promise<void> {
    if (!ownsCase(conv, caseId)) {
      await context.sendActivity(FOREIGN_CASE_TEXT);
      return;
    }
    const loaded = await this.cases.load(caseId);
    if (!loaded) {
      await context.sendActivity('I could not find that case any more. Type **escalate** to start again.');
      return;
    }
    // One ticket per draft: a double click, or the card's Send after a typed `send`, finds it taken.
    if (!(await this.cases.repo.takePendingEscalation(conv.conversationId, caseId))) {
      await context.sendActivity('That escalation was already sent (or cancelled), so I did not send it again. Type **escalate** to start a new one.');
      return;
    }
    await this.retireDraftCard(context, noticeCard('Sent to the helpdesk', 'This escalation was sent; its ticket number follows in this chat.', 'good'));
    await context.sendActivity('Sending your case to the helpdesk…');
    const work = this.helpdesk.escalate(conv, loaded.state, note, severity).then(
      (result) => this.helpdesk.deps.sender.send(conv.ref, {
        type: 'message',
        text: result.ok
          ? `Sent: your ticket is **${result.ticket.id}**${severity === 'urgent' ? ' (urgent)' : ''}. [Open its thread in the helpdesk channel](${result.link}). ` +
            'I will tell you here when someone takes it, asks for more, or resolves it.'
          : result.reason,
      }),
      (e: Error) => {
        console.error(`[helpdesk] escalation of ${caseId} failed: ${e.stack ?? e.message}`);
        return this.helpdesk.deps.sender.send(conv.ref, { type: 'message', text: 'Sorry, I could not file your ticket because of an error on my side. Nothing was filed; please try **escalate** again.' });
      },
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Escalations still being posted (awaited on shutdown). */
  readonly inFlight = new Set<Promise<unknown>>();

  /** Replaces the clicked draft card (Teams sends its id as replyToId) so its buttons are gone. */
  private async retireDraftCard(context: TurnContext, card: { contentType: string; content: unknown }): Promise<void> {
    const id = context.activity.value !== undefined ? context.activity.replyToId : undefined;
    if (!id) return;
    await context.updateActivity({ id, type: 'message', attachments: [card] }).catch((e: Error) => console.error(`[helpdesk] could not update the escalation draft: ${e.message}`));
  }

  async cancel(context: TurnContext, conv: ConversationRecord): Promise<void> {
    await this.cases.repo.updateConversation(conv, (r) => ({ ...r, pendingEscalation: null }));
    await this.retireDraftCard(context, noticeCard('Not escalated', 'This escalation draft was cancelled.', 'default'));
    await context.sendActivity('OK, not escalated. Carry on where you were, or type **summary** to see the case.');
  }

  /** The requester's answer to a helpdesk question, if one is open. */
  forwardInfo(context: TurnContext, conv: ConversationRecord, input: TurnInput): Promise<boolean> {
    return forwardInfo(context, this.helpdesk, this.cases, conv, input);
  }
}
