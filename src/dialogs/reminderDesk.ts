// Follow-up reminders in the conversation: "Remind me…" on fix cards, the typed
// `remind me in <N> minutes [to <text>]`, the `reminders` list, and the buttons on a delivered
// reminder (Yes closes the case as resolved at that step, No moves the flow on, Snooze, Cancel).
import { answer, resolveAt } from '../engine/case/caseMachine';
import type { CaseEffect, CaseState, Transition } from '../engine/case/caseTypes';
import { nodeById } from '../engine/flow/flowGraph';
import { matchOption } from '../engine/flow/optionMatcher';
import { customDue, presetDue, snoozeDue } from '../engine/reminders/dueTimes';
import { formatLocal } from '../engine/reminders/formatLocal';
import { parseRemindCommand } from '../engine/reminders/remindCommand';
import { cancelReminder, reschedule, type ReminderRecord } from '../engine/reminders/reminderRecord';
import type { CardAction } from '../cards/cardActions';
import { reminderListCard } from '../cards/cards';
import type { CaseService } from './caseService';
import type { ConversationRecord } from './conversationRecord';
import { cardMessage } from './outbound';
import type { ReminderStore } from './ports/storePorts';
import type { ConversationTurn } from './ports/turnPort';
import { renderEffects } from './renderEffects';

type RemindAction = Extract<CardAction, { irm: 'remind' }>;
type ReminderAction = Extract<CardAction, { irm: 'reminder' }>;

export class ReminderDesk {
  constructor(private readonly reminders: ReminderStore, private readonly cases: CaseService) {}

  private async create(conv: ConversationRecord, due: Date, caseId: string | null, nodeId: string | null, text: string | null): Promise<ReminderRecord> {
    const now = this.cases.clock();
    const r: ReminderRecord = {
      id: this.reminders.newId(), kind: 'follow-up', conversationId: conv.conversationId, userId: conv.ref.userId, caseId, nodeId, ticketId: null, text,
      timeZone: conv.ref.timezone, dueAt: due.toISOString(), notBefore: null, state: 'pending', lease: null, attempts: 0, repeats: 0, late: false,
      lastError: null, sentAt: null, createdAt: now.toISOString(),
    };
    await this.reminders.create(r);
    return r;
  }

  private confirm(r: ReminderRecord): string {
    return `OK, I will remind you ${formatLocal(new Date(r.dueAt), r.timeZone)}${r.text ? `: "${r.text}"` : ''}. Type **reminders** to see or cancel your reminders.`;
  }

  /** `remind me in …`; false when the text is not a remind command at all. */
  async typed(turn: ConversationTurn, conv: ConversationRecord, text: string): Promise<boolean> {
    if (text.length > 500 || text.includes('\n')) return false;
    const cmd = parseRemindCommand(text);
    if (!cmd) return false;
    if (!cmd.ok) {
      await turn.send(cmd.error);
      return true;
    }
    // Tie it to the step the case is on, so the reminder can ask "did it work?" about it.
    const current = conv.currentCaseId ? await this.cases.load(conv.currentCaseId) : undefined;
    const open = current && current.state.status === 'open' ? current.state : undefined;
    const r = await this.create(conv, customDue(cmd.minutes, this.cases.clock()), open?.id ?? null, open?.nodeId ?? null, cmd.about);
    await turn.send(this.confirm(r));
    return true;
  }

  /** A "Remind me…" button on a fix card. */
  async fromCard(turn: ConversationTurn, conv: ConversationRecord, a: RemindAction): Promise<void> {
    const now = this.cases.clock();
    let due: Date;
    if (a.preset === 'custom' || a.minutes !== undefined) {
      if (!a.minutes || a.minutes < 1 || a.minutes > 43200) {
        await turn.send('Please enter a number of minutes from 1 to 43200 (30 days) for a custom reminder.');
        return;
      }
      due = customDue(a.minutes, now);
    } else due = presetDue(a.preset, now, conv.ref.timezone);
    const loaded = await this.cases.load(a.caseId);
    const node = nodeById(this.cases.flow, a.nodeId);
    const text = node ? `Check whether the fix at step ${node.seedStep} (${node.title}) worked.` : null;
    const r = await this.create(conv, due, loaded ? a.caseId : null, loaded ? a.nodeId : null, text);
    await turn.send(this.confirm(r));
  }

  async list(turn: ConversationTurn, conv: ConversationRecord): Promise<void> {
    const mine = await this.reminders.forConversation(conv.conversationId);
    await turn.send(cardMessage(reminderListCard(mine, conv.ref.timezone)));
  }

  /** A button on a delivered reminder or in the list. Returns the case when it changed. */
  async onAction(turn: ConversationTurn, conv: ConversationRecord, a: ReminderAction): Promise<CaseState | undefined> {
    const hit = await this.reminders.get(a.reminderId);
    if (!hit || hit.value.conversationId !== conv.conversationId) {
      await turn.send('I could not find that reminder any more. Type **reminders** to see your pending ones.');
      return undefined;
    }
    const r = hit.value;
    const now = this.cases.clock();
    if (a.op === 'cancel') {
      await this.reminders.update(r.id, cancelReminder);
      await turn.send(r.state === 'sent' ? 'OK, dismissed.' : 'Cancelled: I will not send that reminder.');
      return undefined;
    }
    if (a.op === 'snooze') {
      const minutes = a.minutes && a.minutes > 0 && a.minutes <= 1440 ? a.minutes : 15;
      const next = await this.reminders.update(r.id, (x) => (x.state === 'cancelled' || x.state === 'dead' ? x : reschedule(x, snoozeDue(now, minutes))));
      await turn.send(next && next.state === 'pending' ? `Snoozed: I will remind you again ${formatLocal(new Date(next.dueAt), next.timeZone)}.` : 'That reminder was cancelled, so there is nothing to snooze.');
      return undefined;
    }
    // Yes / No: act on the case at the reminder's step.
    await this.reminders.update(r.id, cancelReminder);
    if (!r.caseId || !r.nodeId) {
      await turn.send(a.op === 'yes' ? 'Glad it works.' : 'Type **start** to go through the troubleshooting step by step.');
      return undefined;
    }
    const flow = this.cases.flow;
    const t = await this.cases.mutate(r.caseId, (s, at): Transition => {
      if (s.status !== 'open') return { state: s, effects: [{ type: 'notice', text: 'That case is already closed. Type **summary last** to see it, or **start** for a new one.' }] };
      const node = r.nodeId ? nodeById(flow, r.nodeId) : undefined;
      if (s.nodeId === r.nodeId && node?.type === 'question') {
        const option = matchOption(node.options, a.op);
        if (option) return answer(flow, s, option.id, at);
      }
      if (a.op === 'yes') return resolveAt(flow, s, r.nodeId!, at, 'Yes (from a reminder)');
      const effects: CaseEffect[] = [{ type: 'notice', text: 'Your case has moved on since that reminder was set; this is where it is now:' }];
      if (s.nodeId) effects.push({ type: 'show-node', nodeId: s.nodeId });
      return { state: s, effects };
    });
    await turn.send(...renderEffects(flow, t.state, t.effects));
    return t.state;
  }
}
