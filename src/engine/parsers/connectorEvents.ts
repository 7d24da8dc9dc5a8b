// Reads the RMS connector's Application-log events in every shape an admin pastes them: Get-WinEvent
// (table and Format-List), Get-EventLog (table and Format-List), wevtutil /f:text, Event Viewer's
// "Copy details as text" (localised labels), its XML view, a saved CSV (Event Viewer or Export-Csv), the
// bare message text of one event, whole Application-log dumps, and several connector nodes in one paste. One linear pass over the lines; each line is either
// a structure marker, a field, or message text of the current record. Only the connector's own events are
// kept (capped), the rest are counted, so a multi-megabyte dump stays cheap and the facts stay small.
import { FILTER_COMMAND, isConnectorSource, isDocumentedEvent, isLevelWord } from '../connectorEventCatalog';
import { lines } from '../normalize';
import type { ConnectorEventsFacts } from './connectorEventsFacts';
import { ConnectorEventCollector, type RawRecord } from './connectorEventsCollector';
import { readEventCsv } from './eventCsv';
import { readEventXml, xmlLevelName } from './eventXml';
import type { Finding, ParseOutcome } from '../types';

const FIELD_CAP = 4096;
const LONG_LINE = 4000;

const WEV_FIELDS = ['log name', 'source', 'date', 'event id', 'task', 'level', 'opcode', 'keyword', 'user', 'user name', 'computer', 'description'];
// Event Viewer's "Copy details as text": ten labelled fields, then the description, then "Event Xml:".
const VIEWER_FIELDS = ['log name', 'source', 'date', 'event id', 'task', 'level', 'keyword', 'user', 'computer', 'description'];
/** Localised labels (de, fr, es, it) of Event Viewer and wevtutil, mapped to the English field. */
const LABELS: Record<string, string> = {
  'log name': 'log name', protokollname: 'log name', 'nom du journal': 'log name', 'nombre de registro': 'log name', 'nome registro': 'log name',
  source: 'source', quelle: 'source', origen: 'source', origine: 'source',
  date: 'date', datum: 'date', fecha: 'date', data: 'date',
  'event id': 'event id', 'ereignis-id': 'event id', "id de l'événement": 'event id', 'id de l’événement': 'event id', 'id. del evento': 'event id', 'id evento': 'event id',
  'task category': 'task', aufgabenkategorie: 'task', 'catégorie de la tâche': 'task', 'categoría de la tarea': 'task', 'categoria attività': 'task', task: 'task',
  level: 'level', ebene: 'level', niveau: 'level', nivel: 'level', livello: 'level',
  keywords: 'keyword', keyword: 'keyword', 'schlüsselwörter': 'keyword', 'mots clés': 'keyword', 'mots-clés': 'keyword', 'palabras clave': 'keyword', 'parole chiave': 'keyword',
  user: 'user', benutzer: 'user', utilisateur: 'user', usuario: 'user', utente: 'user', 'user name': 'user name',
  computer: 'computer', ordinateur: 'computer', equipo: 'computer',
  description: 'description', beschreibung: 'description', 'descripción': 'description', descrizione: 'description',
  opcode: 'opcode',
};
const LOG_NAME_LABELS = new Set(['log name', 'protokollname', 'nom du journal', 'nombre de registro', 'nome registro']);
const XML_LABELS = new Set(['event xml', 'ereignis-xml', "xml de l'événement", 'xml de l’événement', 'xml de evento', 'xml evento']);
const FL_KEYS = new Set(
  ('message id version qualifiers level task opcode keywords recordid providername providerid logname processid threadid machinename ' +
    'userid timecreated activityid relatedactivityid containerlog matchedqueryids bookmark leveldisplayname opcodedisplayname ' +
    'taskdisplayname keywordsdisplaynames properties eventid data index category categorynumber entrytype source replacementstrings ' +
    'instanceid timegenerated timewritten username site container').split(' '),
);

const RE_EVENT_START = /^\s{0,4}Event\[\d{1,10}\]:?\s*$/;
// `Label: value`; long labels run into their value (`Aufgabenkategorie:Keine`), French puts a space before the colon.
const RE_WEV_FIELD = /^\s{0,8}([^:]{1,40}?)\s{0,2}:\s{0,30}(.*)$/;
const RE_FL_KEY = /^\s{0,4}([A-Za-z]{2,25})\s{0,30}:(?: ?(.*))?$/;
const RE_GROUP = /^\s{0,8}ProviderName:\s{0,4}(.*)$/;
// `=== RMSCON01 ===`, `--- RMSCON02 ---`, `## Node 2`, `=== Server: RMSCON01 ===`. A host name has no spaces, which keeps
// `--- End of inner exception stack trace ---` inside a 3000 message from looking like a header.
const RE_NODE = /^\s{0,4}(?:={2,40}|-{3,40}|\*{2,40}|#{1,4})\s{0,4}((?:(?:node|server|computer|connector)\s{0,2}:?\s{0,2})?[A-Za-z0-9][A-Za-z0-9._-]{0,62})\s{0,4}(?:={2,40}|-{3,40}|\*{2,40})?$/i;
const RE_WINEVENT_ROW = /^\s{0,8}(\S{1,12}\s\d{1,2}:\d{2}(?::\d{2})?(?:\s[^\s\d]{1,6})?)\s{1,40}(\d{1,5})(?:\s{1,3}(\S{1,24}))?(?:\s{1,40}(.*))?$/;
const RE_EVENTLOG_ROW = /^\s{0,12}(\d{1,10})\s{1,3}(\S{3,5}\s{1,2}\d{1,2}\s{1,2}\d{1,2}:\d{2})\s{1,3}(\S{1,20})\s{1,12}(.{1,64}?)\s{1,40}(\d{1,11})(?:\s(.*))?$/;

export function parseConnectorEvents(text: string): ParseOutcome<ConnectorEventsFacts> {
  const out = new ConnectorEventCollector();

  let nodeHeader: string | null = null;
  let mode: 'none' | 'wev-head' | 'wev-desc' | 'xml-skip' | 'fl' | 'winevent-table' | 'eventlog-table' = 'none';
  /** wevtutil's 12 fields, or Event Viewer's 10 ("Copy details as text"). */
  let headFields = WEV_FIELDS;
  let headFormat: 'wevtutil-text' | 'event-viewer-text' = 'wevtutil-text';
  let tableProvider: string | null = null;
  let wev: Record<string, string> = {};
  let wevPos = 0;
  let wevKeep = true;
  let msg: string[] = [];
  let msgLen = 0;
  let fl: Record<string, string> = {};
  let flKey: string | null = null;
  let row: RawRecord | null = null;

  /** A record read; it belongs to the node whose header it was listed under, unless it names its machine. */
  function accept(rec: RawRecord): void {
    out.accept(rec, nodeHeader);
  }

  function addMsg(line: string): void {
    if (msgLen >= FIELD_CAP) return;
    msg.push(line);
    msgLen += line.length + 1;
  }

  function flushWev(): void {
    const id = parseInt(wev['event id'] ?? '', 10);
    if (Number.isFinite(id)) {
      accept({ format: headFormat, provider: wev.source ?? null, id, level: wev.level ?? null, time: wev.date ?? null, machine: wev.computer ?? null, message: msg.join('\n') });
    }
    wev = {};
    msg = [];
    msgLen = 0;
  }

  function flushFl(): void {
    // Only Message spans lines; for every other field the first line is the value.
    const first = (k: string): string | null => (fl[k] === undefined ? null : fl[k]!.split('\n')[0]!.trim());
    const idText = first('id') ?? first('eventid') ?? first('instanceid');
    let id = idText !== null ? parseInt(idText, 10) : NaN;
    if (!fl.id && !fl.eventid && id > 0xffff) id = id % 65536; // InstanceId carries qualifiers in the high bits
    if (Number.isFinite(id)) {
      const isWinEvent = fl.providername !== undefined || fl.timecreated !== undefined || fl.leveldisplayname !== undefined;
      accept({
        format: isWinEvent ? 'get-winevent-list' : 'get-eventlog-list',
        provider: first('providername') ?? first('source'),
        id,
        level: first('leveldisplayname') ?? first('entrytype') ?? first('level'),
        time: first('timecreated') ?? first('timegenerated'),
        machine: first('machinename'),
        message: fl.message ?? '',
      });
    }
    fl = {};
    flKey = null;
  }

  function flushRow(): void {
    if (row) accept(row);
    row = null;
  }

  function flushAll(): void {
    if (mode === 'wev-head' || mode === 'wev-desc') flushWev();
    else if (mode === 'xml-skip') {
      /* the XML of a record already read from its text */
    }
    else if (mode === 'fl') flushFl();
    else flushRow();
    mode = 'none';
  }

  function startViewerRecord(value: string | undefined): void {
    flushAll();
    mode = 'wev-head';
    headFields = VIEWER_FIELDS;
    headFormat = 'event-viewer-text';
    wev['log name'] = (value ?? '').trim();
    wevPos = 1;
  }

  /** A `Log Name:` / `Event Xml:` line of Event Viewer's copy (any UI language), or null. */
  function viewerLabel(line: string): { label: string; value: string | undefined } | null {
    const colon = line.indexOf(':');
    if (colon === -1 || colon > 48 || line.length > 200) return null;
    const m = RE_WEV_FIELD.exec(line);
    if (!m) return null;
    const label = m[1]!.trim().toLowerCase();
    return LOG_NAME_LABELS.has(label) || XML_LABELS.has(label) ? { label, value: m[2] } : null;
  }

  // A saved CSV or a bare XML view has no lines of the other shapes: read it whole.
  const csv = readEventCsv(text);
  const viewerXml = /^\s{0,8}(?:Event Xml|Ereignis-XML|XML de l['’]événement|Xml de evento|XML evento)\s{0,2}:/im.test(text.slice(0, 65536));
  const xml = csv || viewerXml || text.indexOf('<EventID') === -1 ? [] : readEventXml(text);
  if (csv) for (const e of csv.events) accept({ ...e, format: csv.format });
  for (const e of xml) accept({ ...e, level: xmlLevelName(e.level), format: 'event-xml' });

  for (const line of csv || xml.length ? [] : lines(text)) {
    if (line.length > LONG_LINE) {
      // Too long for any marker: message text at most (capped).
      if (mode === 'wev-desc' && wevKeep) addMsg(line.slice(0, FIELD_CAP));
      continue;
    }
    // Cheap first-character dispatch: most lines of a big dump are message text and need no regex at all.
    let p = 0;
    while (p < 8 && line.charCodeAt(p) === 32) p++;
    const c = line[p];
    if (c === 'E' && RE_EVENT_START.test(line)) {
      flushAll();
      mode = 'wev-head';
      headFields = WEV_FIELDS;
      headFormat = 'wevtutil-text';
      wevPos = 0;
      continue;
    }
    const nodeM = c === '=' || c === '-' || c === '*' || c === '#' ? RE_NODE.exec(line) : null;
    if (nodeM && /[A-Za-z]/.test(nodeM[1]!)) {
      flushAll();
      const labelled = /^(?:node|server|computer|connector)\s{0,2}:\s{0,2}(.+)$/i.exec(nodeM[1]!);
      nodeHeader = (labelled ? labelled[1]! : nodeM[1]!).trim();
      tableProvider = null;
      continue;
    }
    if (mode === 'xml-skip') {
      if (line.indexOf('</Event>') !== -1) mode = 'none';
      continue;
    }
    // Only `Log Name` / `Protokollname` / `Nom du journal` / `Nombre…` / `Event Xml` / `Ereignis-XML` / `XML…` can start one.
    // wevtutil's records are opened by Event[n], so its own `Log Name:` lines need no look.
    const inWevtutil = headFormat === 'wevtutil-text' && (mode === 'wev-head' || mode === 'wev-desc');
    const vl = !inWevtutil && (c === 'L' || c === 'P' || c === 'N' || c === 'E' || c === 'X') ? viewerLabel(line) : null;
    if (vl && LOG_NAME_LABELS.has(vl.label) && mode !== 'wev-head') {
      // Event Viewer's copy: a new record (several copied events are often pasted one after another).
      startViewerRecord(vl.value);
      continue;
    }
    if (vl && XML_LABELS.has(vl.label)) {
      flushAll();
      mode = 'xml-skip';
      continue;
    }
    if (mode === 'wev-desc') {
      if (wevKeep) addMsg(line); // another provider's message is only counted, never stored
      continue;
    }
    if (mode === 'wev-head') {
      const m = RE_WEV_FIELD.exec(line);
      if (m) {
        const raw = m[1]!.trim().toLowerCase();
        const label = LABELS[raw] ?? raw;
        // Labels are localised on non-English Windows; the order of the fields is not.
        const field = headFields.includes(label) ? label : headFields[wevPos];
        wevPos++;
        if (field === 'description') {
          mode = 'wev-desc';
          wevKeep = wev.source === undefined || isConnectorSource(wev.source);
          if (m[2]?.trim()) addMsg(m[2]);
        } else if (field) wev[field] = (m[2] ?? '').trim();
        continue;
      }
      if (line.trim() === '') continue;
      mode = 'wev-desc'; // a field we do not know: treat what follows as the message
      wevKeep = wev.source === undefined || isConnectorSource(wev.source);
      if (wevKeep) addMsg(line);
      continue;
    }
    const group = RE_GROUP.exec(line);
    if (group) {
      flushAll();
      tableProvider = group[1]!.trim() || null;
      continue;
    }
    if (/\bTimeCreated\s{1,40}Id\b/.test(line) && /LevelDisplayName|Message/.test(line)) {
      flushAll();
      mode = 'winevent-table';
      continue;
    }
    if (/\bIndex\s{1,6}Time\b/.test(line) && /EntryType/.test(line) && /InstanceId/.test(line)) {
      flushAll();
      mode = 'eventlog-table';
      continue;
    }
    const flm = line.indexOf(':') !== -1 ? RE_FL_KEY.exec(line) : null;
    if (flm && FL_KEYS.has(flm[1]!.toLowerCase())) {
      const key = flm[1]!.toLowerCase();
      if (mode !== 'fl') flushAll();
      else if (fl[key] !== undefined) flushFl();
      mode = 'fl';
      fl[key] = flm[2] ?? '';
      flKey = key;
      continue;
    }
    if (mode === 'fl') {
      if (flKey && (fl[flKey]!.length < FIELD_CAP)) fl[flKey] += '\n' + line.trim();
      continue;
    }
    if (mode === 'winevent-table') {
      const m = RE_WINEVENT_ROW.exec(line);
      if (m) {
        flushRow();
        let level: string | null = m[3] ?? null;
        let message = m[4] ?? '';
        if (level && !isLevelWord(level)) {
          message = message ? `${level} ${message}` : level;
          level = null;
        }
        row = { format: 'get-winevent-table', provider: tableProvider, id: +m[2]!, level, time: m[1]!, machine: null, message };
      } else if (row && /^\s{20}/.test(line)) row.message += '\n' + line.trim(); // ft -Wrap continuation
      continue;
    }
    if (mode === 'eventlog-table') {
      const m = RE_EVENTLOG_ROW.exec(line);
      if (m) {
        flushRow();
        let id = +m[5]!;
        if (id > 0xffff) id = id % 65536;
        row = { format: 'get-eventlog-table', provider: m[4]!.trim(), id, level: m[3]!, time: m[2]!, machine: null, message: m[6] ?? '' };
      } else if (row && /^\s{20}/.test(line)) row.message += '\n' + line.trim();
      continue;
    }
  }
  flushAll();

  const facts = out.finish(text, nodeHeader);
  return { facts, shape: shapeOf(facts), findings: inputFindings(facts) };
}

function shapeOf(f: ConnectorEventsFacts): ParseOutcome<ConnectorEventsFacts>['shape'] {
  if (f.connectorEventCount === 0) return 'wrong_input';
  return f.nodes.every((n) => Object.keys(n.counts).every((id) => !isDocumentedEvent(+id))) ? 'incomplete' : 'complete';
}

function inputFindings(f: ConnectorEventsFacts): Finding[] {
  if (f.connectorEventCount > 0) return [];
  const what = f.noMatchError
    ? 'The event query matched nothing.'
    : f.otherEventCount > 0
      ? `This event log has ${f.otherEventCount} event(s), but none from the source "Microsoft RMS connector".`
      : 'I found no "Microsoft RMS connector" events in this paste.';
  return [
    {
      id: 'events.none',
      severity: 'info',
      summary: `${what} The connector logs to the Application log of the CONNECTOR servers, not of the Exchange servers.`,
      detail:
        'Run the query on each RMS connector node (or with -ComputerName <node>) and filter on the source / provider "Microsoft RMS connector". ' +
        'If a connector node really has no such events, the connector is not installed or has never started on it.',
      seedStep: 'A5',
      fix: `# On each RMS connector node:\n${FILTER_COMMAND}`,
    },
  ];
}
