// Which Bot Connector answers are worth trying again (Teams' guidance on throttling and transient
// failures: 429, 412, 502 and 504, plus the other passing 5xx). 501 and 505 never get better.
const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

/** True when the same request may succeed later; a missing status (no answer at all) counts as one. */
export function isRetryableStatus(status: number | null): boolean {
  return status === null || RETRYABLE.has(status);
}
