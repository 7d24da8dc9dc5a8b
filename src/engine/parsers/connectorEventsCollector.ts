// What the connector-event reader (connectorEvents.ts) keeps of the records it reads, whatever shape
// they came in: per node, a count of every event ID and the first and last few events of each, so a
// multi-megabyte dump yields small facts. Other providers' records are only counted; records with no
// provider at all are decided at the end (they are the connector's when the paste is filtered already).
import { eventIdsByHeadline, isConnectorSource, isDocumentedEvent, levelFor } from '../connectorEventCatalog';
import { EVENTS_PER_ID, MESSAGE_CAP, type ConnectorEvent, type ConnectorEventsFacts, type ConnectorNode, type EventFormat } from './connectorEventsFacts';
import { RE_NO_MATCH } from './connectorEventsDetect';
import type { EventRecord } from './eventRecord';

export interface RawRecord extends EventRecord {
  format: Exclude<EventFormat, 'mixed' | 'unknown'>;
}

interface Kept { ev: ConnectorEvent; seq: number }
interface NodeAcc { name: string | null; counts: Map<number, number>; head: Map<number, Kept[]>; tail: Map<number, Kept[]> }

/** A sortable number for the common timestamp layouts, or null (used only to tell newest-first from oldest-first). */
export function timeKey(t: string | null): number | null {
  if (!t) return null;
  let m = /(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(t);
  let y: number, mo: number, d: number, h: number;
  if (m) [y, mo, d, h] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!];
  else if ((m = /(\d{1,2})([/.])(\d{1,2})\2(\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?\s?([AaPp])?/.exec(t))) {
    const a = +m[1]!, b = +m[3]!;
    const dayFirst = m[2] === '.' || a > 12;
    [y, mo, d, h] = [+m[4]!, dayFirst ? b : a, dayFirst ? a : b, +m[5]!];
    const ap = m[8]?.toLowerCase();
    if (ap === 'p' && h < 12) h += 12;
    if (ap === 'a' && h === 12) h = 0;
    return (((y * 100 + mo) * 100 + d) * 100 + h) * 10000 + +m[6]! * 100 + +(m[7] ?? 0);
  } else return null;
  return (((y * 100 + mo) * 100 + d) * 100 + h) * 10000 + +m[5]! * 100 + +(m[6] ?? 0);
}

export class ConnectorEventCollector {
  private readonly nodes = new Map<string, NodeAcc>();
  private readonly formats = new Set<string>();
  private readonly undocumented = new Set<number>();
  private readonly unattributed: { rec: RawRecord; node: string | null }[] = [];
  private connectorCount = 0;
  private otherCount = 0;
  private truncated = false;
  private seq = 0;
  private firstKey: number | null = null;
  private lastKey: number | null = null;

  /** One record read from the paste; `node` names the connector node it was listed under, if any. */
  accept(rec: RawRecord, node: string | null): void {
    this.formats.add(rec.format);
    const nodeName = rec.machine?.trim() || node;
    if (rec.provider === null) this.unattributed.push({ rec, node: nodeName });
    else if (isConnectorSource(rec.provider)) this.keep(rec, nodeName);
    else this.otherCount++;
  }

  /** The facts, once every line is read; `text` is the whole paste (for a lone message and "no match"). */
  finish(text: string, node: string | null): ConnectorEventsFacts {
    // Rows without a provider (Get-WinEvent | ft ..., fl without ProviderName) are the connector's when the
    // paste names no other provider and every ID is in the connector's 1xxx-3xxx range: the admin filtered already.
    const attribute = this.otherCount === 0 && this.unattributed.every((u) => u.rec.id >= 1000 && u.rec.id < 4000);
    for (const u of this.unattributed) {
      if (attribute) this.keep(u.rec, u.node);
      else this.otherCount++;
    }
    if (this.connectorCount === 0 && this.otherCount === 0) {
      // No record structure at all: the message of one event copied on its own (Event Viewer's General tab).
      const message = text.slice(0, MESSAGE_CAP);
      for (const id of eventIdsByHeadline(text)) {
        this.formats.add('message-text');
        this.keep({ format: 'message-text', provider: null, id, level: null, time: null, machine: null, message }, node);
      }
    }
    return {
      format: this.formats.size === 0 ? 'unknown' : this.formats.size === 1 ? ([...this.formats][0] as EventFormat) : 'mixed',
      nodes: this.outNodes(),
      connectorEventCount: this.connectorCount,
      otherEventCount: this.otherCount,
      undocumentedIds: [...this.undocumented].sort((a, b) => a - b),
      messagesTruncated: this.truncated,
      noMatchError: RE_NO_MATCH.test(text.slice(0, 65536)),
    };
  }

  private nodeFor(name: string | null): NodeAcc {
    const key = name ? name.toLowerCase().split('.')[0]!.trim() : '';
    let n = this.nodes.get(key);
    if (!n) this.nodes.set(key, (n = { name, counts: new Map(), head: new Map(), tail: new Map() }));
    return n;
  }

  private keep(rec: RawRecord, nodeName: string | null): void {
    const n = this.nodeFor(nodeName);
    this.connectorCount++;
    n.counts.set(rec.id, (n.counts.get(rec.id) ?? 0) + 1);
    const documented = isDocumentedEvent(rec.id);
    if (!documented) this.undocumented.add(rec.id);
    let message = rec.message.trim();
    if (message.length > MESSAGE_CAP) message = message.slice(0, MESSAGE_CAP) + '...';
    if (rec.format.endsWith('table') && message.endsWith('...')) this.truncated = true;
    const k: Kept = { ev: { id: rec.id, level: levelFor(rec.id, rec.level), time: rec.time, message, documented }, seq: this.seq++ };
    const tk = timeKey(rec.time);
    if (tk !== null) {
      if (this.firstKey === null) this.firstKey = tk;
      this.lastKey = tk;
    }
    const head = n.head.get(rec.id) ?? [];
    if (head.length < EVENTS_PER_ID) {
      head.push(k);
      n.head.set(rec.id, head);
    }
    const tail = n.tail.get(rec.id) ?? [];
    tail.push(k);
    if (tail.length > EVENTS_PER_ID) tail.shift();
    n.tail.set(rec.id, tail);
  }

  /** Each node's kept events in paste order: the newest few of each ID, whichever way the paste is sorted. */
  private outNodes(): ConnectorNode[] {
    // Newest-first is the default of Get-WinEvent and Get-EventLog; wevtutil without /rd:true is oldest-first.
    const oldestFirst = this.firstKey !== null && this.lastKey !== null && this.firstKey < this.lastKey;
    return [...this.nodes.values()].map((n) => {
      const kept = [...(oldestFirst ? n.tail : n.head).values()].flat().sort((a, b) => a.seq - b.seq);
      const counts: Record<string, number> = {};
      for (const id of [...n.counts.keys()].sort((a, b) => a - b)) counts[String(id)] = n.counts.get(id)!;
      return { name: n.name, events: kept.map((k) => k.ev), counts };
    });
  }
}
