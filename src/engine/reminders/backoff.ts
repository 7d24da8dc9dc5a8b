// How long to wait before retrying a failed proactive send. Teams/Bot Connector throttling (HTTP 429) says how
// long in Retry-After; otherwise exponential back-off with full jitter, so many reminders failing together do
// not retry in lockstep.

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;

// The three HTTP-date forms (RFC 9110 §5.6.7), matched strictly: Date.parse alone accepts almost anything.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Retry-After as a delay in ms: delay-seconds ("120") or an HTTP-date relative to `now`; a date already past
 * means 0. Null when missing or unreadable.
 */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  const h = (header ?? '').trim();
  if (h === '') return null;
  if (/^\d+(\.\d+)?$/.test(h)) return Math.round(Number(h) * 1000);
  let text: string;
  if (IMF_FIXDATE.test(h) || RFC850_DATE.test(h)) text = h;
  // asctime() has no zone; HTTP-dates are always GMT, and Date.parse would read it as host-local time.
  else if (ASCTIME_DATE.test(h)) text = `${h} GMT`;
  else return null;
  const t = Date.parse(text);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now.getTime());
}

/**
 * Wait before retry number `attempt` (1 = first retry). Retry-After wins when present and readable; otherwise
 * a random wait in [0, min(cap, base × 2^(attempt-1))] drawn from the injected `random` (0 ≤ r ≤ 1).
 * `baseMs` is the first retry's ceiling (CONNECTOR_RETRY_BASE_MS; 0 retries at once unless told to wait).
 */
export function backoffMs(attempt: number, retryAfterHeader: string | null, random: () => number, now: Date, baseMs = BACKOFF_BASE_MS): number {
  const told = retryAfterMs(retryAfterHeader, now);
  if (told !== null) return told;
  const n = Number.isNaN(attempt) ? 1 : Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(BACKOFF_CAP_MS, Math.max(0, baseMs) * 2 ** (n - 1));
  const raw = random();
  // A broken random source must not produce NaN (a timer with NaN fires at once); wait the full ceiling instead.
  const r = Number.isNaN(raw) ? 1 : Math.min(1, Math.max(0, raw));
  return Math.round(r * ceiling);
}
