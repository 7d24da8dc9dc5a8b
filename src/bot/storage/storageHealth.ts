// What /healthz reports about storage: a cheap probe (one small write and delete), cached for a few
// seconds so a busy load balancer does not hammer the store, plus any storage failure a turn ran
// into recently (a full SQLite file can still take the probe's tiny row while cases no longer fit).
import type { RecordStore } from './recordStore';

const COLLECTION = 'health';

export interface HealthReport {
  ok: boolean;
  error?: string;
}

export class StorageHealth {
  private cached: { at: number; report: HealthReport } | null = null;
  private failedAt = 0;
  private lastFailure = '';
  private probing: Promise<HealthReport> | null = null;

  constructor(
    private readonly store: RecordStore,
    private readonly cacheMs = 5000,
    /** A failure seen by a turn keeps the report red this long, whatever the probe says. */
    private readonly failureHoldMs = 30000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A turn (or the scheduler) found the store failing. */
  reportFailure(e: Error): void {
    this.failedAt = this.now();
    this.lastFailure = e.message.slice(0, 200);
    this.cached = null;
  }

  async check(): Promise<HealthReport> {
    const t = this.now();
    if (this.failedAt && t - this.failedAt < this.failureHoldMs) return { ok: false, error: this.lastFailure };
    if (this.cached && t - this.cached.at < this.cacheMs) return this.cached.report;
    this.probing ??= this.probe().finally(() => { this.probing = null; });
    return this.probing;
  }

  private async probe(): Promise<HealthReport> {
    const key = `probe-${process.pid}`;
    let report: HealthReport;
    try {
      await this.store.put(COLLECTION, key, { at: new Date(this.now()).toISOString() }, '*');
      await this.store.delete(COLLECTION, key);
      report = { ok: true };
    } catch (e) {
      report = { ok: false, error: (e as Error).message.slice(0, 200) };
    }
    this.cached = { at: this.now(), report };
    return report;
  }
}
