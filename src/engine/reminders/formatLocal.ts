// "I will remind you at Thu 26 Nov, 14:30 (Europe/Berlin)": the time in the user's own zone, with the zone
// named so nobody wonders whose 14:30 it is.
import { validTimeZone } from './zonedTime';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      // A malformed locale tag from the client must not break the reply.
      f = new Intl.DateTimeFormat('en-GB', options);
    }
    // Locale and zone come from clients; bound the cache so odd values cannot grow it forever.
    if (formatters.size >= 500) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/**
 * Default locale en-GB gives "Thu 26 Nov, 14:30"; another locale (e.g. Teams' "de-DE") gives that locale's
 * own order and clock. No year: reminders are at most 30 days ahead.
 */
export function formatLocal(d: Date, timeZone: string | null, locale = 'en-GB'): string {
  const zone = validTimeZone(timeZone) ?? 'UTC';
  return `${formatter(locale, zone).format(d)} (${zone})`;
}
