// One Bot Connector call under the rules both hosts follow: a deadline for all its attempts (the
// per-call limit, capped by the turn's own), and retries only inside a turn, where nobody else will
// retry it: jittered back-off, Retry-After honoured while the deadline allows. Outside a turn a call
// makes one attempt; ProactiveSender owns the retries of proactive sends. The host's HTTP layer
// (connectorTransport.ts for botbuilder, agents/agentsConnectorCalls.ts) supplies one attempt.
import { backoffMs, BACKOFF_BASE_MS } from '../engine/reminders/backoff';
import { callBudgetMs, insideTurn } from './connectorBudget';
import { isRetryableStatus } from './retryableStatus';

export class ConnectorTimeoutError extends Error {}

export interface ConnectorRetry {
  /** Attempts per call inside a turn; outside a turn there is one (ProactiveSender retries). */
  maxAttempts: number;
  /** Jittered back-off ceiling of the first retry (CONNECTOR_RETRY_BASE_MS). */
  baseMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_CONNECTOR_RETRY: ConnectorRetry = {
  maxAttempts: 3,
  baseMs: BACKOFF_BASE_MS,
  random: Math.random,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export interface CallPolicy {
  perCallMs: number;
  retry: ConnectorRetry;
  log: (line: string) => void;
}

/** What one attempt came to: its HTTP status and the Retry-After it carried. */
export interface AttemptResult {
  status: number;
  retryAfter: string | null;
}

/** What an attempt throws when it had no answer within the milliseconds it was given. */
export class AttemptTimedOut extends Error {}

/**
 * Runs `attempt` (given the milliseconds left before the deadline, which it must not outlast: it
 * throws AttemptTimedOut then) until it answers with a status not worth retrying, the attempts are
 * used up, or the next wait would pass the deadline; returns the last result, so the host decides how
 * a failed answer reaches its SDK. No answer by the deadline is a ConnectorTimeoutError.
 */
export async function budgetedCall<R extends AttemptResult>(where: string, policy: CallPolicy, attempt: (leftMs: number) => Promise<R>): Promise<R> {
  const { perCallMs, retry, log } = policy;
  const deadline = Date.now() + callBudgetMs(perCallMs);
  const attempts = insideTurn() ? Math.max(1, retry.maxAttempts) : 1;
  for (let n = 1; ; n++) {
    const left = deadline - Date.now();
    if (left <= 0) {
      log(`[connector] ${where} gave up after ${Math.round(perCallMs)} ms or at the end of the turn (no time left)`);
      throw new ConnectorTimeoutError(`${where}: no time left`);
    }
    let r: R;
    try {
      r = await attempt(left);
    } catch (e) {
      if (!(e instanceof AttemptTimedOut)) throw e;
      log(`[connector] ${where} gave up after ${left} ms (no answer in time)`);
      throw new ConnectorTimeoutError(`${where}: no answer within ${left} ms`);
    }
    if (r.status < 400 || !isRetryableStatus(r.status) || n >= attempts) return r;
    const wait = backoffMs(n, r.retryAfter, retry.random, new Date(), retry.baseMs);
    if (Date.now() + wait >= deadline) {
      log(`[connector] ${where}: HTTP ${r.status} asked to wait ${Math.round(wait / 1000)} s, past this call's time budget; not waiting`);
      return r;
    }
    await retry.sleep(wait);
  }
}

/** Retry-After from a header lookup: the millisecond variants first, then the standard header. */
export function retryAfterOf(get: (name: string) => string | null | undefined): string | null {
  const ms = get('retry-after-ms') ?? get('x-ms-retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return String(Number(ms) / 1000);
  return get('retry-after') ?? null;
}
