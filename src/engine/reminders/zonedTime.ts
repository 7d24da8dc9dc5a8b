// Wall-clock maths in an IANA time zone, on top of Intl (Node ships full ICU), so reminders land at
// "09:00 in the admin's zone" even across DST changes, without a date library and without the host's zone.

/** A local date and time in some zone; month 1-12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Building a DateTimeFormat is slow (tens of microseconds); a due-time sweep over many tickets reuses them.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-US with h23 gives plain ASCII digits and hours 00-23 (hour12:false can print "24" at midnight).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    // Zone strings come from clients; bound the cache so odd spellings cannot grow it forever.
    if (formatters.size >= 500) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The zone name if Intl knows it, else null. Keeps the caller's spelling (ICU would rename Asia/Kolkata to
 * Asia/Calcutta, which confuses users) but fixes case-only differences ("utc" → "UTC").
 */
export function validTimeZone(tz: string | null | undefined): string | null {
  if (typeof tz !== 'string') return null;
  const t = tz.trim();
  if (t === '' || t.length > 64) return null;
  try {
    const resolved = formatter(t).resolvedOptions().timeZone;
    return resolved.toLowerCase() === t.toLowerCase() ? resolved : t;
  } catch {
    return null;
  }
}

/** The zone to compute in: the given one if valid, else UTC (Teams does not always send a zone). */
export function zoneOrUtc(tz: string | null | undefined): string {
  return validTimeZone(tz) ?? 'UTC';
}

/** The local wall time of an instant in a zone. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const w: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type in w) w[p.type as keyof WallTime] = Number(p.value);
  }
  return w;
}

/** Wall time as if it were UTC, in ms: the currency for date arithmetic (day rollover, month ends) without zones. */
function wallMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The zone's offset from UTC at an instant, in ms (Berlin in summer: +7,200,000). */
export function offsetMs(instant: number, timeZone: string): number {
  const d = new Date(instant);
  return wallMs(wallTime(d, timeZone)) - Math.floor(instant / 1000) * 1000;
}

/**
 * Every instant whose local time in the zone is `w` (seconds included), earliest first: usually one, two in the
 * repeated hour when clocks go back, none in the skipped hour when they go forward.
 */
export function instantsAt(w: WallTime, timeZone: string): number[] {
  const local = wallMs(w);
  // Offsets a day either side cover both sides of any one transition (zones never change twice in a day).
  const offsets = new Set([offsetMs(local - DAY_MS, timeZone), offsetMs(local + DAY_MS, timeZone)]);
  return [...offsets].map((o) => local - o).filter((t) => offsetMs(t, timeZone) === local - t).sort((a, b) => a - b);
}

/**
 * The instant of a local wall time. Like Temporal's "compatible" choice: a repeated time gives the first
 * occurrence, a skipped time moves forward by the size of the gap (02:30 on spring-forward night → 03:30).
 */
export function zonedToInstant(w: WallTime, timeZone: string): Date {
  const found = instantsAt(w, timeZone);
  if (found.length > 0) return new Date(found[0]!);
  const local = wallMs(w);
  return new Date(local - offsetMs(local - DAY_MS, timeZone));
}

/** The calendar date `days` after the wall time's date (month and year ends handled by Date.UTC), at hh:mm. */
export function dateShift(w: WallTime, days: number, hour: number, minute: number): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute, second: 0 };
}
