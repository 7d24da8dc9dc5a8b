// Picks the telemetry sink from configuration: a recording file for tests, Application Insights
// when a connection string is set, otherwise none. Every choice is wrapped in GuardedTelemetry.
import type { TelemetryConfig } from '../config';
import type { AppInsightsTelemetry as AppInsightsTelemetryType } from './appInsightsTelemetry';
import { GuardedTelemetry } from './guardedTelemetry';
import { DEFAULT_SALT } from './hashing';
import { RecordingTelemetry } from './recordingTelemetry';
import { NO_TELEMETRY, type Telemetry } from './telemetry';
import { log } from '../../dialogs/logger';

export interface SelectedTelemetry {
  telemetry: GuardedTelemetry;
  salt: string;
  kind: 'none' | 'app-insights' | 'recording';
}

export function selectTelemetry(cfg: TelemetryConfig, warn: (line: string) => void = (line) => log.warn('telemetry.config', { message: line })): SelectedTelemetry {
  let sink: Telemetry = NO_TELEMETRY;
  let kind: SelectedTelemetry['kind'] = 'none';
  if (cfg.recordFile) {
    sink = new RecordingTelemetry(cfg.recordFile);
    kind = 'recording';
  } else if (cfg.connectionString) {
    // Loaded only when used: applicationinsights and OpenTelemetry cost ~50 MB of memory and start-up time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AppInsightsTelemetry } = require('./appInsightsTelemetry') as { AppInsightsTelemetry: typeof AppInsightsTelemetryType };
    sink = new AppInsightsTelemetry(cfg.connectionString);
    kind = 'app-insights';
  }
  if (kind !== 'none' && !cfg.salt) {
    warn('[telemetry] TELEMETRY_SALT is not set: user and tenant ids are hashed with a built-in salt that other installations share. Set TELEMETRY_SALT to a long random string.');
  }
  return { telemetry: new GuardedTelemetry(sink), salt: cfg.salt ?? DEFAULT_SALT, kind };
}
