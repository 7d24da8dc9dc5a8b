// Typed answers to a question: "yes"/"no"/"y"/"n", the option's number, or its words.
import type { Option } from './flowTypes';

const YES = new Set(['yes', 'y', 'yep', 'yeah', 'ja', 'true', 'ok', 'it does', 'it did', 'worked', 'it worked']);
const NO = new Set(['no', 'n', 'nope', 'nein', 'false', "it doesn't", 'it did not', "didn't work", 'not working']);

function clean(s: string): string {
  return s.toLowerCase().replace(/[.!?,;:"'`]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** An option that a typed "yes" picks (the card's typing hint uses the same test). */
export function isYesOption(o: Option): boolean {
  return /^(yes|y)\b/i.test(o.label) || o.id.toLowerCase() === 'yes';
}
/** An option that a typed "no" picks. */
export function isNoOption(o: Option): boolean {
  return /^(no|n)\b/i.test(o.label) || o.id.toLowerCase() === 'no';
}

/** Returns the option the text picks, or undefined when it picks none (or is ambiguous). */
export function matchOption(options: Option[], typed: string): Option | undefined {
  const t = clean(typed);
  if (t === '' || t.length > 200) return undefined;
  const num = /^#?(\d{1,2})$/.exec(t);
  if (num) return options[Number(num[1]) - 1];
  const byId = options.find((o) => o.id.toLowerCase() === t);
  if (byId) return byId;
  if (YES.has(t)) return options.find(isYesOption);
  if (NO.has(t)) return options.find(isNoOption);
  const exact = options.filter((o) => clean(o.label) === t || (o.synonyms ?? []).some((s) => clean(s) === t));
  if (exact.length === 1) return exact[0];
  // Words: the option whose label (or a synonym) contains every typed word, if exactly one does.
  const words = t.split(' ').filter((w) => w.length > 1);
  if (words.length === 0) return undefined;
  const partial = options.filter((o) => [o.label, ...(o.synonyms ?? [])].some((l) => {
    const c = clean(l);
    return words.every((w) => c.includes(w));
  }));
  return partial.length === 1 ? partial[0] : undefined;
}
