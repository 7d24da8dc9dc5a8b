// Settings for proactive messages (reminders, helpdesk nudges), validated at start-up like the rest.
import * as os from 'os';
import { parseQuietHours, type QuietHours } from '../../engine/reminders/quietHours';
import { nudgeSettings } from '../../engine/reminders/nudges';
import { ConfigError, envInt } from '../config';

export interface ReminderConfig {
  /** How often the scheduler looks for due reminders. */
  pollMs: number;
  /** After this many failed sends a reminder is dead-lettered. */
  maxSendAttempts: number;
  /** How long a claim on a reminder holds before another process may take it over. */
  leaseMs: number;
  /** Names this process in leases (several instances may share one store). */
  instanceId: string;
  quietHours: QuietHours | null;
  unclaimedNudgeMinutes: number;
  maxNudges: number;
}


export function loadReminderConfig(env: NodeJS.ProcessEnv = process.env): ReminderConfig {
  const quiet = parseQuietHours(env.QUIET_HOURS ?? '20:00-07:00');
  if (!quiet.ok) throw new ConfigError(`QUIET_HOURS: ${quiet.error}`);
  const nudges = nudgeSettings({ UNCLAIMED_NUDGE_MINUTES: env.UNCLAIMED_NUDGE_MINUTES, MAX_NUDGES: env.MAX_NUDGES });
  if (nudges.warnings.length) throw new ConfigError(nudges.warnings.join(' '));
  return {
    pollMs: envInt(env, 'REMINDER_POLL_MS', 1000, 50, 60000),
    maxSendAttempts: envInt(env, 'MAX_SEND_ATTEMPTS', 8, 1, 50),
    leaseMs: envInt(env, 'REMINDER_LEASE_SECONDS', 60, 5, 3600) * 1000,
    instanceId: (env.INSTANCE_ID ?? '').trim() || `${os.hostname()}:${process.pid}`,
    quietHours: quiet.quiet,
    unclaimedNudgeMinutes: nudges.everyMinutes,
    maxNudges: nudges.maxNudges,
  };
}
