// The typed form of a reminder: "remind me in 2 hours to check the connector log". Anything that does not
// start like a reminder is left alone (null), so "remind me what the tenant URL was" still reaches the flow.

export const MIN_REMIND_MINUTES = 1;
export const MAX_REMIND_DAYS = 30;
export const MAX_REMIND_MINUTES = MAX_REMIND_DAYS * 24 * 60;
/** Long enough for a sentence; the note is echoed back on a card. */
export const MAX_ABOUT_LENGTH = 300;

export type RemindCommand = { ok: true; minutes: number; about: string | null } | { ok: false; error: string };

const EXAMPLES = `e.g. "remind me in 30 minutes", "remind me in 2 hours to check the connector log" or "remind me in 1 day"`;

// A Map, not an object literal: "remind me in 5 constructor" must not find Object.prototype.constructor.
const UNITS = new Map<string, number>([
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((u): [string, number] => [u, 1]),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u): [string, number] => [u, 60]),
  ...['d', 'day', 'days'].map((u): [string, number] => [u, 1440]),
]);

// "remind me" at the start (text already trimmed), after an optional "/" or "please"; keeps the rest's case.
const LEAD = /^\/?\s*(?:please\s+)?remind\s+me\b\s*(.*)$/is;
// Words after "remind me" that show a reminder was meant, though perhaps not in a form we understand.
const WHEN_WORDS = /^(?:in|to|tomorrow|tonight|later|soon|at|on|next|this|after|every)\b/i;
// "in <amount><unit> <rest>"; the amount is loose here so "1.5" and "-3" get a precise error below.
const AMOUNT = /^in\s+(an?|one|[-+]?\d+(?:[.,]\d+)?)\s*([a-z]+)\b\s*(.*)$/is;
const ABOUT = /^(?:to|about|that|re:?|:|-|–|—)\s*(.*)$/is;

function fail(error: string): RemindCommand {
  return { ok: false, error };
}

function describe(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Parses "remind me in <N> <unit> [to|about <text>]" (units: minute(s)/min(s)/m, hour(s)/hr(s)/h, day(s)/d;
 * case-insensitive; "an hour" works). Null when the text is not a reminder request; `ok: false` with a sentence
 * to show the user when it is one we cannot schedule.
 */
export function parseRemindCommand(text: string): RemindCommand | null {
  const lead = LEAD.exec(text.trim());
  if (!lead) return null;
  const rest = lead[1]!.trim().replace(/[.!?]+$/, '').trim();
  if (rest === '' || /^to\b/i.test(rest)) return fail(`When should I remind you? Say ${EXAMPLES}.`);
  if (!WHEN_WORDS.test(rest)) return null; // "remind me what ...", "remind me how ..." are questions, not reminders
  if (!/^in\b/i.test(rest)) return fail(`I can only set reminders a number of minutes, hours or days from now: ${EXAMPLES}.`);
  const m = AMOUNT.exec(rest);
  if (!m) return fail(`I did not understand "${rest}". Give a whole number and a unit: ${EXAMPLES}.`);
  const [, amountText, unitText, tail] = m;
  const perUnit = UNITS.get(unitText!.toLowerCase());
  if (perUnit === undefined) return fail(`"${unitText}" is not a unit I know; use minutes, hours or days: ${EXAMPLES}.`);
  const amount = /^(an?|one)$/i.test(amountText!) ? 1 : Number(amountText!.replace(',', '.'));
  if (!Number.isInteger(amount)) return fail('Use a whole number, e.g. "remind me in 90 minutes" rather than "in 1.5 hours".');
  const minutes = amount * perUnit;
  if (minutes < MIN_REMIND_MINUTES) return fail(`The shortest reminder is 1 minute: ${EXAMPLES}.`);
  if (minutes > MAX_REMIND_MINUTES) return fail(`I can remind you at most ${MAX_REMIND_DAYS} days ahead; ${describe(minutes)} is too far.`);
  const note = aboutText(tail!.trim());
  return 'error' in note ? fail(note.error) : { ok: true, minutes, about: note.about };
}

// What follows the duration: "to/about <note>", or just a note ("in 1 hour check event 3001").
function aboutText(tail: string): { about: string | null } | { error: string } {
  if (/^(?:and\b|\d)/i.test(tail)) return { error: 'Give one amount and one unit, e.g. "remind me in 150 minutes" rather than "in 2 hours 30 minutes".' };
  const marked = ABOUT.exec(tail);
  const note = (marked ? marked[1]! : tail).trim();
  if (note.length > MAX_ABOUT_LENGTH) return { error: `Please keep the reminder note under ${MAX_ABOUT_LENGTH} characters.` };
  return { about: note === '' ? null : note };
}
