// When a reminder or snooze is due. Every function takes `now`, so the bot, the CLI and the tests agree on
// the clock and nothing here reads the system time.
import { MINUTE_MS, dateShift, wallTime, zoneOrUtc, zonedToInstant } from './zonedTime';

export { validTimeZone } from './zonedTime';

/** The reminder buttons on the card. */
export const REMINDER_PRESETS = ['15m', '1h', 'tomorrow-morning'] as const;
export type ReminderPreset = (typeof REMINDER_PRESETS)[number];

/** Local time that "tomorrow morning" means: the start of a working day in most of the world. */
export const MORNING_HOUR = 9;

export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * MINUTE_MS);
}

/**
 * Durations are absolute (15 minutes is 15 real minutes, even across a DST change); only "tomorrow morning"
 * is a wall-clock time: 09:00 on the next calendar day in the user's zone (UTC when the zone is missing or unknown).
 */
export function presetDue(preset: ReminderPreset, now: Date, timeZone: string | null): Date {
  switch (preset) {
    case '15m':
      return addMinutes(now, 15);
    case '1h':
      return addMinutes(now, 60);
    case 'tomorrow-morning': {
      const zone = zoneOrUtc(timeZone);
      return zonedToInstant(dateShift(wallTime(now, zone), 1, MORNING_HOUR, 0), zone);
    }
  }
}

// A NaN or negative delay would make a reminder fire at once or never; fail loudly at the call site instead.
function checkedMinutes(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError(`minutes must be a positive number, got ${minutes}`);
  return minutes;
}

/** Due time for "remind me in N minutes" (N already validated by parseRemindCommand). */
export function customDue(minutes: number, now: Date): Date {
  return addMinutes(now, checkedMinutes(minutes));
}

/** Due time of a snoozed reminder: `minutes` from when the user pressed Snooze, not from the old due time. */
export function snoozeDue(now: Date, minutes: number): Date {
  return addMinutes(now, checkedMinutes(minutes));
}
