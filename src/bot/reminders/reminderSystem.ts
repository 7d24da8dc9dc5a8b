// Wires the proactive side together: one rate limiter and sender for the process, the reminder
// store and the scheduler that delivers due reminders. (The conversation's side of reminders,
// src/dialogs/reminderDesk.ts, gets the store through its port.)
import { BACKOFF_BASE_MS, backoffMs } from '../../engine/reminders/backoff';
import type { Flow } from '../../engine/flow/flowTypes';
import { ProactiveSender, type ProactiveTransport } from '../proactive/proactiveSender';
import { RateLimiter } from '../proactive/rateLimiter';
import type { CaseRepository } from '../storage/caseRepository';
import type { RecordStore } from '../storage/recordStore';
import type { ReminderConfig } from './reminderConfig';
import { followUpDelivery } from './reminderDelivery';
import { ReminderRepository } from './reminderRepository';
import { ReminderScheduler, type DeliveryResult } from './reminderScheduler';
import type { ReminderKind, ReminderRecord } from '../../engine/reminders/reminderRecord';
import { NO_TELEMETRY, type Telemetry } from '../telemetry/telemetry';

export type Deliver = (r: ReminderRecord) => Promise<DeliveryResult>;

export interface ReminderSystem {
  repo: ReminderRepository;
  sender: ProactiveSender;
  scheduler: ReminderScheduler;
  /** Delivery per kind of reminder; the helpdesk adds its nudges here. */
  deliverers: Map<ReminderKind, Deliver>;
}

/** Reminders sent this long after their due time say they are late. */
const LATE_AFTER_MS = 2 * 60 * 1000;

export function createReminderSystem(
  transport: ProactiveTransport,
  store: RecordStore,
  caseRepo: CaseRepository,
  flow: Flow,
  cfg: ReminderConfig,
  telemetry: Telemetry = NO_TELEMETRY,
  retryBaseMs = BACKOFF_BASE_MS,
): ReminderSystem {
  const repo = new ReminderRepository(store);
  const sender = new ProactiveSender(transport, new RateLimiter(), {
    // The only retries of a proactive send: the connector transport makes one attempt outside a turn.
    maxAttempts: 3,
    backoffMs: (attempt, retryAfter) => backoffMs(attempt, retryAfter, Math.random, new Date(), retryBaseMs),
  });
  const deliverers = new Map<ReminderKind, Deliver>([['follow-up', followUpDelivery(caseRepo, flow, sender)]]);
  const deliver: Deliver = async (r) => {
    const d = deliverers.get(r.kind);
    if (!d) return { outcome: { ok: false, permanent: true, status: null, attempts: 0, error: `no delivery for ${r.kind} reminders` } };
    return d(r);
  };
  const scheduler = new ReminderScheduler(repo, deliver, {
    owner: cfg.instanceId,
    pollMs: cfg.pollMs,
    leaseMs: cfg.leaseMs,
    lateAfterMs: LATE_AFTER_MS,
    maxAttempts: cfg.maxSendAttempts,
    backoffMs: (attempt) => backoffMs(attempt, null, Math.random, new Date()),
    batch: 200,
    concurrency: 32,
    // reminder.sent / reminder.late / reminder.dead-lettered: the kind and the HTTP status only (never the reminder's text or error).
    log: (event, r, extra) => telemetry.event(event, { kind: r.kind, ...(typeof extra?.status === 'number' ? { status: String(extra.status) } : {}) }, { attempts: r.attempts }),
  });
  return { repo, sender, scheduler, deliverers };
}
