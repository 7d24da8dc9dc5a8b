// A reminder as stored, and the only ways its state may change. Delivery is "effect exactly once":
// a sender claims a reminder (lease with expiry, written with compare-and-swap) before sending and
// marks it sent afterwards; a crash in between leaves it claimable again once the lease expires.

export type ReminderKind = 'follow-up' | 'ticket-unclaimed' | 'info-requested';
export type ReminderState = 'pending' | 'claimed' | 'sent' | 'cancelled' | 'dead';

export interface ReminderRecord {
  id: string;
  kind: ReminderKind;
  /** Where to send: the conversation id (its reference is stored with the conversation record). */
  conversationId: string;
  /** The user it is for (for `reminders` and `forget me`). */
  userId: string | null;
  caseId: string | null;
  /** The flow step the reminder follows up (Yes resolves the case there, No moves on from it). */
  nodeId: string | null;
  ticketId: string | null;
  text: string | null;
  /** The user's IANA time zone when it was set, to show times in their own clock. */
  timeZone: string | null;
  dueAt: string;
  /** When a failed send may be tried again (back-off), ISO; null = as soon as due. */
  notBefore: string | null;
  state: ReminderState;
  lease: { owner: string; until: string } | null;
  attempts: number;
  /** How many times it was snoozed or re-scheduled (nudges count here). */
  repeats: number;
  late: boolean;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

export function isReminderRecord(v: unknown): v is ReminderRecord {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.conversationId === 'string' && typeof r.dueAt === 'string' && !Number.isNaN(Date.parse(r.dueAt as string)) &&
    ['pending', 'claimed', 'sent', 'cancelled', 'dead'].includes(r.state as string) && typeof r.attempts === 'number' &&
    ['follow-up', 'ticket-unclaimed', 'info-requested'].includes(r.kind as string);
}

/** Due and not held by a live lease (an expired lease means its holder died mid-send). */
export function isClaimable(r: ReminderRecord, now: Date): boolean {
  const t = now.getTime();
  if (Date.parse(r.dueAt) > t) return false;
  if (r.notBefore && Date.parse(r.notBefore) > t) return false;
  if (r.state === 'pending') return true;
  return r.state === 'claimed' && !!r.lease && Date.parse(r.lease.until) <= t;
}

export function claim(r: ReminderRecord, owner: string, now: Date, leaseMs: number, lateAfterMs: number): ReminderRecord {
  return {
    ...r,
    state: 'claimed',
    lease: { owner, until: new Date(now.getTime() + leaseMs).toISOString() },
    attempts: r.attempts + 1,
    late: r.late || now.getTime() - Date.parse(r.dueAt) > lateAfterMs,
  };
}

export function markSent(r: ReminderRecord, now: Date): ReminderRecord {
  return { ...r, state: 'sent', lease: null, sentAt: now.toISOString(), lastError: null };
}

/** A failed attempt: back to pending after a back-off, or dead when it can never succeed or tried too often. */
export function markFailed(r: ReminderRecord, now: Date, error: string, permanent: boolean, maxAttempts: number, backoffMs: number): ReminderRecord {
  if (permanent || r.attempts >= maxAttempts) return { ...r, state: 'dead', lease: null, lastError: error };
  return { ...r, state: 'pending', lease: null, lastError: error, notBefore: new Date(now.getTime() + backoffMs).toISOString() };
}

/** Snooze, or a nudge's next round: pending again at a new due time. */
export function reschedule(r: ReminderRecord, dueAt: Date): ReminderRecord {
  return { ...r, state: 'pending', lease: null, dueAt: dueAt.toISOString(), notBefore: null, attempts: 0, repeats: r.repeats + 1, late: false, sentAt: null };
}

export function cancelReminder(r: ReminderRecord): ReminderRecord {
  return r.state === 'pending' || r.state === 'claimed' ? { ...r, state: 'cancelled', lease: null } : r;
}
