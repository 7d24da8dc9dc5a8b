// Telemetry kept in memory (and appended to a JSON-lines file when one is given), so a test can read
// exactly what would have been sent to Application Insights.
import * as fs from 'fs';
import type { Measurements, Props, Telemetry } from './telemetry';

export type RecordedItem =
  | { type: 'event'; name: string; props: Props; measurements: Measurements; at: string }
  | { type: 'exception'; name: string; message: string; stack: string; props: Props; at: string };

export class RecordingTelemetry implements Telemetry {
  readonly items: RecordedItem[] = [];

  constructor(private readonly file?: string) {}

  private keep(item: RecordedItem): void {
    this.items.push(item);
    // Synchronous on purpose: the test reads the file right after the HTTP answer.
    if (this.file) fs.appendFileSync(this.file, `${JSON.stringify(item)}\n`);
  }

  event(name: string, props: Props, measurements: Measurements = {}): void {
    this.keep({ type: 'event', name, props, measurements, at: new Date().toISOString() });
  }

  exception(e: unknown, props: Props = {}): void {
    const err = e instanceof Error ? e : new Error(String(e));
    this.keep({ type: 'exception', name: err.name, message: err.message, stack: err.stack ?? '', props, at: new Date().toISOString() });
  }

  async flush(): Promise<void> {}
}

/** Reads a TELEMETRY_RECORD_FILE back. */
export function readRecording(file: string): RecordedItem[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as RecordedItem);
}
