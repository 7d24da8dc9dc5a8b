// Reads saved event logs in CSV: Event Viewer's "Save All Events As… > CSV" (header
// `Level,Date and Time,Source,Event ID,Task Category`, the description as an unnamed sixth column)
// and PowerShell's Export-Csv of Get-EventLog (EventID, Source, EntryType, Message …) or Get-WinEvent
// (Message, Id, ProviderName, LevelDisplayName …). One character pass; quoted fields may span lines.

export interface CsvEvent {
  provider: string | null;
  id: number;
  level: string | null;
  time: string | null;
  machine: string | null;
  message: string;
}

const FIELD_CAP = 4096;
const MAX_ROWS = 200000;

type Column = 'level' | 'time' | 'source' | 'id' | 'message' | 'machine' | 'instanceid';

// Event Viewer's header, localised (en, de, fr, es, it): only position matters, the names tell us it is one.
const VIEWER_FIRST = new Set(['level', 'ebene', 'niveau', 'nivel', 'livello']);
const VIEWER_SOURCE = new Set(['source', 'quelle', 'origen', 'origine']);

const RE_VIEWER_ROW = /^(?:Information|Warning|Error|Critical|Verbose|Informationen|Warnung|Fehler|Kritisch|Avertissement|Erreur|Critique|Advertencia|Información|Informazioni|Avviso|Errore),[^,\n]{6,40},[^,\n]{1,100},\d{1,5},/;

const EXPORT_COLUMNS: Record<string, Column> = {
  eventid: 'id', id: 'id', instanceid: 'instanceid', source: 'source', providername: 'source', entrytype: 'level', leveldisplayname: 'level',
  timegenerated: 'time', timecreated: 'time', message: 'message', machinename: 'machine',
};

/** Splits CSV into rows of fields (RFC 4180 quoting). Linear: slices, no per-character concatenation; fields are capped. */
export function csvRows(text: string, from = 0): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = from;
  const n = text.length;
  while (i < n && rows.length < MAX_ROWS) {
    let field: string;
    if (text[i] === '"') {
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
        if (len < FIELD_CAP) {
          parts.push(text.slice(j, Math.min(q, j + FIELD_CAP - len)));
          len += q - j;
        }
        if (text[q + 1] === '"') {
          if (len < FIELD_CAP) parts.push('"');
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      field = parts.join('');
      i = j;
      // Anything between the closing quote and the separator is kept (malformed, but not lost).
      while (i < n && text[i] !== ',' && text[i] !== '\n') i++;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
      field = text.slice(i, Math.min(j, i + FIELD_CAP)).replace(/\r$/, '');
      i = j;
    }
    row.push(field);
    if (i >= n) break;
    if (text[i] === '\n') {
      rows.push(row);
      row = [];
    }
    i++;
  }
  if (row.length) rows.push(row);
  return rows;
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
      for (const r of csvRows(text, headerless ? offset : next)) {
        const id = parseInt(r[3] ?? '', 10);
        if (!Number.isFinite(id)) continue;
        events.push({ level: r[0]?.trim() || null, time: r[1]?.trim() || null, provider: r[2]?.trim() || null, id, machine: null, message: (r[5] ?? '').trim() });
      }
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
    for (const r of csvRows(text, next)) {
      let id = parseInt(r[idAt] ?? '', 10);
      if (!Number.isFinite(id)) continue;
      if (id > 0xffff) id = id % 65536; // InstanceId carries the qualifiers in its high bits
      const get = (c: Column): string | null => (at(c) === -1 ? null : r[at(c)]?.trim() || null);
      events.push({ id, provider: get('source'), level: get('level'), time: get('time'), machine: get('machine'), message: get('message') ?? '' });
    }
    return { events, format: 'export-csv' };
  }
  return null;
}
