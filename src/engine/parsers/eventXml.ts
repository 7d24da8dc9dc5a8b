// Reads events from Event Viewer's XML view (Details > XML View, or "Event Xml:" under a copied event):
// `<Event xmlns=…><System><Provider Name=…/><EventID>…</EventID>…</System><EventData><Data>…</Data>`.
// No XML library: the layout is fixed by the Windows event schema, and a bounded scan per <Event>
// element keeps a megabyte of tags linear.
import type { EventRecord } from './eventRecord';

/** `level` is the schema's numeric level (2 Error, 3 Warning, 4 Information), as text. */
export type XmlEvent = EventRecord;

/** One <Event> element is a few kilobytes; a bigger one is cut, never scanned whole. */
const SEGMENT_CAP = 65536;
const MAX_EVENTS = 5000;

const RE_PROVIDER = /<Provider\s[^>]{0,300}?Name\s?=\s?["']([^"'<>]{1,120})["']/;
const RE_ID = /<EventID(?:\s[^>]{0,120})?>\s{0,4}(\d{1,5})\s{0,4}<\/EventID>/;
const RE_LEVEL = /<Level>\s{0,4}(\d)\s{0,4}<\/Level>/;
const RE_TIME = /<TimeCreated\s[^>]{0,120}?SystemTime\s?=\s?["']([^"'<>]{1,60})["']/;
const RE_COMPUTER = /<Computer>([^<]{1,255})<\/Computer>/;
const RE_DATA = /<Data(?:\s[^>]{0,120})?>([^<]{0,8192})<\/Data>/g;

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,6}|#x[0-9a-fA-F]{1,5});/g, (_w, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** Every <Event> element in `text` that has an EventID. */
export function readEventXml(text: string): XmlEvent[] {
  const out: XmlEvent[] = [];
  let pos = 0;
  while (out.length < MAX_EVENTS) {
    const ev = text.indexOf('<Event', pos);
    // A record opens with <Event …>; when that line was lost (cut off, or glued to a prompt) <System> opens it.
    const sys = text.indexOf('<System>', pos);
    const start = ev === -1 ? sys : sys === -1 ? ev : Math.min(ev, sys);
    if (start === -1) break;
    // `<EventID>` and `<EventData>` start with "<Event" too: only `<Event>` / `<Event xmlns…>` open a record.
    const next = text.charCodeAt(start + 6);
    if (start === ev && next !== 32 && next !== 62 && next !== 10 && next !== 9) {
      pos = start + 6;
      continue;
    }
    const close = text.indexOf('</Event>', start);
    const end = close === -1 ? text.length : close + 8;
    const seg = text.slice(start, Math.min(end, start + SEGMENT_CAP));
    pos = end;
    const id = RE_ID.exec(seg);
    if (!id) continue;
    const data: string[] = [];
    RE_DATA.lastIndex = 0;
    for (const m of seg.matchAll(RE_DATA)) {
      if (m[1]!.trim()) data.push(decode(m[1]!.trim()));
      if (data.length >= 20) break;
    }
    out.push({
      provider: RE_PROVIDER.exec(seg)?.[1]?.trim() ?? null,
      id: +id[1]!,
      level: RE_LEVEL.exec(seg)?.[1] ?? null,
      time: RE_TIME.exec(seg)?.[1] ?? null,
      machine: RE_COMPUTER.exec(seg)?.[1]?.trim() ?? null,
      message: data.join('\n'),
    });
  }
  return out;
}

/** Numeric XML levels as the connector-event catalogue names them. */
export function xmlLevelName(level: string | null): string | null {
  return level === '1' ? 'Critical' : level === '2' ? 'Error' : level === '3' ? 'Warning' : level === '4' || level === '0' ? 'Information' : null;
}
