// Quiet hours (env QUIET_HOURS, e.g. "20:00-07:00"): no reminder or nudge is sent during them in the user's
// zone; a due message waits for the end of the window instead.
import { dateShift, instantsAt, wallTime, zoneOrUtc, zonedToInstant } from './zonedTime';

/** Minutes after local midnight, 0-1439. */
export type MinutesOfDay = number;

/** Quiet from `start` (inclusive) to `end` (exclusive), local time; start > end wraps past midnight. */
export interface QuietHours {
  start: MinutesOfDay;
  end: MinutesOfDay;
}

export type QuietHoursParse = { ok: true; quiet: QuietHours | null } | { ok: false; error: string };

const TIME = /^(\d{1,2})(?:[:.h](\d{2}))?$/;

function parseTime(s: string, isEnd: boolean): MinutesOfDay | null {
  const m = TIME.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  // "22:00-24:00" is a natural way to write "until midnight"; 24:00 is the same as 00:00 as an end.
  if (isEnd && h === 24 && min === 0) return 0;
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** Parses "HH:MM-HH:MM" (also "20-7", "20:00 – 07:00"); "off", "none" or "" mean no quiet hours. */
export function parseQuietHours(spec: string | null | undefined): QuietHoursParse {
  const s = (spec ?? '').trim();
  if (s === '' || /^(off|none|no|false)$/i.test(s)) return { ok: true, quiet: null };
  const parts = s.split(/\s*[-–—]\s*/);
  const start = parts.length === 2 ? parseTime(parts[0]!, false) : null;
  const end = parts.length === 2 ? parseTime(parts[1]!, true) : null;
  if (start === null || end === null) {
    return { ok: false, error: `QUIET_HOURS "${s}" is not a time range; use e.g. "20:00-07:00" (24-hour clock), or "off".` };
  }
  // An empty window is almost certainly a typo, and a whole-day window would never let anything through.
  if (start === end) return { ok: false, error: `QUIET_HOURS "${s}" starts and ends at the same time; use "off" for no quiet hours.` };
  return { ok: true, quiet: { start, end } };
}

function inWindow(m: MinutesOfDay, q: QuietHours): boolean {
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/** Whether `now` falls in the quiet window, by the local clock in `timeZone` (UTC when missing or unknown). */
export function isQuiet(now: Date, timeZone: string | null, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const w = wallTime(now, zoneOrUtc(timeZone));
  return inWindow(w.hour * 60 + w.minute, quiet);
}

/**
 * The first instant at or after `now` outside quiet hours: `now` itself, or the window's local end time.
 * An end time the clocks skip (spring forward) moves on by the gap; an end time that happens twice
 * (fall back) is the first occurrence still after `now`.
 */
export function nextAllowed(now: Date, timeZone: string | null, quiet: QuietHours | null): Date {
  if (!quiet) return now;
  const zone = zoneOrUtc(timeZone);
  const w = wallTime(now, zone);
  const m = w.hour * 60 + w.minute;
  if (!inWindow(m, quiet)) return now;
  // Before midnight in a window that wraps, the window ends tomorrow; otherwise it ends today.
  const endsTomorrow = quiet.start > quiet.end && m >= quiet.start;
  const end = dateShift(w, endsTomorrow ? 1 : 0, Math.floor(quiet.end / 60), quiet.end % 60);
  const later = instantsAt(end, zone).find((t) => t > now.getTime());
  return later === undefined ? zonedToInstant(end, zone) : new Date(later);
}
