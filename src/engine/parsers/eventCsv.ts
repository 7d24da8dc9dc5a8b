// Reads saved event logs in CSV: Event Viewer's "Save All Events As… > CSV" (header
// `Level,Date and Time,Source,Event ID,Task Category`, the description as an unnamed sixth column)
// and PowerShell's Export-Csv of Get-EventLog (EventID, Source, EntryType, Message …) or Get-WinEvent
// (Message, Id, ProviderName, LevelDisplayName …). One character pass; quoted fields may span lines.
import type { EventRecord } from './eventRecord';

export type CsvEvent = EventRecord;

const FIELD_CAP = 4096;
const MAX_ROWS = 200000;
/** Event CSVs have 6 (Event Viewer) to 27 (Get-WinEvent) columns; more is not an event export. */
const MAX_FIELDS = 64;

type Column = 'level' | 'time' | 'source' | 'id' | 'message' | 'machine' | 'instanceid';

// Event Viewer's header, localised (en, de, fr, es, it): only position matters, the names tell us it is one.
const VIEWER_FIRST = new Set(['level', 'ebene', 'niveau', 'nivel', 'livello']);
const VIEWER_SOURCE = new Set(['source', 'quelle', 'origen', 'origine']);

const RE_VIEWER_ROW = /^(?:Information|Warning|Error|Critical|Verbose|Informationen|Warnung|Fehler|Kritisch|Avertissement|Erreur|Critique|Advertencia|Información|Informazioni|Avviso|Errore),[^,\n]{6,40},[^,\n]{1,100},\d{1,5},/;

const EXPORT_COLUMNS: Record<string, Column> = {
  eventid: 'id', id: 'id', instanceid: 'instanceid', source: 'source', providername: 'source', entrytype: 'level', leveldisplayname: 'level',
  timegenerated: 'time', timecreated: 'time', message: 'message', machinename: 'machine',
};

/** Splits CSV into rows of fields (RFC 4180 quoting), for tests and small inputs. */
export function csvRows(text: string, from = 0): string[][] {
  const rows: string[][] = [];
  forEachCsvRow(text, from, (r) => rows.push(r));
  return rows;
}

/**
 * Calls `onRow` for each CSV row (RFC 4180 quoting). Linear: slices, no per-character concatenation;
 * fields and rows are capped, and rows are not kept, so a 50 MB export costs no more memory than a row.
 */
export function forEachCsvRow(text: string, from: number, onRow: (row: string[]) => void): void {
  let rows = 0;
  let row: string[] = [];
  let i = from;
  const n = text.length;
  let nextQuote = -1;
  while (i < n && rows < MAX_ROWS) {
    // Fast path: a whole line without quotes is split at once (most of Event Viewer's CSV rows).
    if (row.length === 0) {
      if (nextQuote !== -2 && nextQuote < i) nextQuote = text.indexOf('"', i);
      if (nextQuote === -1) nextQuote = -2; // no quote in the rest of the text
      const eol = text.indexOf('\n', i);
      const end = eol === -1 ? n : eol;
      if (nextQuote === -2 || nextQuote > end) {
        const stop = end > i && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
        onRow(text.slice(i, Math.min(stop, i + FIELD_CAP * 4)).split(',', MAX_FIELDS));
        rows++;
        i = end + 1;
        continue;
      }
    }
    let field: string;
    const q0 = text.charCodeAt(i) === 34 ? text.indexOf('"', i + 1) : -2;
    if (q0 >= 0 && text.charCodeAt(q0 + 1) !== 34) {
      // The common case: a quoted field without escaped quotes.
      field = text.slice(i + 1, Math.min(q0, i + 1 + FIELD_CAP));
      i = q0 + 1;
      while (i < n && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 10) i++;
    } else if (q0 !== -2) {
      // A quoted field runs to the next quote not followed by another quote ("" is an escaped quote).
      const parts: string[] = [];
      let j = i + 1;
      let len = 0;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          if (len < FIELD_CAP) parts.push(text.slice(j, Math.min(n, j + FIELD_CAP - len)));
          j = n;
          break;
        }
        if (len < FIELD_CAP && q > j) {
          parts.push(text.slice(j, Math.min(q, j + FIELD_CAP - len)));
          len += q - j;
        }
        if (text.charCodeAt(q + 1) === 34) {
          if (len < FIELD_CAP) {
            parts.push('"');
            len++;
          }
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      field = parts.join('');
      i = j;
      // Anything between the closing quote and the separator is kept (malformed, but not lost).
      while (i < n && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 10) i++;
    } else {
      let j = i;
      let c = 0;
      while (j < n && (c = text.charCodeAt(j)) !== 44 && c !== 10) j++;
      const end = j > i && text.charCodeAt(j - 1) === 13 ? j - 1 : j; // CRLF files
      field = text.slice(i, Math.min(end, i + FIELD_CAP));
      i = j;
    }
    if (row.length < MAX_FIELDS) row.push(field);
    if (i >= n) break;
    if (text.charCodeAt(i) === 10) {
      onRow(row);
      rows++;
      row = [];
    }
    i++;
  }
  if (row.length) onRow(row);
}

function norm(h: string): string {
  return h.trim().toLowerCase();
}

/** The events of a saved CSV, or null when `text` is not one (no recognised header in its first lines). */
export function readEventCsv(text: string): { events: CsvEvent[]; format: 'event-viewer-csv' | 'export-csv' } | null {
  // The header is within the first few lines (#TYPE comes first with Windows PowerShell).
  let offset = 0;
  // A line of prose or a code fence may come first (a chat message around the paste).
  for (let n = 0; n < 8 && offset < text.length; n++) {
    const eol = text.indexOf('\n', offset);
    const line = text.slice(offset, eol === -1 ? Math.min(text.length, offset + 2000) : Math.min(eol, offset + 2000));
    const next = eol === -1 ? text.length : eol + 1;
    if (line.startsWith('#TYPE') || line.trim() === '') {
      offset = next;
      continue;
    }
    if (line.indexOf(',') === -1) {
      offset = next;
      continue;
    }
    const header = csvRows(line)[0] ?? [];
    const names = header.map(norm);
    // Event Viewer's rows, with or without the header line (it gets lost when glued to a prompt line).
    const headerless = RE_VIEWER_ROW.test(line);
    if (headerless || (names.length >= 5 && VIEWER_FIRST.has(names[0]!) && VIEWER_SOURCE.has(names[2]!))) {
      const events: CsvEvent[] = [];
      forEachCsvRow(text, headerless ? offset : next, (r) => {
        const id = parseInt(r[3] ?? '', 10);
        if (!Number.isFinite(id)) return;
        events.push({ level: r[0]?.trim() || null, time: r[1]?.trim() || null, provider: r[2]?.trim() || null, id, machine: null, message: (r[5] ?? '').trim() });
      });
      return { events, format: 'event-viewer-csv' };
    }
    // Export-Csv headers are plain property names (a command line with commas is not a header).
    if (names.length < 4 || !header.every((h) => /^[A-Za-z][A-Za-z0-9 ]{0,40}$/.test(h.trim()))) {
      offset = next;
      continue;
    }
    const cols = names.map((h) => EXPORT_COLUMNS[h]);
    const idAt = cols.indexOf('id') !== -1 ? cols.indexOf('id') : cols.indexOf('instanceid');
    if (idAt === -1 || cols.indexOf('source') === -1 || cols.indexOf('message') === -1) {
      offset = next;
      continue;
    }
    const at = (c: Column): number => cols.indexOf(c);
    const events: CsvEvent[] = [];
    forEachCsvRow(text, next, (r) => {
      let id = parseInt(r[idAt] ?? '', 10);
      if (!Number.isFinite(id)) return;
      if (id > 0xffff) id = id % 65536; // InstanceId carries the qualifiers in its high bits
      const get = (c: Column): string | null => (at(c) === -1 ? null : r[at(c)]?.trim() || null);
      events.push({ id, provider: get('source'), level: get('level'), time: get('time'), machine: get('machine'), message: get('message') ?? '' });
    });
    return { events, format: 'export-csv' };
  }
  return null;
}
