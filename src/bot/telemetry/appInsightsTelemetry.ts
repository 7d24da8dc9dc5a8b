// Application Insights through applicationinsights 3.x (an OpenTelemetry distro). Its own isolated
// providers (useGlobalProviders: false), so nothing is instrumented automatically: no HTTP requests
// or dependencies (their URLs and bodies would carry conversation ids and pasted output), no console
// capture, no external loggers. Only what the bot tracks by hand is sent.
import { TelemetryClient } from 'applicationinsights';
import type { Measurements, Props, Telemetry } from './telemetry';

/** Flush and shutdown never hold the bot for longer than this (an unreachable endpoint must not block a restart). */
const MAX_WAIT_MS = 3000;

function bounded(p: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, MAX_WAIT_MS); timer.unref(); });
  return Promise.race([p.then(() => undefined, () => undefined), timeout]).finally(() => clearTimeout(timer));
}

export class AppInsightsTelemetry implements Telemetry {
  private readonly client: TelemetryClient;

  constructor(connectionString: string) {
    const client = new TelemetryClient(connectionString, { useGlobalProviders: false });
    const c = client.config;
    c.enableAutoCollectRequests = false;
    c.enableAutoCollectDependencies = false;
    c.enableAutoCollectConsole = false;
    c.enableAutoCollectExceptions = false;
    c.enableAutoCollectExternalLoggers = false;
    c.enableAutoCollectPerformance = false;
    c.enableAutoCollectPreAggregatedMetrics = false;
    c.enableSendLiveMetrics = false;
    c.enableWebInstrumentation = false;
    // Failed sends are not written to a temporary folder on disk: an event lost in an outage is fine.
    c.enableUseDiskRetryCaching = false;
    client.initialize();
    this.client = client;
  }

  event(name: string, props: Props, measurements?: Measurements): void {
    this.client.trackEvent({ name, properties: props, ...(measurements ? { measurements } : {}) });
  }

  exception(e: unknown, props: Props = {}): void {
    this.client.trackException({ exception: e instanceof Error ? e : new Error('non-Error thrown'), properties: props });
  }

  flush(): Promise<void> {
    return bounded(this.client.flush());
  }

  close(): Promise<void> {
    return bounded(this.client.flush().then(() => this.client.shutdown()));
  }
}
