// The 11 event IDs the RMS connector documents (monitor-rms-connector.md, unchanged 2016..HEAD).
// The data lives in JSON so wording can be corrected without touching code; this loader checks it
// once at import time, so a bad edit fails every test instead of producing a half-empty card.
import raw from './data/connectorEvents.json';

export type ConnectorEventLevel = 'Information' | 'Warning' | 'Error';

export interface ConnectorEventInfo {
  id: number;
  level: ConnectorEventLevel;
  /** The doc's headline (what the event message starts with). */
  headline: string;
  meaning: string;
  action: string;
  seedStep: string | null;
  /** Where the seed article says otherwise (or nothing) and the docs win. */
  articleDiffers?: string;
}

const LEVELS: readonly string[] = ['Information', 'Warning', 'Error'];

function validate(data: unknown): ConnectorEventInfo[] {
  if (!Array.isArray(data)) throw new Error('connectorEvents.json: expected an array');
  const seen = new Set<number>();
  return data.map((e: unknown, i) => {
    const o = e as Record<string, unknown>;
    const where = `connectorEvents.json[${i}]`;
    if (typeof o.id !== 'number' || !Number.isInteger(o.id)) throw new Error(`${where}: id must be an integer`);
    if (seen.has(o.id)) throw new Error(`${where}: duplicate id ${o.id}`);
    seen.add(o.id);
    if (typeof o.level !== 'string' || !LEVELS.includes(o.level)) throw new Error(`${where}: bad level`);
    for (const k of ['headline', 'meaning', 'action'] as const) {
      if (typeof o[k] !== 'string' || (o[k] as string).trim() === '') throw new Error(`${where}: ${k} must be a non-empty string`);
    }
    if (o.seedStep !== null && typeof o.seedStep !== 'string') throw new Error(`${where}: seedStep must be a string or null`);
    if (o.articleDiffers !== undefined && typeof o.articleDiffers !== 'string') throw new Error(`${where}: articleDiffers must be a string`);
    const info: ConnectorEventInfo = {
      id: o.id,
      level: o.level as ConnectorEventLevel,
      headline: o.headline as string,
      meaning: o.meaning as string,
      action: o.action as string,
      seedStep: o.seedStep as string | null,
    };
    if (typeof o.articleDiffers === 'string') info.articleDiffers = o.articleDiffers;
    return info;
  });
}

const CATALOG: ReadonlyMap<number, ConnectorEventInfo> = new Map(validate(raw).map((e) => [e.id, e]));

// What the connector's events look like in any tool's output: its source name and its level scheme.

/** Source / ProviderName of the connector, case-insensitive; table columns may cut it to "Microsoft RMS conne...". */
export function isConnectorSource(s: string | null | undefined): boolean {
  if (!s) return false;
  let v = s.trim().toLowerCase();
  if (v === 'microsoft rms connector' || v === 'microsoft rights management connector') return true;
  const cut = v.endsWith('...') ? 3 : v.endsWith('\u2026') ? 1 : 0;
  if (!cut) return false;
  v = v.slice(0, -cut);
  return v.length >= 13 && ('microsoft rms connector'.startsWith(v) || 'microsoft rights management connector'.startsWith(v));
}

const LEVEL_WORDS = new Set(
  ['information', 'informational', 'warning', 'error', 'critical', 'verbose', 'informationen', 'warnung', 'fehler', 'kritisch',
    'avertissement', 'erreur', 'critique', 'informations', 'advertencia', 'información', 'informazioni', 'avviso', 'errore'],
);
/** A level name as Get-WinEvent / Get-EventLog print it (English and the commonest UI languages). */
export function isLevelWord(s: string): boolean {
  return LEVEL_WORDS.has(s.toLowerCase());
}
const NUMERIC_LEVEL: Record<string, string> = { '0': 'Information', '1': 'Critical', '2': 'Error', '3': 'Warning', '4': 'Information', '5': 'Verbose' };

/** The level to report: as printed (Level 0-5 as a number in Format-List *), else the connector's own scheme. */
export function levelFor(id: number, printed: string | null): string {
  const p = printed?.trim() ?? '';
  if (p && NUMERIC_LEVEL[p]) return NUMERIC_LEVEL[p]!;
  if (p) return p;
  // The connector's own scheme: 1xxx Information, 2xxx Warning, 3xxx Error.
  return id >= 3000 && id < 4000 ? 'Error' : id >= 2000 && id < 3000 ? 'Warning' : 'Information';
}

/** Lists the connector's events in full; run on each connector node. */
export const FILTER_COMMAND =
  "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Microsoft RMS connector'; Id=1002,1003,2000,2001,2002,2003,3000,3001} -MaxEvents 50 | Format-List TimeCreated,Id,LevelDisplayName,MachineName,Message";

/** The documented IDs, ascending. */
export const DOCUMENTED_EVENT_IDS: readonly number[] = [...CATALOG.keys()].sort((a, b) => a - b);

/** The catalogue entry for a documented ID; undefined for anything the docs do not list (3002+ etc.). */
export function connectorEventInfo(id: number): ConnectorEventInfo | undefined {
  return CATALOG.get(id);
}

export function isDocumentedEvent(id: number): boolean {
  return CATALOG.has(id);
}

/** Messages wrap and flatten anywhere, so headlines are compared with every blank removed. */
function squash(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}
const HEADLINE_KEYS: readonly [number, string][] = [...CATALOG.values()].map((e) => [e.id, squash(e.headline).replace(/\.$/, '')]);
const HEAD_CAP = 65536;

/**
 * The documented events whose message text appears in `text` (its first 64 KB): a paste of one event's
 * message without its header ("The list of authorizations is empty…" is event 2003). Ascending IDs.
 */
export function eventIdsByHeadline(text: string): number[] {
  const flat = squash(text.slice(0, HEAD_CAP));
  return HEADLINE_KEYS.filter(([, key]) => flat.includes(key)).map(([id]) => id);
}
