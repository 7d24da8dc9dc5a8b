// Picks up due reminders and delivers each exactly once, across restarts and across bot processes
// sharing the store: claim (lease, compare-and-swap) → duplicate-send guard → send → record the
// delivery → mark sent. A process that dies mid-way leaves a lease that expires; the next claimer
// sees the delivery record and does not send a second copy.
import { claim, isClaimable, markFailed, markSent, reschedule, type ReminderRecord } from '../../engine/reminders/reminderRecord';
import type { SendOutcome } from '../proactive/proactiveSender';
import { ConflictError } from '../storage/recordStore';
import type { ReminderRepository } from './reminderRepository';
import { log } from '../../dialogs/logger';

export interface DeliveryResult {
  outcome: SendOutcome;
  /** Set for repeating reminders (helpdesk nudges): the next due time, or null when done. */
  next?: Date | null;
  /** Nothing was sent (quiet hours): try again at this time. */
  postponeUntil?: Date;
}

export interface SchedulerOptions {
  owner: string;
  pollMs: number;
  leaseMs: number;
  /** Reminders sent this long after their due time are marked late (the bot was down). */
  lateAfterMs: number;
  maxAttempts: number;
  backoffMs: (attempt: number) => number;
  batch: number;
  concurrency: number;
  now?: () => Date;
  log?: (event: string, r: ReminderRecord, extra?: Record<string, unknown>) => void;
}

export interface SchedulerCounters {
  sent: number;
  late: number;
  deadLettered: number;
  retried: number;
  skippedDuplicates: number;
}

export class ReminderScheduler {
  readonly counters: SchedulerCounters = { sent: 0, late: 0, deadLettered: 0, retried: 0, skippedDuplicates: 0 };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly repo: ReminderRepository,
    private readonly deliver: (r: ReminderRecord) => Promise<DeliveryResult>,
    private readonly opts: SchedulerOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    const loop = (): void => {
      this.timer = setTimeout(async () => {
        try {
          await this.tick();
        } catch (e) {
          log.error('reminders.tick-failed', {}, e);
        }
        if (this.timer) loop();
      }, this.opts.pollMs);
    };
    loop();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over everything due; returns how many reminders were handled. Never runs twice at once. */
  tick(): Promise<number> {
    if (!this.running) this.running = this.pass().finally(() => { this.running = null; });
    return this.running;
  }

  private async pass(): Promise<number> {
    let handled = 0;
    for (;;) {
      const due = await this.repo.dueIds(this.now(), this.opts.batch);
      if (due.length === 0) return handled;
      let progressed = 0;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < due.length) {
          const item = due[next++]!;
          if (await this.handle(item.key, item.id)) progressed++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, due.length) }, worker));
      handled += progressed;
      // Everything left in the index is waiting (back-off, another owner's live lease): try later.
      if (progressed === 0 || due.length < this.opts.batch) return handled;
    }
  }

  /** Claims and delivers one reminder; false when there was nothing to do (or another process has it). */
  private async handle(key: string, id: string): Promise<boolean> {
    const hit = await this.repo.get(id);
    if (!hit || hit.value.state === 'sent' || hit.value.state === 'cancelled' || hit.value.state === 'dead' || !key.startsWith(hit.value.dueAt)) {
      await this.repo.dropDueEntry(key); // stale index entry
      return false;
    }
    const now = this.now();
    if (!isClaimable(hit.value, now)) return false;
    const claimed = claim(hit.value, this.opts.owner, now, this.opts.leaseMs, this.opts.lateAfterMs);
    let etag: string;
    try {
      etag = await this.repo.save(claimed, hit.etag, hit.value.dueAt);
    } catch (e) {
      if (e instanceof ConflictError) return false; // another process claimed it first
      throw e;
    }
    const earlier = await this.repo.delivery(claimed);
    if (earlier) {
      // A previous holder sent it and died before marking it: do not send a second copy, but do
      // schedule the next round of a nudge as that holder would have.
      this.counters.skippedDuplicates++;
      await this.finish(claimed, etag, { outcome: { ok: true, activityId: null, attempts: 0 }, next: earlier.next });
      return true;
    }
    const result = await this.deliver(claimed);
    if (result.postponeUntil) {
      // Not sent (quiet hours): back to pending at the later time, as if it had been due then.
      const until = result.postponeUntil;
      try {
        await this.repo.save({ ...claimed, state: 'pending', lease: null, attempts: claimed.attempts - 1, dueAt: until.toISOString() }, etag, claimed.dueAt);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
      return true;
    }
    if (result.outcome.ok) await this.repo.recordDelivery(claimed, result.outcome.activityId, this.now(), result.next ?? null);
    await this.finish(claimed, etag, result);
    return true;
  }

  private async finish(claimed: ReminderRecord, etag: string, result: DeliveryResult): Promise<void> {
    const now = this.now();
    const o = result.outcome;
    let next: ReminderRecord;
    if (o.ok) {
      next = markSent(claimed, now);
      this.counters.sent++;
      if (claimed.late) this.counters.late++;
      this.opts.log?.(claimed.late ? 'reminder.late' : 'reminder.sent', claimed);
    } else {
      next = markFailed(claimed, now, o.error, o.permanent, this.opts.maxAttempts, this.opts.backoffMs(claimed.attempts));
      if (next.state === 'dead') {
        this.counters.deadLettered++;
        this.opts.log?.('reminder.dead-lettered', claimed, { status: o.status, error: o.error });
        log.error('reminders.dead-lettered', { reminder: claimed.id, attempts: claimed.attempts, status: o.status ?? null, error: o.error });
      } else this.counters.retried++;
    }
    try {
      await this.repo.save(next, etag, claimed.dueAt);
    } catch (e) {
      // Our lease was taken over (we were too slow): the delivery record still stops a second copy.
      if (!(e instanceof ConflictError)) throw e;
    }
    if (o.ok && result.next) {
      // A repeating reminder (nudge): its next round has its own delivery guard (keyed by round).
      await this.repo.update(claimed.id, (r) => (r.state === 'sent' ? reschedule(r, result.next!) : r));
    }
  }
}
