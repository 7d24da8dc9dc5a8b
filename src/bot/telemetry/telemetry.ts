// What the bot tells its operators about usage and failures. The contract is small on purpose:
// named events with short string properties and numbers, and exceptions. Callers pass ids from the
// flow and the finding catalogue only; never message text, pasted output, names, e-mail addresses,
// URLs or server names (GuardedTelemetry enforces what it can, the telemetry test checks the rest).

export type Props = Record<string, string>;
export type Measurements = Record<string, number>;

export interface Telemetry {
  event(name: string, props: Props, measurements?: Measurements): void;
  exception(e: unknown, props?: Props): void;
  /** Sends what is buffered; resolves even when the endpoint is unreachable. */
  flush(): Promise<void>;
  /** Flushes and releases timers and sockets (shutdown). */
  close?(): Promise<void>;
}

/** The default: telemetry off. */
export class NoTelemetry implements Telemetry {
  event(): void {}
  exception(): void {}
  async flush(): Promise<void> {}
}

export const NO_TELEMETRY: Telemetry = new NoTelemetry();
