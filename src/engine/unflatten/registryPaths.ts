// Restores the line breaks of a flattened registry paste (a paste whose newlines were lost in a chat
// client, a mail client or a ticket system). Two shapes carry their own line starts:
//   reg query   `HKEY_LOCAL_MACHINE\...` key lines, then `    <name>    REG_SZ    <data>` rows, then
//               `ERROR: ...` lines for missing keys;
//   .reg export `Windows Registry Editor Version 5.00`, `[HKEY_...]` sections, `"name"="data"` / `@="data"`.
// Called by the normaliser (unflatten/index.ts) with one long line. Returns null when the text is not
// this shape. One left-to-right scan with bounded look-aheads: linear on a flattened megabyte.

const HIVE = /(?:HKEY_(?:LOCAL_MACHINE|CURRENT_USER|USERS|CLASSES_ROOT|CURRENT_CONFIG)|HKLM|HKCU)\\/;
const HIVE_G = /(?:^|[\s"'])((?:HKEY_(?:LOCAL_MACHINE|CURRENT_USER|USERS|CLASSES_ROOT|CURRENT_CONFIG)|HKLM|HKCU)\\\S{0,400})/g;
const TYPE_G = /(?:^|\s)(REG_(?:SZ|EXPAND_SZ|MULTI_SZ|DWORD|QWORD|BINARY|NONE))(?=\s|$)/g;
const ERROR_G = /(?:^|\s)((?:ERROR|FEHLER|ERREUR):\s)/g;
const REG_HEADER = /^(?:Windows Registry Editor Version 5\.00|REGEDIT4)/;

export function restoreLines(flat: string): string | null {
  if (!HIVE.test(flat)) return null;
  if (flat.indexOf('[HKEY_') !== -1 || flat.indexOf('[-HKEY_') !== -1) return restoreRegExport(flat);
  TYPE_G.lastIndex = 0;
  const hasRows = TYPE_G.test(flat);
  const keys = countMatches(HIVE_G, flat, 2);
  ERROR_G.lastIndex = 0;
  const errors = ERROR_G.test(flat);
  // One key path in a sentence is prose, not a flattened paste: need rows, an ERROR line, or several keys.
  if (!hasRows && !errors && keys < 2) return null;
  return restoreRegQuery(flat);
}

function countMatches(re: RegExp, s: string, enough: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < enough && re.exec(s)) n++;
  re.lastIndex = 0;
  return n;
}

// A cmd prompt (`C:\Windows\system32>`) or a bare `reg query` starts a command line; its key path is an
// argument, not a key line of the output.
const COMMAND_G = /(?:^|\s)((?:[A-Za-z]:\\[^>\s"]{0,200}>\s{0,2})?reg(?:\.exe)?\s{1,4}(?:query|export|add|delete)\s)/gi;
const PROMPT_G = /(?:^|\s)([A-Za-z]:\\[^>\s"]{0,200}>)/g;

type Mark = { at: number; end?: number; kind: 'key' | 'error' | 'command' };

/** End of a command line starting at `i`: the reg verb, its quoted or bare key path, then /flags. */
function commandEnd(flat: string, i: number): number {
  const verb = /^(?:[A-Za-z]:\\[^>\s"]{0,200}>\s{0,2})?(?:reg(?:\.exe)?\s{1,4}(?:query|export|add|delete)\s{1,4})?/i.exec(flat.slice(i, i + 240));
  let j = i + (verb ? verb[0].length : 0);
  const token = (): void => {
    if (flat[j] === '"') {
      const close = flat.indexOf('"', j + 1);
      j = close !== -1 && close - j < 600 ? close + 1 : j + 1;
    } else {
      while (j < flat.length && !/\s/.test(flat[j]!)) j++;
    }
  };
  if (verb && verb[0].length) token();
  for (let flags = 0; flags < 8; flags++) {
    let k = j;
    while (flat[k] === ' ') k++;
    if (flat[k] !== '/') break;
    j = k;
    const flag = /^\/[A-Za-z]{1,10}/.exec(flat.slice(j, j + 12))?.[0]?.toLowerCase() ?? '/';
    j += flag.length;
    if (flag === '/v' || flag === '/d' || flag === '/t') {
      while (flat[j] === ' ') j++;
      token();
    }
  }
  return j;
}

/** Start offsets (sorted) of the matches of a global regex's first group. */
function starts(re: RegExp, flat: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(flat); m; m = re.exec(flat)) out.push(m.index + m[0].length - m[1]!.length);
  return out;
}

/** Merges two sorted lists. */
function merged(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!);
  return out;
}

/**
 * Start offsets of every command line, key line and ERROR line; key paths inside a command are skipped.
 * Every list is sorted, so one sweep each keeps this linear however many prompts a paste holds.
 */
function breaks(flat: string): Mark[] {
  const commands: Mark[] = [];
  let covered = -1;
  for (const at of merged(starts(COMMAND_G, flat), starts(PROMPT_G, flat))) {
    if (at < covered) continue;
    const end = commandEnd(flat, at);
    commands.push({ at, end, kind: 'command' });
    covered = end;
  }
  const outside = (positions: number[], kind: 'key' | 'error'): Mark[] => {
    const out: Mark[] = [];
    let c = 0;
    for (const at of positions) {
      while (c < commands.length && commands[c]!.end! <= at) c++;
      if (c < commands.length && commands[c]!.at <= at) continue;
      out.push({ at, kind });
    }
    return out;
  };
  return [...commands, ...outside(starts(HIVE_G, flat), 'key'), ...outside(starts(ERROR_G, flat), 'error')].sort((a, b) => a.at - b.at);
}

function restoreRegQuery(flat: string): string {
  const marks = breaks(flat);
  const lines: string[] = [];
  const lead = flat.slice(0, marks[0]?.at ?? flat.length).trim();
  if (lead) lines.push(lead);
  for (let i = 0; i < marks.length; i++) {
    const { at, kind } = marks[i]!;
    const end = i + 1 < marks.length ? marks[i + 1]!.at : flat.length;
    const piece = flat.slice(at, end).trim();
    if (kind === 'command') {
      const stop = Math.min(marks[i]!.end!, end);
      lines.push('', flat.slice(at, stop).trim());
      const rest = flat.slice(stop, end).trim();
      if (rest) lines.push(rest);
      continue;
    }
    if (kind === 'error') {
      // "ERROR: The system was unable to find the specified registry key or value." runs to the next key
      // or error (a sentence end is no boundary: German writes "bzw. Wert").
      lines.push('', piece);
      continue;
    }
    const space = piece.search(/\s/);
    const key = space === -1 ? piece : piece.slice(0, space);
    lines.push('', key);
    if (space !== -1) lines.push(...rows(piece.slice(space)));
  }
  lines.push('');
  return lines.join('\n');
}

/** `name REG_SZ data name2 REG_SZ data2` -> one `    name    REG_SZ    data` row each. */
function rows(text: string): string[] {
  const out: string[] = [];
  TYPE_G.lastIndex = 0;
  const types: { start: number; end: number; type: string }[] = [];
  for (let m = TYPE_G.exec(text); m; m = TYPE_G.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length;
    types.push({ start, end: start + m[1]!.length, type: m[1]! });
  }
  if (types.length === 0) {
    const t = text.trim();
    return t ? [t] : [];
  }
  let nameFrom = 0;
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!;
    const name = text.slice(nameFrom, t.start).trim();
    const limit = i + 1 < types.length ? types[i + 1]!.start : text.length;
    const after = text.slice(t.end, limit).replace(/^\s+/, '');
    // The data is one token ("(value not set)" and its translations are one parenthesised phrase); for
    // the last row it is everything left. The next row's name is what remains before the next type.
    let data: string;
    if (i + 1 === types.length) data = after.trim();
    else if (after.startsWith('(')) {
      const close = after.indexOf(')');
      data = close !== -1 && close < 80 ? after.slice(0, close + 1) : after.split(/\s/)[0]!;
    } else data = after.split(/\s/)[0]!;
    out.push(`    ${name}    ${t.type}    ${data}`);
    nameFrom = t.end + (text.slice(t.end, limit).length - after.length) + data.length;
  }
  return out;
}

/** .reg export: sections and values, scanned outside quoted strings only. */
function restoreRegExport(flat: string): string {
  const lines: string[] = [];
  const n = flat.length;
  let i = 0;
  let stray = '';
  const flushStray = (): void => {
    if (stray.trim()) lines.push(stray.trim());
    stray = '';
  };
  while (i < n) {
    const c = flat[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const header = REG_HEADER.exec(flat.slice(i, i + 40));
    if (header) {
      flushStray();
      lines.push(header[0], '');
      i += header[0].length;
      continue;
    }
    if (c === '[') {
      const close = flat.indexOf(']', i);
      if (close !== -1 && close - i < 600) {
        flushStray();
        if (lines.length && lines[lines.length - 1] !== '') lines.push('');
        lines.push(flat.slice(i, close + 1));
        i = close + 1;
        continue;
      }
    }
    if (c === '@' || c === '"') {
      const value = readValue(flat, i);
      if (value) {
        flushStray();
        lines.push(value.text);
        i = value.end;
        continue;
      }
    }
    // Anything else (a comment, a banner): keep it on a line of its own.
    const next = flat.indexOf(' ', i);
    const end = next === -1 ? n : next;
    stray += `${flat.slice(i, end)} `;
    i = end;
  }
  flushStray();
  lines.push('');
  return lines.join('\n');
}

/** A quoted string starting at `i` (with \" and \\ escapes); returns the index after its closing quote. */
function quotedEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s[j]!;
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else j++;
  }
  return -1;
}

/** `"name"="data"`, `@="data"`, `"name"=dword:00000001`, `"name"=hex(2):...`, `"name"=-` at `i`. */
function readValue(s: string, i: number): { text: string; end: number } | null {
  let j: number;
  if (s[i] === '@') j = i + 1;
  else {
    j = quotedEnd(s, i);
    if (j === -1) return null;
  }
  const nameEnd = j;
  while (s[j] === ' ') j++;
  if (s[j] !== '=') return null;
  j++;
  while (s[j] === ' ') j++;
  let end: number;
  if (s[j] === '"') {
    end = quotedEnd(s, j);
    if (end === -1) return null;
  } else {
    const space = s.indexOf(' ', j);
    end = space === -1 ? s.length : space;
  }
  return { text: `${s.slice(i, nameEnd)}=${s.slice(j, end)}`, end };
}
