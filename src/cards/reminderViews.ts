// View data for reminders: the card delivered at the due time ("Did it work?") and the list that
// `reminders` shows. Times are in the user's own time zone.
import type { ReminderRecord } from '../engine/reminders/reminderRecord';
import { formatLocal } from '../engine/reminders/formatLocal';
import type { CardAction } from './cardActions';
import { markdownText } from './markdownText';
import { submit, type ActionView } from './viewText';

export interface ReminderCardInput {
  reminder: ReminderRecord;
  /** "Users cannot use Exchange IRM features · Step A4b: Fix the registry…", when the reminder follows a case step. */
  caseLine: string | null;
  /** True when the case is still waiting at the reminder's step (so Yes/No can act on it). */
  stepOpen: boolean;
}

export function reminderView(i: ReminderCardInput): object {
  const r = i.reminder;
  const act = (op: 'yes' | 'no' | 'snooze' | 'cancel', minutes?: number): CardAction => ({ irm: 'reminder', reminderId: r.id, op, ...(minutes ? { minutes } : {}) });
  const actions: ActionView[] = [];
  if (i.stepOpen) actions.push(submit('Yes, it works now', act('yes'), 'positive'), submit('No, still failing', act('no')));
  actions.push(submit('Snooze 15 minutes', act('snooze', 15)), submit('Snooze 1 hour', act('snooze', 60)), submit(i.stepOpen ? 'Cancel' : 'Dismiss', act('cancel')));
  return {
    heading: 'Reminder from IRM Doctor',
    late: r.late ? markdownText(`This was due ${formatLocal(new Date(r.dueAt), r.timeZone)}; IRM Doctor was offline then, so it comes late.`) : '',
    // Typed by the user ("remind me in 30 minutes to check the *purge*"): shown as typed.
    text: markdownText(r.text ?? (i.stepOpen ? 'You asked me to check back on a fix.' : '')),
    caseLine: markdownText(i.caseLine ?? ''),
    question: i.stepOpen ? 'Did it work?' : '',
    actions,
  };
}

const MAX_ITEMS = 20;

export function reminderListView(reminders: ReminderRecord[], timeZone: string | null): object {
  const pending = reminders.filter((r) => r.state === 'pending' || r.state === 'claimed');
  return {
    heading: pending.length ? `Your pending reminders (${pending.length})` : 'Your reminders',
    empty: pending.length ? '' : 'You have no pending reminders. On a fix step, choose "Remind me…", or type: remind me in 30 minutes to check the purge',
    items: pending.slice(0, MAX_ITEMS).map((r) => ({
      due: markdownText(formatLocal(new Date(r.dueAt), timeZone ?? r.timeZone)),
      text: markdownText(r.text ?? (r.kind === 'follow-up' ? 'Check whether the fix worked' : r.kind === 'ticket-unclaimed' ? 'Helpdesk nudge' : 'Information requested by the helpdesk')),
      cancel: { irm: 'reminder', reminderId: r.id, op: 'cancel' } satisfies CardAction,
    })),
    more: pending.length > MAX_ITEMS ? `…and ${pending.length - MAX_ITEMS} more.` : '',
  };
}
