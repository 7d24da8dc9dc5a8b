// A time budget for every Bot Connector call the adapter makes (replies, card updates, proactive
// sends, member lists). The SDK's own pipeline retries throttled calls and waits as long as
// Retry-After says, and a reply POST that never answers has no timeout at all: either holds a turn
// for minutes, long after Teams (15 s per turn) has given up on it. Here each call gets a deadline,
// retries and Retry-After waits included; inside a turn the deadline is also capped by the turn's
// own budget, so a turn ends in time even when several calls in it are slow. This is the SDK's HTTP
// transport (ConnectorClientOptions.httpClient): the SDK replaces any request policy we give it.
import { AsyncLocalStorage } from 'async_hooks';
import type { ConnectorClientOptions } from 'botframework-connector';
import { log as logger } from '../dialogs/logger';

/** Teams waits 15 s for a turn; what is left after this is for the HTTP answer itself. */
export const TURN_BUDGET_MS = 13000;

const turnDeadline = new AsyncLocalStorage<number | null>();

/** Runs a turn (or anything answering an inbound request) with its deadline `ms` from now. */
export function withTurnDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return turnDeadline.run(Date.now() + ms, work);
}

/** Work that continues after the turn (proactive sends, background escalations): no turn deadline. */
export function outsideTurn<T>(work: () => Promise<T>): Promise<T> {
  return turnDeadline.run(null, work);
}

export class ConnectorTimeoutError extends Error {}

/** The parts of the SDK's (azure core-http compat) request and response this transport uses. */
interface WebResourceish {
  method: string;
  url: string;
  requestId: string;
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

/** The milliseconds a connector call may take now: the per-call limit, or less if the turn is nearly over. */
export function callBudgetMs(perCallMs: number, now = Date.now()): number {
  const deadline = turnDeadline.getStore();
  return deadline ? Math.max(0, Math.min(perCallMs, deadline - now)) : perCallMs;
}

const RETRY_AFTER = ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms'];

/** Retry-After (seconds or HTTP-date) and its millisecond variants, in ms; null when absent. */
function askedWaitMs(headers: Headers, now: number): number | null {
  const ms = headers.get('retry-after-ms') ?? headers.get('x-ms-retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const h = headers.get('retry-after');
  if (!h) return null;
  if (/^\d+(\.\d+)?$/.test(h.trim())) return Number(h) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The HTTP transport for the SDK's connector client. It is the innermost step of the SDK pipeline,
 * so it sees every attempt of the SDK's own retries: one deadline covers them all (by request id),
 * each attempt is aborted when the deadline passes, and a Retry-After that reaches past the deadline
 * is taken off the answer, so the SDK fails at once instead of sleeping (the caller decides: a turn
 * answers with its apology, the proactive sender retries later).
 */
export function connectorClientOptions(perCallMs: number, log: (line: string) => void = (line) => logger.warn('connector.budget', { message: line })): ConnectorClientOptions {
  const deadlines = new Map<string, number>();
  const httpClient = {
    async sendRequest(request: WebResourceish): Promise<Responseish> {
      const now = Date.now();
      for (const [id, d] of deadlines) if (d < now - 60000) deadlines.delete(id);
      let deadline = deadlines.get(request.requestId);
      if (deadline === undefined) {
        deadline = now + callBudgetMs(perCallMs, now);
        deadlines.set(request.requestId, deadline);
      }
      const where = `${request.method} ${new URL(request.url).pathname}`;
      const left = deadline - now;
      if (left <= 0) {
        log(`[connector] ${where} gave up after ${Math.round(perCallMs)} ms or at the end of the turn (no time left)`);
        throw new ConnectorTimeoutError(`${where}: no time left`);
      }
      const timer = AbortSignal.timeout(left);
      let res: Response;
      try {
        res = await fetch(request.url, {
          method: request.method,
          headers: request.headers.toJson({ preserveCase: true }),
          body: typeof request.body === 'string' || request.body instanceof Uint8Array ? request.body : request.body === undefined || request.body === null ? undefined : JSON.stringify(request.body),
          signal: request.abortSignal ? AbortSignal.any([request.abortSignal, timer]) : timer,
        });
      } catch (e) {
        if (!timer.aborted) throw e;
        log(`[connector] ${where} gave up after ${left} ms (no answer in time)`);
        throw new ConnectorTimeoutError(`${where}: no answer within ${left} ms`);
      }
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => { headers[k] = v; });
      const wait = askedWaitMs(res.headers, Date.now());
      if (wait !== null && Date.now() + wait > deadline) {
        log(`[connector] ${where}: HTTP ${res.status} asked to wait ${Math.round(wait / 1000)} s, past this call's time budget; not waiting`);
        for (const k of RETRY_AFTER) delete headers[k];
      }
      if (res.status < 400) deadlines.delete(request.requestId);
      const bodyAsText = await res.text();
      return { request, status: res.status, headers: { toJson: () => headers }, bodyAsText };
    },
  };
  return { httpClient } as unknown as ConnectorClientOptions;
}
