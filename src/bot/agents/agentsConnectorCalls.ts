// The Agents SDK's CloudAdapter with every Bot Connector call under connectorCall.ts's rules, as the
// botbuilder host has them (connectorTransport.ts): a deadline within the turn's 13 s, retries only
// inside a turn, none outside it (ProactiveSender retries proactive sends). The SDK's connector
// client has no timeout and no retry of its own; each client the adapter creates (per turn, per
// proactive send) gets its one HTTP method wrapped.
import { CloudAdapter, type ConnectorClient } from '@microsoft/agents-hosting';
import { log as logger } from '../../dialogs/logger';
import { AttemptTimedOut, budgetedCall, DEFAULT_CONNECTOR_RETRY, retryAfterOf, type CallPolicy, type ConnectorRetry } from '../connectorCall';

/** The SDK's HttpClient.request and the HttpError it throws for a non-2xx answer (not exported by the SDK). */
interface RequestConfigish {
  method: string;
  url: string;
  signal?: AbortSignal;
}
type Request = (config: RequestConfigish) => Promise<unknown>;
interface HttpErrorish {
  status?: unknown;
  response?: { headers?: { get?(name: string): string | null } };
}

function budgeted(client: ConnectorClient, policy: CallPolicy): ConnectorClient {
  const http = client.httpClient as unknown as { request: Request };
  const send = http.request.bind(http);
  http.request = async (config) => {
    const where = `${config.method.toUpperCase()} ${new URL(config.url, 'http://connector').pathname}`;
    const r = await budgetedCall(where, policy, async (leftMs) => {
      const timer = AbortSignal.timeout(leftMs);
      try {
        return { status: 200, retryAfter: null, response: await send({ ...config, signal: config.signal ? AbortSignal.any([config.signal, timer]) : timer }) };
      } catch (e) {
        if (timer.aborted) throw new AttemptTimedOut();
        const err = e as HttpErrorish;
        if (typeof err?.status !== 'number') throw e;
        return { status: err.status, retryAfter: retryAfterOf((n) => err.response?.headers?.get?.(n)), error: e };
      }
    });
    if ('error' in r) throw r.error;
    return r.response;
  };
  return client;
}

export class BudgetedCloudAdapter extends CloudAdapter {
  private policy: CallPolicy = { perCallMs: 10000, retry: DEFAULT_CONNECTOR_RETRY, log: (line) => logger.warn('connector.budget', { message: line }) };

  /** The per-call limit (CONNECTOR_TIMEOUT_MS) and retry settings; the log line goes where botbuilder's does. */
  withCallPolicy(perCallMs: number, retry: Partial<ConnectorRetry> = {}): this {
    this.policy = { ...this.policy, perCallMs, retry: { ...DEFAULT_CONNECTOR_RETRY, ...retry } };
    return this;
  }

  protected override async createConnectorClient(...args: Parameters<CloudAdapter['createConnectorClient']>): Promise<ConnectorClient> {
    return budgeted(await super.createConnectorClient(...args), this.policy);
  }

  protected override async createConnectorClientWithIdentity(...args: Parameters<CloudAdapter['createConnectorClientWithIdentity']>): Promise<ConnectorClient> {
    return budgeted(await super.createConnectorClientWithIdentity(...args), this.policy);
  }
}
