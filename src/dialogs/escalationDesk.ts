// Escalating a case to the helpdesk from the 1:1 chat: the draft card (log checklist, note,
// severity), `send` / `cancel`, and the answer with the ticket number and a link to its thread.
import type { Severity } from '../engine/helpdesk/ticketTypes';
import { escalationCard } from '../cards/cards';
import type { CaseService } from './caseService';
import { settledMode, type ConversationRecord } from './conversationRecord';
import { forwardInfo } from './infoForwarding';
import { cardMessage, textMessage } from './outbound';
import type { HelpdeskPort, ProactivePort } from './ports/helpdeskPort';
import type { ConversationStore } from './ports/storePorts';
import type { ConversationTurn } from './ports/turnPort';

export const NO_HELPDESK_TEXT =
  'No helpdesk channel is configured, so I cannot escalate yet. A member of your helpdesk team can set one by typing **@IRM Doctor helpdesk here** in the channel, ' +
  'or an administrator can set HELPDESK_CHANNEL_ID. Meanwhile, type **summary** for a card with everything gathered so far.';

export class EscalationDesk {
  constructor(
    private readonly helpdesk: HelpdeskPort,
    private readonly sender: ProactivePort,
    private readonly cases: CaseService,
    private readonly conversations: ConversationStore,
  ) {}

  /** Shows the draft for the current case (a new, empty one if there is none). */
  async start(turn: ConversationTurn, conv: ConversationRecord): Promise<void> {
    const target = await this.helpdesk.target(conv.ref);
    if (!target) {
      await turn.send(NO_HELPDESK_TEXT);
      return;
    }
    let caseId = conv.currentCaseId;
    if (!caseId) {
      caseId = (await this.cases.create()).state.id;
    }
    const id = caseId;
    await this.conversations.updateConversation(conv, (r) => ({ ...r, currentCaseId: id, mode: { name: 'escalation-draft', caseId: id } }));
    await turn.send(cardMessage(escalationCard(caseId, target.channelName)));
  }

  /**
   * Acknowledges at once and posts the ticket in the background: a channel post that Teams throttles
   * can take longer than the 15 seconds a turn may last. The outcome reaches the requester as a
   * proactive message.
   */
  async send(turn: ConversationTurn, conv: ConversationRecord, caseId: string, note: string, severity: Severity): Promise<void> {
    const loaded = await this.cases.load(caseId);
    if (!loaded) {
      await turn.send('I could not find that case any more. Type **escalate** to start again.');
      return;
    }
    await this.conversations.updateConversation(conv, (r) => ({ ...r, mode: r.mode.name === 'escalation-draft' ? settledMode(r.currentCaseId) : r.mode }));
    await turn.send('Sending your case to the helpdesk…');
    const work = this.helpdesk.escalate(conv, loaded.state, note, severity).then(
      (result) => this.sender.send(conv.ref, textMessage(result.ok
        ? `Sent: your ticket is **${result.ticket.id}**${severity === 'urgent' ? ' (urgent)' : ''}. [Open its thread in the helpdesk channel](${result.link}). ` +
          'I will tell you here when someone takes it, asks for more, or resolves it.'
        : result.reason)),
      (e: Error) => {
        console.error(`[helpdesk] escalation of ${caseId} failed: ${e.stack ?? e.message}`);
        return this.sender.send(conv.ref, textMessage('Sorry, I could not file your ticket because of an error on my side. Nothing was filed; please try **escalate** again.'));
      },
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Escalations still being posted (awaited on shutdown). */
  readonly inFlight = new Set<Promise<unknown>>();

  async cancel(turn: ConversationTurn, conv: ConversationRecord): Promise<void> {
    await this.conversations.updateConversation(conv, (r) => ({ ...r, mode: r.mode.name === 'escalation-draft' ? settledMode(r.currentCaseId) : r.mode }));
    await turn.send('OK, not escalated. Carry on where you were, or type **summary** to see the case.');
  }

  /** The requester's answer to a helpdesk question, if one is open. */
  forwardInfo(turn: ConversationTurn, conv: ConversationRecord): Promise<boolean> {
    return forwardInfo(turn, this.helpdesk, this.cases, this.conversations, conv);
  }
}
