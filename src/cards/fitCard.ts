// Teams rejects a message past about 28 KB (413 MessageSizeTooBig), and a card holds what admins
// paste and the fixes we build from it, so any card can grow past that. fitCard shortens a card
// until it fits and says so on the card; it never leaves a card that Teams would refuse.
import type { AdaptiveCardJson } from './renderCard';

export const MAX_MESSAGE_BYTES = 28 * 1024;
/** Room for the activity around the card or text (ids, service URL, channel data). */
const ENVELOPE_BYTES = 2 * 1024;
/** What one message's content may use: cards (fitCard), echoed text (bot/messageSize) and merged replies (dialogs/coalesce). */
export const CARD_BUDGET_BYTES = MAX_MESSAGE_BYTES - ENVELOPE_BYTES;

/** Elements whose id starts with this are list items (one finding, one fix) fitCard may leave out. */
export const DROPPABLE_ID_PREFIX = 'item-';

/** Below these lengths a field is not cut further: a few words still tell the admin what it was. */
const TEXT_FLOOR = 120;
const FACT_FLOOR = 60;
const CODE_FLOOR = 200;

type Obj = Record<string, unknown>;

interface Slot {
  holder: Obj;
  key: string;
  kind: 'text' | 'code';
  original: string;
  floor: number;
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The long text fields of a card: TextBlock text, CodeBlock code and its TextRun fallback, fact values. Button payloads are never touched. */
function collectSlots(node: unknown, out: Slot[]): void {
  if (Array.isArray(node)) {
    for (const x of node) collectSlots(x, out);
    return;
  }
  if (!isObj(node)) return;
  if (node.type === 'TextBlock' && typeof node.text === 'string') out.push({ holder: node, key: 'text', kind: 'text', original: node.text, floor: TEXT_FLOOR });
  if (node.type === 'CodeBlock' && typeof node.codeSnippet === 'string') out.push({ holder: node, key: 'codeSnippet', kind: 'code', original: node.codeSnippet, floor: CODE_FLOOR });
  // TextRuns only carry commands (a CodeBlock's fallback, codeText.ts): cut them by whole lines too.
  if (node.type === 'TextRun' && typeof node.text === 'string') out.push({ holder: node, key: 'text', kind: 'code', original: node.text, floor: CODE_FLOOR });
  if (node.type === 'FactSet' && Array.isArray(node.facts)) {
    for (const f of node.facts) if (isObj(f) && typeof f.value === 'string') out.push({ holder: f, key: 'value', kind: 'text', original: f.value, floor: FACT_FLOOR });
  }
  for (const [k, v] of Object.entries(node)) if (k !== 'data' && typeof v === 'object') collectSlots(v, out);
}

function cutText(s: string, keep: number): string {
  let cut = s.slice(0, keep);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > keep * 0.8) cut = cut.slice(0, space);
  return `${cut.trimEnd()} … (shortened)`;
}

/**
 * Keeps whole lines only: a command cut mid-line could still run and do something else. The note
 * is a comment line, so pasting the shortened block into PowerShell stays harmless.
 */
function cutCode(s: string, keep: number): string {
  const lines = s.split('\n');
  let used = 0;
  let n = 0;
  while (n < lines.length && used + lines[n]!.length + 1 <= keep) used += lines[n++]!.length + 1;
  const left = lines.length - n;
  return [...lines.slice(0, n), `# … shortened: ${left} more line${left === 1 ? '' : 's'} not shown`].join('\n');
}

/** Sets every slot to its original cut to at most max(cap, floor) characters; returns how many were cut. */
function applyCap(slots: Slot[], cap: number): number {
  let cut = 0;
  for (const s of slots) {
    const keep = Math.max(cap, s.floor);
    if (s.original.length <= keep) {
      s.holder[s.key] = s.original;
    } else {
      s.holder[s.key] = s.kind === 'code' ? cutCode(s.original, keep) : cutText(s.original, keep);
      cut++;
    }
  }
  return cut;
}

/** The last droppable element in document order, with the array holding it. */
function lastDroppable(node: unknown, found?: { list: unknown[]; index: number }): { list: unknown[]; index: number } | undefined {
  if (Array.isArray(node)) {
    node.forEach((x, index) => {
      if (isObj(x) && typeof x.id === 'string' && x.id.startsWith(DROPPABLE_ID_PREFIX)) found = { list: node, index };
      found = lastDroppable(x, found);
    });
    return found;
  }
  if (!isObj(node)) return found;
  for (const [k, v] of Object.entries(node)) if (k !== 'data' && typeof v === 'object') found = lastDroppable(v, found);
  return found;
}

function objectsIn(node: unknown, out = new Set<unknown>()): Set<unknown> {
  if (typeof node !== 'object' || node === null) return out;
  out.add(node);
  for (const v of Object.values(node)) objectsIn(v, out);
  return out;
}

function noticeText(cut: number, dropped: number): string {
  const parts = [cut ? `${cut} long text${cut === 1 ? '' : 's'} cut` : '', dropped ? `${dropped} item${dropped === 1 ? '' : 's'} left out` : ''].filter(Boolean);
  return `Shortened to fit the Teams message size limit (${parts.join(', ') || 'long text cut'}). Type summary for the overview, or paste less output at a time.`;
}

/** Returns `card` unchanged when it fits, otherwise a shortened copy that fits and says so. */
export function fitCard<T extends AdaptiveCardJson>(card: T, maxBytes = CARD_BUDGET_BYTES): T {
  if (cardBytes(card) <= maxBytes) return card;
  const c = structuredClone(card);
  // The notice goes first so the admin knows before reading that something is missing. Its
  // longest wording is in place while measuring, so the final (shorter) wording fits too.
  const notice: Obj = { type: 'TextBlock', text: noticeText(99999, 99999), wrap: true, color: 'warning', size: 'Small' };
  let slots: Slot[] = [];
  collectSlots(c.body, slots);
  c.body = [notice, ...c.body];
  const fits = (cap: number): boolean => {
    applyCap(slots, cap);
    return cardBytes(c) <= maxBytes;
  };
  // Cutting every field to one common cap shortens the longest fields first and keeps the short
  // ones whole. When even the floors are too long, whole list items go, least important (last) first.
  let dropped = 0;
  while (!fits(0)) {
    const d = lastDroppable(c.body);
    if (!d) {
      c.body = [{ ...notice, text: 'This card was too large for a Teams message and could not be shown. Type summary for the overview, or paste less output at a time.' }];
      if (cardBytes(c) > maxBytes) delete c.actions;
      return c;
    }
    const gone = objectsIn(d.list[d.index]);
    d.list.splice(d.index, 1);
    slots = slots.filter((s) => !gone.has(s.holder));
    dropped++;
  }
  // Largest cap that fits (binary search; fits(lo) always holds).
  let lo = 0;
  let hi = Math.max(0, ...slots.map((s) => s.original.length));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  notice.text = noticeText(applyCap(slots, lo), dropped);
  return c;
}
