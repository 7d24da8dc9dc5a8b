import * as assert from 'assert';
import { BACKOFF_CAP_MS, backoffMs, retryAfterMs } from '../../../src/engine/reminders/backoff';

describe('reminders: send retry back-off', () => {
  const now = new Date('2026-11-26T13:30:00Z');
  const never = (): number => {
    throw new Error('random must not be used when Retry-After is given');
  };

  it('honours Retry-After in seconds', () => {
    assert.strictEqual(backoffMs(1, '120', never, now), 120_000);
    assert.strictEqual(backoffMs(5, ' 0 ', never, now), 0);
    assert.strictEqual(backoffMs(1, '1.5', never, now), 1_500);
  });

  it('honours Retry-After as an HTTP-date, relative to the injected now', () => {
    assert.strictEqual(backoffMs(1, 'Thu, 26 Nov 2026 13:30:30 GMT', never, now), 30_000);
    assert.strictEqual(backoffMs(1, 'Thursday, 26-Nov-26 13:31:00 GMT', never, now), 60_000);
    assert.strictEqual(backoffMs(1, 'Thu Nov 26 13:30:05 2026', never, now), 5_000);
    assert.strictEqual(backoffMs(1, 'Thu, 26 Nov 2026 13:00:00 GMT', never, now), 0, 'a date in the past means now');
  });

  it('ignores an unreadable Retry-After and backs off exponentially instead', () => {
    for (const h of [null, '', 'soon', '-5', '5 minutes', '2026-11-26T13:31:00Z', 'Thu, 26 Nov 2026 13:31:00 PST']) {
      assert.strictEqual(retryAfterMs(h, now), null, String(h));
      assert.strictEqual(backoffMs(3, h, () => 1, now), 4_000, String(h));
    }
  });

  it('doubles the ceiling from 1 s and caps it at 60 s (random 1 = the ceiling)', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 50, 2000].map((a) => backoffMs(a, null, () => 1, now));
    assert.deepStrictEqual(ceilings, [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
    assert.strictEqual(BACKOFF_CAP_MS, 60_000);
  });

  it('uses full jitter: random 0 retries at once, values between scale linearly', () => {
    assert.strictEqual(backoffMs(4, null, () => 0, now), 0);
    assert.strictEqual(backoffMs(4, null, () => 0.5, now), 4_000);
    assert.strictEqual(backoffMs(10, null, () => 0.25, now), 15_000);
  });

  it('tolerates odd attempt numbers and a broken random source', () => {
    assert.strictEqual(backoffMs(0, null, () => 1, now), 1_000);
    assert.strictEqual(backoffMs(-3, null, () => 1, now), 1_000);
    assert.strictEqual(backoffMs(Number.NaN, null, () => 1, now), 1_000);
    assert.strictEqual(backoffMs(Number.POSITIVE_INFINITY, null, () => 1, now), 60_000);
    assert.strictEqual(backoffMs(2, null, () => 7, now), 2_000);
    assert.strictEqual(backoffMs(2, null, () => Number.NaN, now), 2_000);
  });

  it('scales with the configured base (CONNECTOR_RETRY_BASE_MS): 0 retries at once, Retry-After still wins', () => {
    assert.strictEqual(backoffMs(1, null, () => 1, now, 0), 0);
    assert.strictEqual(backoffMs(4, null, () => 1, now, 0), 0);
    assert.strictEqual(backoffMs(2, null, () => 1, now, 250), 500);
    assert.strictEqual(backoffMs(1, '3', never, now, 0), 3_000);
  });
});
