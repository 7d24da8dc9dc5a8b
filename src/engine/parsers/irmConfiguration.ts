// Reads Get-IRMConfiguration output: Format-List (the default and `| fl`, any colon column, blank lines
// between properties, wrapped values), Format-Table (recognised only: its columns are cut off) and
// `| ConvertTo-Json`. Property names are never localised, so we key on them (facts.md §a.2, §a.4).
import { findPlaceholderInPaste } from '../placeholders';
import type { Finding, ParseOutcome } from '../types';

export interface IrmConfigurationFacts {
  format: 'list' | 'table' | 'json';
  environment: 'on-premises' | 'exchange-online';
  InternalLicensingEnabled: boolean | null;
  ExternalLicensingEnabled: boolean | null;
  JournalReportDecryptionEnabled: boolean | null;
  ClientAccessServerEnabled: boolean | null;
  SearchEnabled: boolean | null;
  EDiscoverySuperUserEnabled: boolean | null;
  InternetConfidentialEnabled: boolean | null;
  /** Disabled / Optional / Mandatory (a JSON number is mapped to its name). */
  TransportDecryptionSetting: string | null;
  /** null when blank. */
  ServiceLocation: string | null;
  PublishingLocation: string | null;
  RMSOnlineKeySharingLocation: string | null;
  LicensingLocation: string[];
  /** The list ended in `...`: $FormatEnumerationLimit hid the rest. */
  licensingLocationTruncated: boolean;
  /** Known property names that were present, canonical spelling. */
  fieldsSeen: string[];
  /** Exchange Online-only properties that were present (non-empty => exchange-online). */
  exchangeOnlineFields: string[];
  /** Every other property as text (Identity, WhenChanged, ...), capped. */
  other: Record<string, string>;
}

export const BOOL_FIELDS = [
  'InternalLicensingEnabled',
  'ExternalLicensingEnabled',
  'JournalReportDecryptionEnabled',
  'ClientAccessServerEnabled',
  'SearchEnabled',
  'EDiscoverySuperUserEnabled',
  'InternetConfidentialEnabled',
] as const;
const URI_FIELDS = ['ServiceLocation', 'PublishingLocation', 'RMSOnlineKeySharingLocation'] as const;
/** The ten properties of the seed's step 4a table. */
export const SEED_FIELDS = [
  'InternalLicensingEnabled', 'ExternalLicensingEnabled', 'JournalReportDecryptionEnabled', 'ClientAccessServerEnabled', 'SearchEnabled',
  'TransportDecryptionSetting', 'EDiscoverySuperUserEnabled', 'ServiceLocation', 'PublishingLocation', 'LicensingLocation',
] as const;
const EXO_FIELDS = [
  'AzureRMSLicensingEnabled', 'SimplifiedClientAccessEnabled', 'SimplifiedClientAccessDoNotForwardDisabled',
  'SimplifiedClientAccessEncryptOnlyDisabled', 'DecryptAttachmentForEncryptOnly', 'DecryptAttachmentFromPortal', 'EnablePdfEncryption',
  'EnablePortalTrackingLogs', 'AutomaticServiceUpdateEnabled', 'RejectIfRecipientHasNoRights', 'SystemCleanupPeriod',
];
const CORE = [...BOOL_FIELDS, ...URI_FIELDS, 'LicensingLocation', 'TransportDecryptionSetting', 'RMSOnlineVersion', 'ServerCertificatesVersion'];
const CANONICAL = new Map<string, string>([...CORE, ...EXO_FIELDS].map((n) => [n.toLowerCase(), n]));
const EXO_SET = new Set(EXO_FIELDS.map((n) => n.toLowerCase()));
/** Names specific enough to recognise this object (RMSOnline* also exist elsewhere, so they don't count). */
const SIGNATURE = new Set(['internallicensingenabled', 'externallicensingenabled', 'journalreportdecryptionenabled', 'clientaccessserverenabled',
  'transportdecryptionsetting', 'ediscoverysuperuserenabled', 'licensinglocation', 'publishinglocation', 'servicelocation',
  'internetconfidentialenabled', 'azurermslicensingenabled', 'simplifiedclientaccessenabled']);
const TRANSPORT_DECRYPTION = ['Disabled', 'Optional', 'Mandatory'];

const MAX_LINE = 5000;
const DETECT_WINDOW = 256 * 1024;
// Bounded quantifiers, disjoint neighbours: linear. A value after ':' must start with a space (or be
// empty), so a wrapped `https://...` line is never taken for a property called "https".
const PROP = /^(\s{0,12})([A-Za-z][A-Za-z0-9_]{0,79})\s{0,80}:(?: (.*)|)$/;

function emptyFacts(format: IrmConfigurationFacts['format']): IrmConfigurationFacts {
  return {
    format, environment: 'on-premises',
    InternalLicensingEnabled: null, ExternalLicensingEnabled: null, JournalReportDecryptionEnabled: null, ClientAccessServerEnabled: null,
    SearchEnabled: null, EDiscoverySuperUserEnabled: null, InternetConfidentialEnabled: null, TransportDecryptionSetting: null,
    ServiceLocation: null, PublishingLocation: null, RMSOnlineKeySharingLocation: null, LicensingLocation: [], licensingLocationTruncated: false,
    fieldsSeen: [], exchangeOnlineFields: [], other: {},
  };
}

/** Known property names in the first part of the text, as list lines, JSON keys or table headers. */
function signatureNames(text: string): { names: Set<string>; table: boolean } {
  const names = new Set<string>();
  let table = false;
  const head = text.slice(0, DETECT_WINDOW);
  if (/^\s*[[{]/.test(head)) {
    // JSON may be one long line: look for the quoted names anywhere.
    const lower = head.toLowerCase();
    for (const n of SIGNATURE) if (lower.indexOf(`"${n}"`) !== -1) names.add(n);
    return { names, table };
  }
  const ls = head.split('\n');
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i]!;
    if (line.length > MAX_LINE) continue;
    const m = PROP.exec(line) ?? /^\s{0,12}"([A-Za-z]{3,60})"\s{0,4}:/.exec(line);
    const name = (m?.[2] ?? m?.[1])?.toLowerCase();
    if (name && SIGNATURE.has(name)) names.add(name);
    else if (TABLE_RULE.test(line)) {
      const header = tableHeaderNames(ls, i);
      if (header.size >= 2) {
        table = true;
        for (const n of header) names.add(n);
      }
    }
  }
  return { names, table };
}

/** A Format-Table rule: groups of dashes separated by single spaces. */
const TABLE_RULE = /^\s{0,4}-{3,200}(?: {1,200}-{3,200}){0,60}\s{0,4}$/;

/**
 * The signature properties named by the (up to three) header lines above a table rule. Format-Table
 * cuts a header that does not fit (`ClientAccessServerE...`) or, with -Wrap, splits it over lines
 * (`InternalLicensi` / `ngEnabled`), so a header word counts when it starts a property name.
 */
function tableHeaderNames(ls: string[], rule: number): Set<string> {
  const found = new Set<string>();
  // Four lines up: a header wrapped by -Wrap and again by an 80-column console (whose all-space piece is blank).
  for (let j = rule - 1; j >= 0 && j >= rule - 4; j--) {
    const line = ls[j]!;
    if (line.trim() === '') continue;
    if (line.length > MAX_LINE || line.indexOf(':') !== -1) break;
    for (const raw of line.trim().split(/\s+/)) {
      const w = raw.replace(/(\.\.\.|…)$/, '').toLowerCase();
      if (w.length < 6) continue;
      for (const n of SIGNATURE) if (n.startsWith(w)) found.add(n);
    }
  }
  return found;
}

export function detectIrmConfiguration(text: string): number {
  const { names, table } = signatureNames(text);
  if (table) return 0.85;
  if (names.size >= 3) return 0.95;
  if (names.size === 2) return 0.8;
  return names.size === 1 ? 0.55 : 0;
}

function toBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : null;
}

/** A Uri as printed (bare) or as ConvertTo-Json wrote it (an object, or its string form). */
function toUri(v: unknown): string | null {
  if (typeof v === 'string') return v.trim().replace(/^["']|["']$/g, '') || null;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of ['OriginalString', 'AbsoluteUri']) if (typeof o[k] === 'string' && o[k]) return (o[k] as string).trim();
  }
  return null;
}

/** `{a, b, c...}` -> items, and whether `...` says the list was cut. */
function readList(raw: string): { items: string[]; truncated: boolean } {
  let s = raw.trim();
  if (s.startsWith('{')) s = s.slice(1);
  if (s.endsWith('}')) s = s.slice(0, -1);
  s = s.trim();
  const truncated = s.endsWith('...');
  if (truncated) s = s.slice(0, -3);
  return { items: s.split(',').map((x) => x.trim()).filter((x) => x !== ''), truncated };
}

function setField(f: IrmConfigurationFacts, rawName: string, value: unknown): void {
  const canonical = CANONICAL.get(rawName.toLowerCase());
  if (!canonical) {
    if (Object.keys(f.other).length < 60) f.other[rawName.slice(0, 80)] = String(value ?? '').slice(0, 300);
    return;
  }
  if (!f.fieldsSeen.includes(canonical)) f.fieldsSeen.push(canonical);
  if (EXO_SET.has(canonical.toLowerCase())) {
    if (!f.exchangeOnlineFields.includes(canonical)) f.exchangeOnlineFields.push(canonical);
    return;
  }
  const rec = f as unknown as Record<string, unknown>;
  if ((BOOL_FIELDS as readonly string[]).includes(canonical)) rec[canonical] = toBool(value);
  else if ((URI_FIELDS as readonly string[]).includes(canonical)) rec[canonical] = toUri(value);
  else if (canonical === 'LicensingLocation') {
    if (typeof value === 'string') {
      const l = readList(value);
      f.LicensingLocation = l.items;
      f.licensingLocationTruncated = l.truncated;
    } else {
      const arr = Array.isArray(value) ? value : value == null ? [] : [value];
      f.LicensingLocation = arr.map(toUri).filter((x): x is string => x !== null);
    }
  } else if (canonical === 'TransportDecryptionSetting') {
    f.TransportDecryptionSetting = typeof value === 'number' ? (TRANSPORT_DECRYPTION[value] ?? String(value)) : toUri(value);
  } else if (Object.keys(f.other).length < 60) f.other[canonical] = String(value ?? '');
}

/** Rejoins a wrapped value: PowerShell wraps by character count, so glue the pieces, except after a list comma. */
function joinValue(parts: string[]): string {
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) out += (parts[i - 1]!.endsWith(',') ? ' ' : '') + parts[i];
  return out;
}

function parseList(text: string): IrmConfigurationFacts {
  const facts = emptyFacts('list');
  const values = new Map<string, string[]>();
  let propIndent = -1;
  let current: string[] | null = null;
  let currentLength = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    const m = line.length <= MAX_LINE ? PROP.exec(line) : null;
    if (m && (propIndent < 0 || indent <= propIndent + 1)) {
      if (propIndent < 0) propIndent = indent;
      const name = m[2]!;
      current = null;
      if (!values.has(name) && values.size < 400) {
        current = [(m[3] ?? '').trim()];
        currentLength = current[0]!.length;
        values.set(name, current);
      }
      continue;
    }
    // Not a property line: the continuation of a wrapped value (indented to the value column), or noise.
    if (current && currentLength < 100000) {
      current.push(line.trim());
      currentLength += line.length;
    }
  }
  for (const [name, parts] of values) setField(facts, name, joinValue(parts));
  return facts;
}

function parseJson(text: string): IrmConfigurationFacts | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(data)) data = data[0];
  if (!data || typeof data !== 'object') return null;
  const facts = emptyFacts('json');
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) setField(facts, k, v);
  return facts;
}

function finding(id: string, summary: string, detail: string, fix: string | null, seedStep: string): Finding {
  return { id, severity: 'info', summary, detail, seedStep, fix };
}

export function parseIrmConfiguration(text: string): ParseOutcome<IrmConfigurationFacts> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const facts = parseJson(trimmed);
    if (!facts) {
      return {
        facts: emptyFacts('json'),
        shape: 'incomplete',
        findings: [finding('irmconfig.json-unreadable', 'The JSON could not be read (cut off or altered while pasting).',
          'Paste the Format-List output instead; it is easier to copy whole.', 'Get-IRMConfiguration | fl', 'A4a')],
      };
    }
    return judgeShape(facts);
  }
  const facts = parseList(text);
  // The article's table of expected values (MicrosoftRMSUrl, True/False) or a doc sample with <…>:
  // documentation pasted back, not this organisation's settings.
  if (findPlaceholderInPaste(text)?.kind === 'placeholder') return { facts, shape: 'wrong_input', findings: [] };
  if (facts.fieldsSeen.length === 0 && signatureNames(text).table) {
    const t = emptyFacts('table');
    const header = text.slice(0, DETECT_WINDOW).toLowerCase();
    t.exchangeOnlineFields = EXO_FIELDS.filter((n) => header.indexOf(n.toLowerCase()) !== -1);
    if (t.exchangeOnlineFields.length) return judgeShape(t);
    return {
      facts: t,
      shape: 'incomplete',
      findings: [finding('irmconfig.table-format', 'This is Format-Table output: the table cuts the values off, so they cannot be checked.',
        'Format-Table shortens columns with "..." and drops the columns that do not fit. The list view shows every value in full.',
        'Get-IRMConfiguration | fl', 'A4a')],
    };
  }
  return judgeShape(facts);
}

function judgeShape(facts: IrmConfigurationFacts): ParseOutcome<IrmConfigurationFacts> {
  if (facts.exchangeOnlineFields.length > 0) {
    facts.environment = 'exchange-online';
    const exo: Finding = {
      id: 'irmconfig.exchange-online',
      severity: 'warning',
      summary: 'This Get-IRMConfiguration output comes from Exchange Online, not from your on-premises Exchange.',
      detail: `It shows properties that exist only in Exchange Online (${facts.exchangeOnlineFields.slice(0, 3).join(', ')}). ` +
        'The RMS connector serves on-premises Exchange servers only, so their configuration is what matters here.',
      seedStep: 'P1',
      fix: '# Open the Exchange Management Shell on an on-premises Exchange server, then run:\nGet-IRMConfiguration | fl',
    };
    return { facts, shape: 'wrong_input', findings: [exo] };
  }
  const missing = SEED_FIELDS.filter((n) => !facts.fieldsSeen.includes(n));
  if (missing.length === 0) return { facts, shape: 'complete', findings: [] };
  return {
    facts,
    shape: 'incomplete',
    findings: [finding('irmconfig.fields-missing', `Some values the check needs are missing: ${missing.join(', ')}.`,
      'Run the command without choosing properties, and paste the whole list.', 'Get-IRMConfiguration | fl', 'A4a')],
  };
}
