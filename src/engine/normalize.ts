// Turns text exactly as it reaches us from Teams (or a file, or a terminal) into plain lines that
// every parser can trust: Teams often sends a pasted block as HTML (<pre>, <code>, <br>, &nbsp;),
// Windows gives CRLF, consoles give tabs and trailing spaces, and admins paste their prompt too.
// Pastes also arrive flattened (every newline lost), hard-wrapped at 80 columns, quoted in a mail
// reply or inside a markdown code fence: those are undone here too (unflatten/ restores the lines).
// Everything here is a single linear pass: a paste can be megabytes long.
import { restoreFlattened, FLAT_LINE } from './unflatten';

export interface NormalizedPaste {
  /** The output with prompt lines removed, LF line ends, no trailing spaces, tabs expanded. */
  text: string;
  /** Commands found on PowerShell / cmd prompt lines, in order (e.g. "Get-IRMConfiguration | fl"). */
  commands: string[];
}

const BLOCK_TAGS = new Set(['br', 'p', 'div', 'li', 'tr', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol']);
const INLINE_TAGS = new Set(['code', 'span', 'b', 'i', 'u', 'em', 'strong', 'a', 'font', 'td', 'th', 'tbody', 'thead', 'img', 'at', 'section', 'html', 'body', 'head', 'meta', 'style', 'attachment', 'systeminfo', 'emoji', 'sub', 'sup', 's', 'strike', 'tt', 'kbd', 'samp', 'colgroup', 'col', 'hr']);

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", ndash: '-', mdash: '-', hellip: '...',
  lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"', bull: '*', middot: '*', zwj: '', zwnj: '', shy: '',
};

/** True when the text looks like Teams' HTML rendering of a message rather than raw console output. */
export function looksLikeHtml(raw: string): boolean {
  const head = raw.slice(0, 4096).toLowerCase();
  return /<(pre|code|br|div|p|span|blockquote)(\s[^>]{0,300})?\/?>/.test(head) || (/&nbsp;|&lt;|&gt;|&amp;|&#\d+;/.test(head) && /<\/?[a-z]+[^>]{0,300}>/.test(head));
}

/**
 * Removes known HTML tags (block tags become line breaks) and keeps everything else, including
 * a `<` that is part of PowerShell output such as `<YourTenantURL>`. Linear: it scans once and
 * looks ahead a bounded distance for the closing `>`.
 */
export function stripHtml(raw: string): string {
  const out: string[] = [];
  let last = 0;
  let i = raw.indexOf('<');
  while (i !== -1) {
    let j = i + 1;
    if (raw[j] === '/') j++;
    let name = '';
    while (j < raw.length && name.length < 16) {
      const c = raw.charCodeAt(j);
      const isAlnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
      if (!isAlnum) break;
      name += raw[j];
      j++;
    }
    const lower = name.toLowerCase();
    const known = BLOCK_TAGS.has(lower) || INLINE_TAGS.has(lower);
    const close = known ? raw.indexOf('>', j) : -1;
    if (known && close !== -1 && close - j < 2000) {
      out.push(raw.slice(last, i));
      if (BLOCK_TAGS.has(lower)) {
        // <br> is one break; a block element's open/close produces one break (collapsed later if doubled).
        out.push('\n');
      }
      last = close + 1;
      i = raw.indexOf('<', last);
    } else {
      i = raw.indexOf('<', i + 1);
    }
  }
  out.push(raw.slice(last));
  return out.join('');
}

/** Decodes the HTML entities Teams uses; unknown ones are left as they are. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z0-9]{2,8});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) return whole;
      return code === 0xa0 ? ' ' : String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named === undefined ? whole : named;
  });
}

function trimEnd(line: string): string {
  const last = line.charCodeAt(line.length - 1);
  return last === 32 || last === 9 || last === 11 || last === 12 ? line.replace(/\s+$/, '') : line;
}

function expandTabs(line: string): string {
  if (line.indexOf('\t') === -1) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') {
      const pad = 4 - (out.length % 4);
      out += ' '.repeat(pad);
    } else out += ch;
  }
  return out;
}

// `[PS] C:\Windows\system32>cmd`, `PS C:\Users\admin> cmd`, `C:\>reg query ...`, `PS>cmd`.
// Bounded quantifiers keep this linear on long lines.
const PROMPT = /^\s{0,8}(?:\[PS\]\s{0,4}[A-Za-z]:\\[^>\n]{0,400}>|PS\s{0,4}(?:[A-Za-z]:\\[^>\n]{0,400}|[A-Za-z]+:[^>\n]{0,400})?>|[A-Za-z]:\\[^>\n]{0,400}>)\s?(.*)$/;

/** Teams' HTML rendering of a message as plain text (line breaks kept); other text unchanged. */
export function htmlToText(raw: string): string {
  return looksLikeHtml(raw) ? decodeEntities(stripHtml(raw)) : raw;
}

/** A mail reply's quoting (`> `, nested `> > `), when nearly every line carries it. */
export function stripMailQuotes(lines: string[]): string[] {
  let quoted = 0;
  let nonBlank = 0;
  for (const l of lines) {
    if (l.length === 0 || (l.charCodeAt(0) <= 32 && l.trim() === '')) continue;
    nonBlank++;
    if (l.charCodeAt(0) === 62) quoted++;
    // A quoted reply is quoted from its first lines on: stop counting early when it is not one.
    if (nonBlank === 50 && quoted < 40) return lines;
  }
  if (quoted < 2 || quoted < nonBlank * 0.8) return lines;
  return lines.map((l) => {
    let i = 0;
    while (l.charCodeAt(i) === 62 && i < 40) {
      i++;
      if (l.charCodeAt(i) === 32) i++;
    }
    return l.slice(i);
  });
}

const GLUED_LABEL = /\s[A-Za-z][\w.-]{1,80} {1,60}: |\s[[{]\s{0,8}"/;

const FENCE = /^\s{0,3}(?:```|~~~)[\w+-]{0,30}\s{0,8}$/;

/** A console that is 80 columns wide cut every longer line; join the pieces back where it is safe. */
const NEW_LINE_START = /^(?:\s|[A-Za-z][\w.-]{0,80} {0,60}: |PS |\[PS\]|-{3}|\\?- {0,4}(?:PASS|FAIL|WARNING)|OVERALL|HKEY_|\[|Event\[|Log Name|<)/;
const TABLE_RULE = /^-{2,200}(?: {1,200}-{2,200}){1,60} {0,8}$/;
export function unwrapAt80(lines: string[]): string[] {
  let full = 0;
  for (const l of lines) {
    if (l.length > 80) return lines;
    if (l.length === 80) full++;
    // A table's rows are padded to the console width: a row of 80 is a row, not a cut line.
    else if (l.charCodeAt(0) === 45 && TABLE_RULE.test(l)) return lines;
  }
  if (full === 0) return lines;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    // A piece of exactly 80 that ends inside a token (or one of several such lines) was cut by the console.
    while (line.length % 80 === 0 && line.length > 0 && (full > 1 || line.charCodeAt(line.length - 1) !== 32) && i + 1 < lines.length && lines[i + 1] !== '' && !NEW_LINE_START.test(lines[i + 1]!)) {
      line += lines[++i]!;
    }
    out.push(line);
  }
  return out;
}

/** Normalises a paste. Never throws; binary garbage comes back as (mostly) itself. */
export function normalizePaste(raw: string): NormalizedPaste {
  let s = raw;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  // UTF-16LE read as UTF-8/latin1 leaves NULs between characters (a .reg export from regedit),
  // behind a byte-order mark that came out as two replacement characters or as "ÿþ".
  const garbledBom = /^(\ufffd\ufffd|\u00ff\u00fe)/.exec(s);
  const body = garbledBom ? s.slice(garbledBom[0].length) : s;
  if (body.length > 1 && body.charCodeAt(1) === 0) s = body.replace(/\u0000/g, '');
  s = htmlToText(s);
  // Each whole-text pass costs ~1 ms per MB: skip the ones this text does not need.
  if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n');
  if (/[\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff]/.test(s)) {
    s = s.replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, '');
  }
  return plainLinesNeedNoRepair(s) ? normalizeInPlace(s) : normalizeRepaired(s);
}

/** One line after tabs and trailing spaces: dropped (null), kept as it is, or replaced; prompts add to commands. */
function keepLine(line: string, commands: string[]): string | null {
  const c0 = line.charCodeAt(0);
  if ((c0 === 96 || c0 === 126 || c0 === 32) && FENCE.test(line)) return null;
  // A prompt line always has a '>' near its start; most lines are rejected without a regex.
  const gt = line.indexOf('>');
  // A flattened paste can put megabytes after its prompt: match the prompt on the line's head only.
  const head = line.length < 2000 ? line : line.slice(0, 2000);
  const m = gt !== -1 && gt < 420 ? PROMPT.exec(head) : null;
  if (!m) return line;
  let cmd = line.slice(head.length - (m[1] ?? '').length).trim();
  let kept: string | null = null;
  // Output glued to the command (a flattened paste): a Format-List label ends the command.
  const label = GLUED_LABEL.exec(cmd);
  // `+ CategoryInfo :` is an error record's: the error message before it is output too, and where
  // the command ends cannot be told, so the whole line is kept as output as well.
  if (label && /\+\s{0,4}$/.test(cmd.slice(Math.max(0, label.index - 8), label.index))) kept = cmd;
  else if (label) {
    kept = cmd.slice(label.index + 1);
    cmd = cmd.slice(0, label.index).trim();
  } else if (cmd.length >= FLAT_LINE) kept = cmd; // no restorer could split it: keep it all
  if (cmd) commands.push(cmd);
  return kept;
}

/** Drops leading and trailing blank lines of joined output; inner ones stay (some formats separate records with them). */
function trimBlankLines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 10) start++;
  while (end > start && text.charCodeAt(end - 1) === 10) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** The first `ch` at or after `from` (the text's length when there is none), reusing `known` while it is still ahead. */
function nextAt(s: string, ch: string, from: number, known: number): number {
  if (known >= from) return known;
  const i = s.indexOf(ch, from);
  return i === -1 ? s.length : i;
}

/** The line of s ending at to has a tab or trailing whitespace (nextTab: the first tab at or after its start). */
function needsLineFix(s: string, to: number, nextTab: number): boolean {
  const last = s.charCodeAt(to - 1);
  return nextTab < to || last === 32 || last === 9 || last === 11 || last === 12;
}

/**
 * True when no repair (mail quotes, flattened lines, 80-column wraps) can apply, judged from line
 * lengths in one indexOf scan; false sends the text down the repairing path, which decides exactly.
 */
function plainLinesNeedNoRepair(s: string): boolean {
  if (s.charCodeAt(0) === 62 || s.indexOf('\n>') !== -1) return false;
  // A single line of 40 or more may be a flattened paste.
  if (s.indexOf('\n') === -1) return s.length < 40;
  let longChars = 0;
  let over80 = false;
  let full = false;
  let nextTab = -1;
  for (let p = 0; p <= s.length; ) {
    let q = s.indexOf('\n', p);
    if (q === -1) q = s.length;
    nextTab = nextAt(s, '\t', p, nextTab);
    const len = q > p && needsLineFix(s, q, nextTab) ? trimEnd(expandTabs(s.slice(p, q))).length : q - p;
    if (len >= FLAT_LINE) longChars += len;
    if (len > 80) over80 = true;
    else if (len === 80) full = true;
    p = q + 1;
  }
  return longChars * 2 < s.length && (over80 || !full);
}

/**
 * The common case: lines need only tabs, trailing spaces, prompts and fences handled. Unchanged runs
 * of lines are copied as slices of the text, so a megabyte log costs a scan rather than 40k line strings.
 */
function normalizeInPlace(s: string): NormalizedPaste {
  const commands: string[] = [];
  const pieces: string[] = [];
  let runStart = 0;
  let nextTab = -1;
  let nextGt = -1;
  for (let p = 0; p <= s.length; ) {
    let q = s.indexOf('\n', p);
    if (q === -1) q = s.length;
    nextTab = nextAt(s, '\t', p, nextTab);
    nextGt = nextAt(s, '>', p, nextGt);
    const fix = q > p && needsLineFix(s, q, nextTab);
    let mayChange = fix || (nextGt < q && nextGt - p < 420);
    if (!mayChange) {
      // A fence has ``` or ~~~ within its first four characters.
      const c0 = s.charCodeAt(p);
      if (c0 === 96 || c0 === 126) mayChange = true;
      else if (c0 === 32) {
        for (let i = p + 1; i < q && i < p + 4 && !mayChange; i++) mayChange = s.charCodeAt(i) === 96 || s.charCodeAt(i) === 126;
      }
    }
    if (mayChange) {
      const raw = s.slice(p, q);
      const line = fix ? trimEnd(expandTabs(raw)) : raw;
      const kept = keepLine(line, commands);
      if (kept !== raw) {
        pieces.push(s.slice(runStart, p));
        if (kept !== null) pieces.push(kept, '\n');
        runStart = q + 1;
      }
    }
    p = q + 1;
  }
  if (runStart < s.length) pieces.push(s.slice(runStart));
  return { text: trimBlankLines(pieces.length === 1 ? pieces[0]! : pieces.join('')), commands };
}

/** Pastes that were quoted, flattened or wrapped: repaired line by line, then handled like any other. */
function normalizeRepaired(s: string): NormalizedPaste {
  const commands: string[] = [];
  const kept: string[] = [];
  let rawLines = stripMailQuotes(s.split('\n'));
  // One pass: tabs, trailing spaces, and how much of the text sits on very long lines.
  let longChars = 0;
  for (let i = 0; i < rawLines.length; i++) {
    const l = trimEnd(expandTabs(rawLines[i]!));
    rawLines[i] = l;
    if (l.length >= FLAT_LINE) longChars += l.length;
  }
  // A flattened paste is mostly one or a few long lines (or one line); a log with some long messages is not.
  if (longChars * 2 >= s.length) rawLines = restoreFlattened(rawLines.join('\n')).split('\n');
  else if (rawLines.length === 1 && s.length >= 40) rawLines = restoreFlattened(rawLines[0]!, 40).split('\n');
  rawLines = unwrapAt80(rawLines);
  for (const line of rawLines) {
    const k = keepLine(line, commands);
    if (k !== null) kept.push(k);
  }
  return { text: trimBlankLines(kept.join('\n')), commands };
}

/** Splits normalised text into lines (LF only, as normalizePaste guarantees). */
export function lines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}
