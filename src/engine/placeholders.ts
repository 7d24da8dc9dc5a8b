// One detector for values that must never reach a fix command or be remembered as the tenant's:
// documentation placeholders (`<your-tenant-id>`, `[tenant]`), values the poster masked
// (`xxxx`, `****`, `b5fb…`, `<redacted>`), and the sample values of the docs and the seed article
// (contoso.com, the 5c6bb73b-… tenant). A wrong fix is worse than no fix, so parsers and rules ask
// here before keeping a value, and diagnose() checks every fix command a last time.
// Every pattern is bounded, so scanning a megabyte stays linear.
import raw from './data/sampleValues.json';

export type PlaceholderKind = 'placeholder' | 'masked' | 'sample';

export interface PlaceholderHit {
  kind: PlaceholderKind;
  /** The text that gave it away, for the finding's wording. */
  match: string;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const MASK_WORDS = 'redacted|removed|hidden|masked|obfuscated|sanitized|sanitised|anonymi[sz]ed|censored|snip';

// Masked: a word saying so (in brackets or not), runs of x / * / #, an ellipsis glued to a value.
const MASKED = new RegExp(
  [
    `[<[({](?:${MASK_WORDS})[^>\\])}\\n]{0,40}[>\\])}]`,
    `\\b(?:${MASK_WORDS})\\b`,
    '(?:^|[^A-Za-z])[xX]{3,}(?![A-Za-wyzA-WYZ])',
    '[xX]{4,}',
    '\\*{3,}',
    '#{3,}',
  ].join('|'),
  'i',
);
// A value cut short (`b5fb…`, `https://7e1d...`) cannot be typed back either; in a whole paste the
// same dots are ordinary (`Checking ...`, a table's `ClientAccessServerE...`), so values only.
const ELIDED = /[A-Za-z0-9\-/]\u2026|\u2026[A-Za-z0-9\-/]|[A-Za-z0-9\-/]\.{3,}|(?:^|[^.])\.{3,}[A-Za-z0-9\-]/;

// Placeholders: <words> as the docs write them, [tenant]-style brackets, "your-tenant" wording.
const PLACEHOLDER = new RegExp(
  [
    '<[A-Za-z*][A-Za-z0-9 ._\\-/:*]{0,60}>',
    // The article's and the registry doc's stand-ins, written as words.
    '\\b(?:MicrosoftRMSUrl|MicrosoftRMS_FQDN|ConnectorFQDN|YourTenantURL|True/False)\\b',
    '\\[(?:your|tenant|server|domain|guid|company|org|connector|fqdn|name|mailbox|user|region)[A-Za-z0-9 ._\\-]{0,40}\\]',
    '\\{(?:your|tenant|server|domain|guid|company|org|connector|fqdn|region)[A-Za-z0-9 ._\\-]{0,40}\\}',
    // Spelled with a space, the stand-in must end there: Exchange's own messages say "for your organization".
    '\\byour(?:[-_]?(?:tenant|domain|server|connector|company|org|mailbox|fqdn|region)|[ ](?:tenant|domain|server|connector|company|org|mailbox|fqdn|region)\\b)',
  ].join('|'),
  'i',
);

const SAMPLE = new RegExp(
  [
    ...raw.guids.map(escape),
    `(?:^|[^A-Za-z0-9-])(?:${raw.domains.map(escape).join('|')})\\.[A-Za-z]{2,}`,
  ].join('|'),
  'i',
);
// Word and Outlook turn quotes into typographic ones: a value holding them went through a document,
// not a console, and cmd.exe does not read them as quotes. (A whole paste may hold them rightly: a
// browser's error page says "can’t".)
const SMART_QUOTES = /[\u2018\u2019\u201a\u201b\u201c\u201d\u201e]/;

const PASTE_WINDOW = 128 * 1024;

function first(text: string, checks: readonly (readonly [PlaceholderKind, RegExp])[]): PlaceholderHit | null {
  for (const [kind, re] of checks) {
    const m = re.exec(text);
    if (m) return { kind, match: m[0].trim() };
  }
  return null;
}

const VALUE_CHECKS = [
  ['masked', MASKED],
  ['masked', ELIDED],
  ['placeholder', PLACEHOLDER],
  ['sample', SAMPLE],
  ['sample', SMART_QUOTES],
] as const;
const PASTE_CHECKS = [
  ['masked', MASKED],
  ['placeholder', PLACEHOLDER],
  ['sample', SAMPLE],
] as const;
const PASTE_CHECKS_MARKUP = [
  ['masked', MASKED],
  ['sample', SAMPLE],
] as const;

/** The first placeholder, masked or sample value in one value or command (masked wins, then placeholder, then sample). */
export function findPlaceholder(text: string): PlaceholderHit | null {
  return first(text, VALUE_CHECKS);
}

/**
 * The same over a whole paste: elided values are left out (`Checking ...` and a table's `...` are
 * ordinary there), and so are `<tags>` when the paste is XML (an event's XML view).
 */
export function findPlaceholderInPaste(text: string): PlaceholderHit | null {
  // The head is enough to say "this paste holds placeholders"; every value that feeds a fix is
  // checked on its own anyway (realValue, finishFix), so a long log is not scanned three times.
  const head = text.length > PASTE_WINDOW ? text.slice(0, PASTE_WINDOW) : text;
  return first(head, head.indexOf('</') === -1 ? PASTE_CHECKS : PASTE_CHECKS_MARKUP);
}

/** Is this value a placeholder, a masked value or a documentation sample? null when it looks real. */
export function placeholderKind(value: string): PlaceholderKind | null {
  return findPlaceholder(value)?.kind ?? null;
}

/** `value` when it looks real, otherwise undefined: for facts that feed fixes (CaseContext). */
export function realValue<T extends string>(value: T | undefined | null): T | undefined {
  if (value === undefined || value === null) return undefined;
  return placeholderKind(value) === null ? value : undefined;
}
