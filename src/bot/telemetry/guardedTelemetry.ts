// Wraps the real sink: adds the turn's scope, drops property values that look like free text (a
// URL, an e-mail address, a path, anything long), strips exception messages, and never lets a
// telemetry failure reach a user's turn.
import { safeError } from './safeError';
import { scopeProps } from './telemetryScope';
import type { Measurements, Props, Telemetry } from './telemetry';
import { log } from '../../dialogs/logger';

/** Ids, hashes, kinds, finding lists: letters, digits and a few separators. No "/", "@", "\" or line breaks. */
const SAFE_VALUE = /^[A-Za-z0-9._:,#+ -]{0,1000}$/;
const SAFE_NAME = /^[A-Za-z0-9._-]{1,60}$/;

export const REDACTED = '<redacted>';

export function cleanProps(props: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) {
    if (!SAFE_NAME.test(k)) continue;
    out[k] = typeof v === 'string' && SAFE_VALUE.test(v) ? v : REDACTED;
  }
  return out;
}

function cleanMeasurements(m: Measurements | undefined): Measurements | undefined {
  if (!m) return undefined;
  const out: Measurements = {};
  for (const [k, v] of Object.entries(m)) if (SAFE_NAME.test(k) && Number.isFinite(v)) out[k] = Math.round(v * 1000) / 1000;
  return out;
}

export class GuardedTelemetry implements Telemetry {
  constructor(readonly inner: Telemetry) {}

  event(name: string, props: Props, measurements?: Measurements): void {
    try {
      if (!SAFE_NAME.test(name)) return;
      this.inner.event(name, cleanProps({ ...scopeProps(), ...props }), cleanMeasurements(measurements));
    } catch (e) {
      log.warn('telemetry.event-failed', {}, e);
    }
  }

  exception(e: unknown, props: Props = {}): void {
    try {
      this.inner.exception(safeError(e), cleanProps({ ...scopeProps(), ...props }));
    } catch (err) {
      log.warn('telemetry.exception-failed', {}, err);
    }
  }

  async flush(): Promise<void> {
    await this.inner.flush().catch((e: Error) => log.warn('telemetry.flush-failed', {}, e));
  }

  async close(): Promise<void> {
    await (this.inner.close ?? this.inner.flush).call(this.inner).catch((e: Error) => log.warn('telemetry.close-failed', {}, e));
  }
}
