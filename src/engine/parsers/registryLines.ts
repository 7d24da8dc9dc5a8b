// Line-level readers for the three registry output formats (facts.md §c.2, §c.3). Each one looks at a
// single line with indexOf and anchored, bounded regexes, so a multi-megabyte paste stays linear.

export interface ParsedValue {
  /** null = the key's default value ((Default), (Standard), @, (default)). */
  name: string | null;
  type: string;
  data: string;
}

/** The default value's name as reg.exe prints it in various UI languages, and PowerShell's `(default)`. */
const DEFAULT_NAMES = new Set(['(default)', '(standard)', '(par défaut)', '(predeterminado)', '(predefinito)', '(padrão)', '(standaard)', '(domyślna)', '(по умолчанию)']);
/** reg.exe's "(value not set)" in various UI languages: the default value exists as a slot but holds nothing. */
const NOT_SET = new Set([
  '(value not set)', '(wert nicht festgelegt)', '(valeur non définie)', '(valor no establecido)', '(valore non impostato)',
  '(valor não definido)', '(waarde niet ingesteld)', '(wartość nie ustawiona)', '(значение не присвоено)',
]);

export function isDefaultName(name: string): boolean {
  return name === '' || (name[0] === '(' && DEFAULT_NAMES.has(name.toLowerCase()));
}

export function isNotSet(data: string): boolean {
  return data[0] === '(' && data.length < 40 && NOT_SET.has(data.trim().toLowerCase());
}

// Bounded alternation of reg.exe's type names, anchored on whitespace both sides (names can contain spaces).
const TYPE_TOKEN = /(?:^|\s)(REG_(?:SZ|EXPAND_SZ|MULTI_SZ|DWORD|QWORD|BINARY|NONE|LINK|DWORD_BIG_ENDIAN|RESOURCE_LIST|FULL_RESOURCE_DESCRIPTOR|RESOURCE_REQUIREMENTS_LIST))(?=\s|$)/i;
export const ENDS_WITH_TYPE = /(?:^|\s)REG_[A-Z_]{2,26}$/i;

/** `    name    REG_SZ    data` -> value; `undefined` when the line has no type token. `notSet` for (value not set). */
export function parseRegQueryValue(line: string): (ParsedValue & { notSet: boolean }) | undefined {
  const m = TYPE_TOKEN.exec(line);
  if (!m) return undefined;
  const tokenStart = m.index + (m[0].length - m[1]!.length);
  const rawName = line.slice(0, tokenStart).trim();
  const data = line.slice(tokenStart + m[1]!.length).trim();
  const name = isDefaultName(rawName) ? null : rawName;
  const notSet = isNotSet(data);
  return { name, type: m[1]!.toUpperCase(), data: notSet ? '' : data, notSet };
}

/** A reg query key line: `HKEY_LOCAL_MACHINE\...`, `HKLM\...`, `\\EXCH01\HKEY_LOCAL_MACHINE\...`, `Computer\HKEY_...`. */
const KEY_LINE = /^\s{0,3}(?:\\\\[A-Za-z0-9._-]{1,255}\\)?(?:computer\\)?(?:HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG)|HKLM|HKCU|HKCR|HKU)(?:\\|:\\|$)/i;

export function isKeyLine(line: string): boolean {
  return KEY_LINE.test(line) && !TYPE_TOKEN.test(line);
}

export const REG_FILE_HEADER = /^\s{0,3}(?:Windows Registry Editor Version \d{1,2}\.\d{1,2}|REGEDIT4)\s*$/i;
const SECTION = /^\s{0,3}\[(-?)((?:HKEY_|HKLM|HKCU)[^\]]{0,1000})\]\s*$/i;

/** `[HKEY_LOCAL_MACHINE\...]` -> path; `[-HKEY...]` (a deletion) -> { deleted: true }. */
export function parseSection(line: string): { path: string; deleted: boolean } | undefined {
  const m = SECTION.exec(line);
  return m ? { path: m[2]!, deleted: m[1] === '-' } : undefined;
}

/** Reads a .reg quoted string from position i (at the opening quote). Returns the text and the index after the closing quote. */
function readQuoted(s: string, i: number): { text: string; end: number } | undefined {
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === '\\' && j + 1 < s.length) {
      out += s[j + 1];
      j++;
    } else if (c === '"') return { text: out, end: j + 1 };
    else out += c;
  }
  return undefined;
}

function hexBytes(list: string): number[] {
  const bytes: number[] = [];
  for (const part of list.split(',')) {
    const t = part.trim();
    if (t === '') continue;
    const n = parseInt(t, 16);
    if (!Number.isNaN(n)) bytes.push(n);
  }
  return bytes;
}

/** REG_EXPAND_SZ / REG_MULTI_SZ bytes: UTF-16LE in a version 5 export, ANSI in REGEDIT4. */
function decodeString(bytes: number[], utf16: boolean): string {
  let s = '';
  if (utf16) for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  else for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

const HEX_TYPES: Record<string, string> = { '0': 'REG_NONE', '2': 'REG_EXPAND_SZ', '7': 'REG_MULTI_SZ', b: 'REG_QWORD', '4': 'REG_DWORD', '5': 'REG_DWORD_BIG_ENDIAN' };

/**
 * `"name"="data"`, `@="data"`, `"name"=hex(2):..`, `"name"=dword:0000000a` -> value.
 * 'incomplete' when the value continues on the next line (a trailing `\` or an unclosed quote);
 * 'ignore' for deletions (`"name"=-`); undefined when the line is not a .reg value at all.
 */
export function parseRegFileValue(line: string, utf16: boolean): ParsedValue | 'incomplete' | 'ignore' | undefined {
  const s = line.trim();
  let name: string | null;
  let i: number;
  if (s[0] === '@') {
    name = null;
    i = 1;
  } else if (s[0] === '"') {
    const q = readQuoted(s, 0);
    if (!q) return s.indexOf('=') === -1 ? 'incomplete' : undefined;
    name = q.text;
    i = q.end;
  } else return undefined;
  while (s[i] === ' ') i++;
  if (s[i] !== '=') return name === null ? undefined : s.length === i ? 'incomplete' : undefined;
  i++;
  while (s[i] === ' ') i++;
  const rest = s.slice(i);
  if (rest === '') return 'incomplete';
  if (rest === '-') return 'ignore';
  if (rest[0] === '"') {
    const q = readQuoted(rest, 0);
    if (!q) return 'incomplete';
    return { name, type: 'REG_SZ', data: q.text };
  }
  if (rest.endsWith('\\')) return 'incomplete';
  const dword = /^dword:([0-9a-fA-F]{1,8})$/.exec(rest);
  if (dword) return { name, type: 'REG_DWORD', data: `0x${parseInt(dword[1]!, 16).toString(16)}` };
  const hex = /^hex(?:\(([0-9a-fA-F]{1,2})\))?:/.exec(rest);
  if (!hex) return undefined;
  const type = hex[1] === undefined ? 'REG_BINARY' : HEX_TYPES[hex[1].toLowerCase()] ?? `REG_TYPE_${hex[1]}`;
  const bytes = hexBytes(rest.slice(hex[0].length));
  if (type === 'REG_EXPAND_SZ' || type === 'REG_MULTI_SZ') {
    const text = decodeString(bytes, utf16).replace(/\u0000+$/, '');
    // reg query prints REG_MULTI_SZ items separated by a literal \0; use the same spelling.
    return { name, type, data: type === 'REG_MULTI_SZ' ? text.split('\u0000').join('\\0') : text };
  }
  return { name, type, data: bytes.map((b) => b.toString(16).padStart(2, '0')).join('') };
}

/** `name : value` (Format-List) -> parts; `name :` is an empty value. */
export function parseListLine(line: string): { name: string; value: string; valueColumn: number } | undefined {
  let idx = line.indexOf(' : ');
  let value: string;
  if (idx === -1) {
    if (!line.endsWith(' :')) return undefined;
    idx = line.length - 2;
    value = '';
  } else value = line.slice(idx + 3).trim();
  const name = line.slice(0, idx).trim();
  if (name === '' || name.length > 300) return undefined;
  return { name, value, valueColumn: idx + 3 };
}

/** PowerShell's "path does not exist" error for a registry path, English and German. */
const CANNOT_FIND = /(?:Cannot find path|Der Pfad|Impossible de trouver le chemin d'accès|No se encuentra la ruta de acceso)\s{1,3}["'\u201c\u201e]((?:HKLM|HKEY_LOCAL_MACHINE|Registry::|Microsoft\.PowerShell)[^"'\u201c\u201d]{1,600})["'\u201c\u201d]/i;

export function cannotFindPath(line: string): string | undefined {
  if (line.indexOf('HK') === -1 && line.indexOf('Registry::') === -1) return undefined;
  const m = CANNOT_FIND.exec(line);
  return m ? m[1] : undefined;
}

/** `ERROR: ...` / `FEHLER: ...` (and a few other languages) at the start of a line, as reg.exe prints. */
const ERROR_LINE = /^\s{0,4}(?:ERROR|FEHLER|ERREUR|ERRORE|FOUT|FEL|BŁĄD|HIBA|CHYBA|ОШИБКА)\s{0,2}:\s{0,4}(.{0,500})$/i;
const NOT_FOUND = /unable to find|cannot find|nicht gefunden|introuvable|impossible de trouver|no se (?:pudo|puede) encontrar|impossibile trovare|non è stato possibile trovare|kan de opgegeven|nie może odnaleźć|не удается найти/i;
const NOT_KEY = /network path|netzwerkpfad|chemin réseau|ruta de red/i;

export function parseErrorLine(line: string): { notFound: boolean; text: string } | undefined {
  if (line.length > 600) return undefined;
  const m = ERROR_LINE.exec(line);
  if (!m) return undefined;
  const text = line.trim();
  return { notFound: NOT_FOUND.test(m[1]!) && !NOT_KEY.test(m[1]!), text };
}

/** A visible `reg query "HKLM\..."` command line (without a prompt, so normalisation kept it). */
const REG_QUERY_CMD = /^\s{0,4}reg(?:\.exe)?\s{1,4}query\s{1,4}"?((?:\\\\[^\\\s"]{1,255}\\)?(?:HKEY_LOCAL_MACHINE|HKLM)[^"]{0,600}?)"?(?:\s{1,4}\/.{0,100})?$/i;

export function regQueryCommandPath(line: string): string | undefined {
  if (line.length > 800) return undefined;
  const m = REG_QUERY_CMD.exec(line);
  return m ? m[1]!.trim() : undefined;
}

/**
 * A .reg value continued on following lines: hex lists end each line with `\`; a string cut by a copy
 * has no closing quote (joined at most 3 times). Parts are joined once, so long hex lists stay linear.
 */
export function readContinued(all: string[], i: number, utf16: boolean): { value: ReturnType<typeof parseRegFileValue>; last: number } {
  const first = all[i]!.trim();
  let open = first.endsWith('\\');
  const parts = [open ? first.slice(0, -1) : first];
  let total = first.length;
  let stringJoins = 0;
  let last = i;
  while (last + 1 < all.length && parts.length < 5000 && total < 400000) {
    const next = all[last + 1]!.trim();
    if (next === '' || next[0] === '[') break;
    if (!open && ++stringJoins > 3) break;
    last++;
    open = next.endsWith('\\');
    parts.push(open ? next.slice(0, -1) : next);
    total += next.length;
    if (!open) {
      const value = parseRegFileValue(parts.join(''), utf16);
      if (value !== 'incomplete') return { value, last };
    }
  }
  return { value: open ? parseRegFileValue(parts.join(''), utf16) : 'incomplete', last };
}

/** Get-ItemProperty does not print types: a `{a, b}` value is a REG_MULTI_SZ, digits a REG_DWORD; anything else is unknown. */
export function guessType(value: string): string {
  if (value.startsWith('{') && value.endsWith('}')) return 'REG_MULTI_SZ';
  if (/^\d{1,20}$/.test(value)) return 'REG_DWORD';
  return 'unknown';
}

/** True when one of the next non-blank lines (at most 3 ahead) starts a registry block. */
export function blockFollows(all: string[], from: number): boolean {
  for (let j = from, seen = 0; j < all.length && seen < 3; j++) {
    const l = all[j]!;
    if (l.trim() === '') continue;
    seen++;
    return (
      isKeyLine(l) || REG_FILE_HEADER.test(l) || parseSection(l) !== undefined || parseErrorLine(l) !== undefined || cannotFindPath(l) !== undefined ||
      regQueryCommandPath(l) !== undefined || (parseListLine(l) !== undefined && l.length < 2000)
    );
  }
  return false;
}
