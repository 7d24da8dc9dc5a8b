// Reads the registry settings of one or more Exchange servers from `reg query` output, .reg exports
// (several concatenated = several servers) and Get-ItemProperty output (facts.md §c). One pass over the
// lines; every line is tested with indexOf or anchored, bounded regexes, so multi-MB pastes stay linear.
import { lines as splitLines } from '../normalize';
import type { ParseOutcome } from '../types';
import { bareServerName, explicitServerHeader } from './serverHeader';
import { ServerBook } from './registryBook';
import {
  ENDS_WITH_TYPE, blockFollows, cannotFindPath, guessType, isKeyLine, parseErrorLine, parseListLine, parseRegFileValue, parseRegQueryValue,
  parseSection, readContinued, regQueryCommandPath, REG_FILE_HEADER,
} from './registryLines';
import type { ParsedValue } from './registryLines';

export interface RegistryValue {
  /** null = the key's default value. */
  name: string | null;
  /** REG_SZ, REG_EXPAND_SZ, ...; `unknown` from Get-ItemProperty, which does not print types. */
  type: string;
  data: string;
}

export interface RegistryKey {
  /** Normalised: HKLM\SOFTWARE\Microsoft\... */
  path: string;
  values: RegistryValue[];
  /** Only listed as a subkey of a queried key (reg query without /s): its values were not printed. */
  listedOnly?: boolean;
}

export interface RegistryServer {
  /** The server's name from the paste, or "this server" / "server N" when the paste does not name it. */
  name: string;
  /** True when the paste did not name this server. */
  unnamed?: boolean;
  keys: RegistryKey[];
  /** Paths reported as not found (ERROR line, "Cannot find path"); `unknown` when the paste does not show which. */
  missingKeys: string[];
  /** Other reg.exe errors (access denied, network path not found ...). */
  errors?: string[];
  /** How many "not found" errors the paste showed for this server. */
  notFoundErrors?: number;
}

export type RegistryFormat = 'reg-query' | 'reg-file' | 'get-itemproperty';

export interface RegistryFacts {
  servers: RegistryServer[];
  format: RegistryFormat;
}

const SCAN = 262144;

/** How sure we are that the text is registry output. Looks at a bounded prefix with indexOf only. */
export function detectRegistry(text: string): number {
  const head = text.length > SCAN ? text.slice(0, SCAN) : text;
  const lower = head.toLowerCase();
  const interesting = /msdrm|exchangeserver\\v1[45]\\irm|certificationserverredirection|licenseserverredirection|msipc\\servicelocation|aadrm\\connector/.test(lower);
  if (REG_FILE_HEADER.test(head.slice(0, 200)) || lower.indexOf('windows registry editor version') !== -1 || /(^|\n)\s{0,3}regedit4\s*(\n|$)/.test(lower))
    return 0.95;
  if (lower.indexOf('\n[hkey_local_machine\\') !== -1 || lower.startsWith('[hkey_local_machine\\')) return interesting ? 0.9 : 0.7;
  const hasKeyLine = /(^|\n)\s{0,3}(\\\\[a-z0-9._-]{1,255}\\)?hkey_local_machine\\/.test(lower);
  const hasType = /\s{2}reg_(sz|expand_sz|multi_sz|dword|qword|binary|none)(\s|$)/.test(lower);
  if (hasKeyLine && hasType) return interesting ? 0.95 : 0.75;
  if (lower.indexOf('pspath') !== -1 && lower.indexOf('registry::') !== -1) return interesting ? 0.95 : 0.7;
  if (lower.indexOf('unable to find the specified registry key') !== -1) return 0.85;
  if (/(^|\n)\s{0,4}fehler:[^\n]{0,200}registrierungs/.test(lower)) return 0.85;
  if (hasKeyLine && interesting) return 0.7;
  if (/cannot find path ["']hklm:\\/.test(lower) && interesting) return 0.7;
  if (hasType && interesting) return 0.6;
  return 0;
}

const PS_FIELDS = new Set(['pspath', 'psparentpath', 'pschildname', 'psdrive', 'psprovider', 'pscomputername', 'psshowcomputername', 'runspaceid']);

interface ListRecord {
  props: { name: string; value: string }[];
  valueColumn: number;
  /** Lower-cased property names seen, so a repeat (the next object) is found in O(1). */
  names?: Set<string>;
}

interface QueryBlock {
  rawPath: string;
  values: ParsedValue[];
  /** A value line that has no type token yet (wrapped by the console). */
  partial: string | null;
  /** Length of the last physical line of this block, to recognise console wrapping. */
  lastLen: number;
  lastKind: 'key' | 'value';
  lastRaw: string;
  listedOnly: boolean;
}

/** Console wrap: the previous line reached (close to) the console width. */
const WRAP_WIDTH = 70;

export function parseRegistry(text: string): ParseOutcome<RegistryFacts> {
  const all = splitLines(text);
  const book = new ServerBook();
  const counts: Record<RegistryFormat, number> = { 'reg-query': 0, 'reg-file': 0, 'get-itemproperty': 0 };
  let block: QueryBlock | null = null;
  let section: { path: string; values: ParsedValue[] } | null = null;
  let utf16 = true;
  let record: ListRecord | null = null;
  let commandPath: string | undefined;

  const flushBlock = (): void => {
    if (!block) return;
    if (block.partial !== null) {
      const v = parseRegQueryValue(block.partial);
      if (v && !v.notSet) block.values.push(v);
    }
    book.addKey(block.rawPath, block.values, block.listedOnly && block.values.length === 0);
    counts['reg-query']++;
    block = null;
  };
  const flushSection = (): void => {
    if (!section) return;
    book.addKey(section.path, section.values, false);
    counts['reg-file']++;
    section = null;
  };
  const flushRecord = (): void => {
    if (!record) return;
    const r = record;
    record = null;
    const get = (n: string): string | undefined => r.props.find((p) => p.name.toLowerCase() === n)?.value;
    const psPath = get('pspath');
    const parent = get('psparentpath');
    const child = get('pschildname');
    const path = psPath ?? (parent && child ? `${parent}\\${child}` : undefined);
    if (path) {
      const computer = get('pscomputername');
      if (computer) book.switchTo(computer);
      const values = r.props
        .filter((p) => !PS_FIELDS.has(p.name.toLowerCase()))
        .map((p): ParsedValue => ({ name: p.name.toLowerCase() === '(default)' ? null : p.name, type: guessType(p.value), data: p.value }));
      book.addKey(path, values, false);
      counts['get-itemproperty']++;
      return;
    }
    if (r.props.length === 1) {
      const header = explicitServerHeader(`${r.props[0]!.name}: ${r.props[0]!.value}`);
      if (header) book.switchTo(header);
    }
  };
  const flushAll = (): void => {
    flushBlock();
    flushSection();
    flushRecord();
  };

  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (line.length > 4000) continue;
    const trimmed = line.trim();
    if (trimmed === '') {
      flushBlock();
      flushRecord();
      continue;
    }
    // Get-ItemProperty (Format-List) records: property lines and their wrapped continuations.
    if (record) {
      const r: ListRecord = record;
      // A flattened paste glues PowerShell's "Cannot find path" error onto the record's last property.
      const glued = cannotFindPath(line);
      if (glued) {
        flushRecord();
        flushAll();
        book.notFound(glued);
        continue;
      }
      const prop = parseListLine(line);
      const indent = line.length - line.trimStart().length;
      // Format-List indents wrapped values to the value column; an unindented line ends the record.
      if ((!prop && indent > 0) || (prop && indent >= 8)) {
        const last = r.props[r.props.length - 1];
        if (last) last.value += trimmed;
        continue;
      }
      // A property seen twice starts the next object (a flattened paste loses the blank line between them).
      const names = (r.names ??= new Set(r.props.map((p) => p.name.toLowerCase())));
      if (prop && !names.has(prop.name.toLowerCase())) {
        names.add(prop.name.toLowerCase());
        r.props.push({ name: prop.name, value: prop.value });
        continue;
      }
      flushRecord();
      if (prop) {
        record = { props: [{ name: prop.name, value: prop.value }], valueColumn: prop.valueColumn };
        continue;
      }
    }
    const header = explicitServerHeader(line);
    if (header && !/^\s{0,16}PSComputerName\s/.test(line)) {
      flushAll();
      book.switchTo(header);
      continue;
    }
    const err = parseErrorLine(line);
    if (err) {
      flushAll();
      if (err.notFound) book.notFound(commandPath);
      else book.error(err.text);
      commandPath = undefined;
      continue;
    }
    const missing = cannotFindPath(line);
    if (missing) {
      flushAll();
      book.notFound(missing);
      continue;
    }
    const cmd = regQueryCommandPath(line);
    if (cmd) {
      flushAll();
      commandPath = cmd;
      continue;
    }
    if (REG_FILE_HEADER.test(line)) {
      flushAll();
      utf16 = !/regedit4/i.test(line);
      book.startExport();
      continue;
    }
    const sec = parseSection(line);
    if (sec) {
      flushAll();
      if (!sec.deleted) section = { path: sec.path, values: [] };
      continue;
    }
    if (section) {
      let value = parseRegFileValue(line, utf16);
      if (value === 'incomplete') {
        const r = readContinued(all, i, utf16);
        value = r.value;
        i = r.last;
      }
      if (value && value !== 'incomplete' && value !== 'ignore') section.values.push(value);
      if (value) continue;
    }
    if (isKeyLine(line)) {
      flushAll();
      commandPath = undefined;
      const prev = i > 0 ? all[i - 1]! : '';
      // Subkeys listed by a query without /s come one per line with no values and no blank line between.
      const next = i + 1 < all.length ? all[i + 1]! : '';
      const listed = isKeyLine(prev) || isKeyLine(next);
      block = { rawPath: trimmed, values: [], partial: null, lastLen: line.length, lastKind: 'key', lastRaw: trimmed, listedOnly: listed };
      continue;
    }
    if (block) {
      const b: QueryBlock = block;
      const startsAtZero = line[0] !== ' ';
      const startsWithType = /^REG_[A-Z_]{2,26}(\s|$)/i.test(trimmed);
      const wrapped = b.lastLen >= WRAP_WIDTH && (startsAtZero || startsWithType || (b.lastKind === 'value' && ENDS_WITH_TYPE.test(b.lastRaw)));
      const continuation = b.partial !== null || wrapped;
      // A line that is a whole value line on its own (unindented output) is not a continuation.
      if (continuation && !(b.partial === null && !startsWithType && parseRegQueryValue(line))) {
        const base = b.partial ?? b.lastRaw;
        const sep = startsWithType || ENDS_WITH_TYPE.test(base) ? '    ' : '';
        const joinedLine = base + sep + (startsWithType || sep ? trimmed : line.trimStart());
        if (b.lastKind === 'key' && b.partial === null) {
          b.rawPath = joinedLine.trim();
          b.lastRaw = b.rawPath;
        } else {
          if (b.partial === null) b.values.pop();
          const v = parseRegQueryValue(joinedLine);
          if (v) {
            b.partial = null;
            if (!v.notSet) b.values.push(v);
          } else b.partial = joinedLine;
          b.lastRaw = joinedLine;
          b.lastKind = 'value';
        }
        b.lastLen = line.length;
        continue;
      }
      const v = parseRegQueryValue(line);
      if (v) {
        if (!v.notSet) b.values.push(v);
        b.lastKind = 'value';
        b.lastRaw = line;
        b.lastLen = line.length;
        continue;
      }
      if (line[0] === ' ') {
        // An indented line without a type token: the start of a value line the console wrapped.
        b.partial = line;
        b.lastKind = 'value';
        b.lastRaw = line;
        b.lastLen = line.length;
        continue;
      }
    }
    const bare = bareServerName(line);
    if (bare && blockFollows(all, i + 1)) {
      flushAll();
      book.switchTo(bare);
      continue;
    }
    const prop = parseListLine(line);
    if (prop) {
      flushBlock();
      flushSection();
      if (!record) record = { props: [], valueColumn: prop.valueColumn };
      record.props.push({ name: prop.name, value: prop.value });
      continue;
    }
  }
  flushAll();
  const servers = book.finish();
  const format = (Object.keys(counts) as RegistryFormat[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), 'reg-query' as RegistryFormat);
  const anything = servers.some((s) => s.keys.length > 0 || s.missingKeys.length > 0 || (s.errors?.length ?? 0) > 0);
  return { facts: { servers, format }, shape: anything ? book.shape() : 'wrong_input', findings: [] };
}
