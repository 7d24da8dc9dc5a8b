// The HTTP transport under botbuilder's connector client (ConnectorClientOptions.httpClient), the
// one place that decides how long a Bot Connector call may take and whether it is tried again.
//
// The SDK's own pipeline retries a 408/5xx up to three times with exponential waits (1, 2, 4 s) and
// sleeps as long as any Retry-After says; it replaces request policies passed to it, so it cannot be
// told otherwise. Left alone, it stacks its retries under the proactive sender's and holds a turn for
// as long as Teams asks. So this transport never hands the SDK an answer it would retry: inside a turn
// it retries here (jittered back-off, Retry-After honoured only while the turn's deadline allows),
// and outside a turn it makes one attempt and leaves the retrying to ProactiveSender. What still
// fails is thrown as a ConnectorHttpError, which the SDK's retry policy passes straight through.
import type { ConnectorClientOptions } from 'botframework-connector';
import { backoffMs, BACKOFF_BASE_MS } from '../engine/reminders/backoff';
import { log as logger } from '../dialogs/logger';
import { callBudgetMs, insideTurn } from './connectorBudget';
import { isRetryableStatus } from './retryableStatus';

export class ConnectorTimeoutError extends Error {}

/**
 * A failed connector call with the status as botbuilder's errors carry it (statusCode) and the
 * Retry-After the connector sent (ProactiveSender reads both). No `response` field: the SDK's client
 * would take one for its own response object and try to deserialise it.
 */
export class ConnectorHttpError extends Error {
  override readonly name = 'ConnectorHttpError';

  constructor(where: string, readonly statusCode: number, readonly retryAfter: string | null) {
    super(`${where}: the Bot Connector answered HTTP ${statusCode}`);
  }
}

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

/** The parts of the SDK's (azure core-http compat) request and response this transport uses. */
interface WebResourceish {
  method: string;
  url: string;
  body?: unknown;
  abortSignal?: AbortSignal;
  headers: { toJson(opts?: { preserveCase?: boolean }): Record<string, string> };
}
interface Responseish {
  request: WebResourceish;
  status: number;
  headers: { toJson(opts?: { preserveCase?: boolean }): Record<string, string> };
  bodyAsText: string;
}

/** Answers the SDK would retry itself (408, 5xx) or that we retry: these never reach it as answers. */
function mustNotReachSdk(status: number): boolean {
  return status >= 500 || isRetryableStatus(status);
}

/** Retry-After in its millisecond variants first, then the standard header. */
function retryAfterHeader(headers: Record<string, string>): string | null {
  const ms = headers['retry-after-ms'] ?? headers['x-ms-retry-after-ms'];
  if (ms && Number.isFinite(Number(ms))) return String(Number(ms) / 1000);
  return headers['retry-after'] ?? null;
}

function bodyOf(body: unknown): string | Uint8Array | undefined {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return body === undefined || body === null ? undefined : JSON.stringify(body);
}

export function connectorClientOptions(
  perCallMs: number,
  retry: Partial<ConnectorRetry> = {},
  log: (line: string) => void = (line) => logger.warn('connector.budget', { message: line }),
): ConnectorClientOptions {
  const r: ConnectorRetry = { ...DEFAULT_CONNECTOR_RETRY, ...retry };

  /** One attempt, aborted at the deadline. */
  async function attempt(request: WebResourceish, where: string, deadline: number): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    const left = deadline - Date.now();
    if (left <= 0) {
      log(`[connector] ${where} gave up after ${Math.round(perCallMs)} ms or at the end of the turn (no time left)`);
      throw new ConnectorTimeoutError(`${where}: no time left`);
    }
    const timer = AbortSignal.timeout(left);
    try {
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers.toJson({ preserveCase: true }),
        body: bodyOf(request.body),
        signal: request.abortSignal ? AbortSignal.any([request.abortSignal, timer]) : timer,
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => { headers[k] = v; });
      return { status: res.status, headers, text: await res.text() };
    } catch (e) {
      if (!timer.aborted) throw e;
      log(`[connector] ${where} gave up after ${left} ms (no answer in time)`);
      throw new ConnectorTimeoutError(`${where}: no answer within ${left} ms`);
    }
  }

  const httpClient = {
    async sendRequest(request: WebResourceish): Promise<Responseish> {
      const deadline = Date.now() + callBudgetMs(perCallMs);
      const where = `${request.method} ${new URL(request.url).pathname}`;
      const attempts = insideTurn() ? Math.max(1, r.maxAttempts) : 1;
      for (let n = 1; ; n++) {
        const res = await attempt(request, where, deadline);
        if (!mustNotReachSdk(res.status)) return { request, status: res.status, headers: { toJson: () => res.headers }, bodyAsText: res.text };
        if (n >= attempts || !isRetryableStatus(res.status)) throw new ConnectorHttpError(where, res.status, retryAfterHeader(res.headers));
        const wait = backoffMs(n, retryAfterHeader(res.headers), r.random, new Date(), r.baseMs);
        if (Date.now() + wait >= deadline) {
          log(`[connector] ${where}: HTTP ${res.status} asked to wait ${Math.round(wait / 1000)} s, past this call's time budget; not waiting`);
          throw new ConnectorHttpError(where, res.status, retryAfterHeader(res.headers));
        }
        await r.sleep(wait);
      }
    },
  };
  return { httpClient } as unknown as ConnectorClientOptions;
}
