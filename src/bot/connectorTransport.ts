// The HTTP transport under botbuilder's connector client (ConnectorClientOptions.httpClient): each
// call runs under connectorCall.ts's deadline and retry rules.
//
// The SDK's own pipeline retries a 408/5xx up to three times with exponential waits (1, 2, 4 s) and
// sleeps as long as any Retry-After says; it replaces request policies passed to it, so it cannot be
// told otherwise. Left alone, it stacks its retries under the proactive sender's and holds a turn for
// as long as Teams asks. So this transport never hands the SDK an answer it would retry: what still
// fails after our own attempts is thrown as a ConnectorHttpError, which the SDK's retry policy passes
// straight through (it retries only its own RestError).
import type { ConnectorClientOptions } from 'botframework-connector';
import { log as logger } from '../dialogs/logger';
import { budgetedCall, DEFAULT_CONNECTOR_RETRY, retryAfterOf, type ConnectorRetry } from './connectorCall';
import { exchange } from './connectorHttp';
import { isRetryableStatus } from './retryableStatus';

export { ConnectorTimeoutError, type ConnectorRetry } from './connectorCall';

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

function bodyOf(body: unknown): string | Uint8Array | undefined {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return body === undefined || body === null ? undefined : JSON.stringify(body);
}

export function connectorClientOptions(
  perCallMs: number,
  retry: Partial<ConnectorRetry> = {},
  log: (line: string) => void = (line) => logger.warn('connector.budget', { message: line }),
): ConnectorClientOptions {
  const policy = { perCallMs, retry: { ...DEFAULT_CONNECTOR_RETRY, ...retry }, log };
  const httpClient = {
    async sendRequest(request: WebResourceish): Promise<Responseish> {
      const where = `${request.method} ${new URL(request.url).pathname}`;
      const res = await budgetedCall(where, policy, async (leftMs) => {
        const r = await exchange({ method: request.method, url: request.url, headers: request.headers.toJson({ preserveCase: true }), body: bodyOf(request.body), abortSignal: request.abortSignal }, leftMs);
        return { ...r, retryAfter: retryAfterOf((name) => r.headers[name]) };
      });
      if (mustNotReachSdk(res.status)) throw new ConnectorHttpError(where, res.status, res.retryAfter);
      return { request, status: res.status, headers: { toJson: () => res.headers }, bodyAsText: res.text };
    },
  };
  return { httpClient } as unknown as ConnectorClientOptions;
}
