// Helpdesk nudges, delivered by the reminder scheduler: a ticket still unclaimed after
// UNCLAIMED_NUDGE_MINUTES gets a nudge in its thread (at most MAX_NUDGES), and a requester who owes
// requested information gets one in 1:1. Both wait for the end of quiet hours in the recipient's zone.
import { isQuiet, nextAllowed } from '../../engine/reminders/quietHours';
import { nextNudgeDue } from '../../engine/reminders/nudges';
import type { ReminderRecord } from '../../engine/reminders/reminderRecord';
import type { DeliveryResult } from '../reminders/reminderScheduler';
import { threadRef, type HelpdeskService } from './helpdeskService';

const NOTHING_TO_DO: DeliveryResult = { outcome: { ok: true, activityId: null, attempts: 0 }, next: null };

export function nudgeDelivery(helpdesk: HelpdeskService): (r: ReminderRecord) => Promise<DeliveryResult> {
  return async (r) => {
    const cfg = helpdesk.deps.reminderConfig;
    const t = r.ticketId ? (await helpdesk.deps.tickets.get(r.ticketId))?.value : undefined;
    // The reason for the nudge is gone (claimed, answered, resolved): done, nothing sent.
    if (!t) return NOTHING_TO_DO;
    if (r.kind === 'ticket-unclaimed' && (t.state !== 'open' || t.assignee)) return NOTHING_TO_DO;
    if (r.kind === 'info-requested' && t.state !== 'info-requested') return NOTHING_TO_DO;
    const now = helpdesk.now();
    if (isQuiet(now, r.timeZone, cfg.quietHours)) return { outcome: { ok: true, activityId: null, attempts: 0 }, postponeUntil: nextAllowed(now, r.timeZone, cfg.quietHours) };
    const round = r.repeats + 1;
    if (r.kind === 'ticket-unclaimed') {
      const ref = threadRef(t);
      if (!ref) return NOTHING_TO_DO;
      const minutes = Math.round((now.getTime() - Date.parse(t.createdAt)) / 60000);
      const outcome = await helpdesk.deps.sender.send(ref, {
        type: 'message',
        text: `Nudge ${round}/${cfg.maxNudges}: ${t.id}${t.severity === 'urgent' ? ' (URGENT)' : ''} from ${t.requester.name} has been waiting ${minutes} minutes and nobody has claimed it yet.`,
      });
      return { outcome, next: nextNudgeDue(new Date(t.createdAt), round, cfg.unclaimedNudgeMinutes, cfg.maxNudges) };
    }
    const conv = await helpdesk.deps.cases.getConversation(r.conversationId);
    if (!conv) return { outcome: { ok: false, permanent: true, status: null, attempts: 0, error: 'requester conversation unknown' } };
    const outcome = await helpdesk.deps.sender.send(conv.value.ref, {
      type: 'message',
      text: `Reminder: the helpdesk is waiting for your answer on ${t.id}: ${t.infoRequest ?? ''}\n\nReply here (text, pasted output or a file).`,
    });
    return { outcome, next: nextNudgeDue(new Date(r.createdAt), round, cfg.unclaimedNudgeMinutes, cfg.maxNudges) };
  };
}
