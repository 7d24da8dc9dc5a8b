// Restores the line breaks of a flattened event-log paste (its newlines were lost in a chat client, a
// mail client or a ticket system: every newline became one space). The event shapes carry their own
// line starts: Event Viewer's "Copy details as text" labels (Log Name:, Source:, Event ID: ... and their
// German / French / Spanish / Italian forms), wevtutil's `Event[n]:`, the XML view's tags, the
// Format-List keys of Get-WinEvent / Get-EventLog, the table rows of both, and saved CSV rows.
// Called by the normaliser (and by the connector-events kind as a fallback). Every pattern is bounded
// and each pass is one linear replace, so a flattened megabyte costs a few milliseconds.

/** Event Viewer "Copy details as text" labels, English first, then de / fr / es / it. */
const VIEWER_LABELS = [
  'Log Name', 'Source', 'Date', 'Event ID', 'Task Category', 'Level', 'Keywords', 'User', 'Computer', 'Description', 'Event Xml',
  'Protokollname', 'Quelle', 'Datum', 'Ereignis-ID', 'Aufgabenkategorie', 'Ebene', 'Schlüsselwörter', 'Benutzer', 'Beschreibung', 'Ereignis-XML',
  'Nom du journal', "ID de l'événement", 'ID de l’événement', 'Catégorie de la tâche', 'Niveau', 'Mots clés', 'Utilisateur', 'Ordinateur', "XML de l'événement", 'XML de l’événement',
  'Nombre de registro', 'Origen', 'Fecha', 'Id. del evento', 'Categoría de la tarea', 'Nivel', 'Palabras clave', 'Usuario', 'Equipo', 'Descripción', 'Xml de evento',
  'Nome registro', 'Origine', 'Data', 'ID evento', 'Categoria attività', 'Livello', 'Parole chiave', 'Utente', 'Descrizione', 'XML evento',
];
/** wevtutil qe /f:text adds these (plus `Event[n]:` before each record). */
const WEVTUTIL_LABELS = ['Task', 'Opcode', 'Keyword', 'User Name', 'Aufgabe', 'Vorgang', 'Schlüsselwort', 'Benutzername'];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Longest labels first, so "Event Xml" wins over a shorter label that starts it.
const LABELS = [...new Set([...VIEWER_LABELS, ...WEVTUTIL_LABELS])].sort((a, b) => b.length - a.length).map(escape).join('|');
// A label is followed by `:` (French puts a space before it). The lookbehind-free form keeps the
// separating space out of the match, so only that one space becomes a newline.
// Long labels run into their value (`Aufgabenkategorie:Keine`, `ID de l’événement :2001`), so the colon is enough.
const RE_LABEL = new RegExp(`(\\S) {1,3}(?=(?:${LABELS}) {0,2}:)`, 'g');
const RE_LOG_NAME = /(?:^|\s)(?:Log Name|Protokollname|Nom du journal|Nombre de registro|Nome registro)\s{0,2}:/;
const RE_WEV_START = /(\S) {1,3}(?=Event\[\d{1,10}\]:)/g;

const XML_TAGS =
  'Event|System|Provider|EventID|Version|Level|Task|Opcode|Keywords|TimeCreated|EventRecordID|Correlation|Execution|Channel|Computer|Security|EventData|UserData|Data|Binary|RenderingInfo|Message';
const RE_XML_TAG = new RegExp(`> {1,40}(?=</?(?:${XML_TAGS})[\\s>/])`, 'g');

// Format-List keys of Get-WinEvent and Get-EventLog, as `Key   : value`.
const FL_KEYS =
  'TimeCreated|ProviderName|ProviderId|Id|Version|Qualifiers|Level|LevelDisplayName|Task|TaskDisplayName|Opcode|OpcodeDisplayName|Keywords|KeywordsDisplayNames|' +
  'RecordId|LogName|ProcessId|ThreadId|MachineName|UserId|ActivityId|RelatedActivityId|ContainerLog|MatchedQueryIds|Bookmark|Properties|Message|' +
  'EventID|Index|Category|CategoryNumber|EntryType|Source|ReplacementStrings|InstanceId|TimeGenerated|TimeWritten|UserName|Site|Container|Data';
const RE_FL = new RegExp(`(\\S) {1,3}(?=(?:${FL_KEYS}) {0,30}: )`, 'g');
const RE_FL_SHAPE = /(?:^|\s)(?:TimeCreated|ProviderName|EntryType|InstanceId|TimeGenerated) {0,30}: \S/g;

// Table rows: Get-WinEvent's start with a date and time, Get-EventLog's with the index and "Mon dd HH:mm".
const RE_WINEVENT_HEADER = /TimeCreated {1,40}Id {1,40}(?:LevelDisplayName {1,40})?Message {1,3}-{5,40} {1,40}-{2,10} /;
const RE_WINEVENT_ROW = / {1,40}(?=\d{1,4}[./-]\d{1,2}[./-]\d{1,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])? {1,40}\d{1,5} )/g;
const RE_EVENTLOG_HEADER = /Index {1,6}Time {1,30}EntryType {1,10}Source {1,40}InstanceId {1,3}Message/;
const RE_EVENTLOG_ROW = / {1,40}(?=\d{1,10} {1,3}\S{3,5} {1,2}\d{1,2} {1,2}\d{1,2}:\d{2} {1,3}\S{1,20} )/g;
const RE_TABLE_RULE = / {1,40}(?=-{2,40}(?: {1,40}-{2,40}){2,12} )/;
const RE_GROUP = / {1,10}(?=ProviderName: )/g;

// Saved CSV: Event Viewer's rows start with a level word and a date; Export-Csv rows are quoted, and
// `" "` (quote, space, quote) can only be a row boundary there.
const LEVEL_WORDS = 'Information|Warning|Error|Critical|Verbose|Informationen|Warnung|Fehler|Kritisch|Avertissement|Erreur|Critique|Informations|Advertencia|Información|Crítico|Informazioni|Avviso|Errore';
const RE_VIEWER_CSV_HEADER = /(?:^|\s)(?:Level|Ebene|Niveau|Nivel|Livello),[^,]{2,30},(?:Source|Quelle|Origen|Origine),/;
const RE_VIEWER_CSV_HEADER_START = /(\S) (?=(?:Level|Ebene|Niveau|Nivel|Livello),[^,]{2,30},(?:Source|Quelle|Origen|Origine),)/;
const RE_VIEWER_CSV_ROW = new RegExp(` (?=(?:${LEVEL_WORDS}),\\d{1,4}[./-])`, 'g');
const RE_EXPORT_CSV = /(?:^|\s)(?:#TYPE System\.Diagnostics\.Event|"(?:EventID|Message)","(?:MachineName|Id)",)/;
// Rows end with a quoted field or with empty ones (`,,,`); a field never starts with a space.
const RE_EXPORT_CSV_ROW = /([",]) (?=")/g;

/** The text with its line breaks put back, or null when it is not a flattened event paste. */
export function restoreLines(flat: string): string | null {
  const head = flat.slice(0, 4096);
  let s = flat;
  let changed = false;
  const apply = (re: RegExp, to: string): void => {
    const next = s.replace(re, to);
    if (next !== s) {
      s = next;
      changed = true;
    }
  };

  if (RE_EXPORT_CSV.test(head)) {
    s = s.replace(/(#TYPE [^"\n]{1,300}?) (?=")/, '$1\n');
    apply(RE_EXPORT_CSV_ROW, '$1\n');
    return changed ? s : null;
  }
  if (RE_VIEWER_CSV_HEADER.test(head)) {
    apply(RE_VIEWER_CSV_HEADER_START, '$1\n');
    apply(RE_VIEWER_CSV_ROW, '\n');
    return changed ? s : null;
  }
  if (head.indexOf('<Event') !== -1 || head.indexOf('<System>') !== -1) apply(RE_XML_TAG, '>\n');
  if (/Event\[\d{1,10}\]:/.test(head)) apply(RE_WEV_START, '$1\n');
  if (RE_LOG_NAME.test(head) || /Event\[\d{1,10}\]:/.test(head)) apply(RE_LABEL, '$1\n');
  if (RE_EVENTLOG_HEADER.test(head)) {
    apply(RE_TABLE_RULE, '\n');
    apply(RE_EVENTLOG_ROW, '\n');
    s = s.replace(/^(\s{0,8}Index {1,6}Time[^\n]{0,200}?InstanceId {1,3}Message) /, '$1\n');
  } else if (RE_WINEVENT_HEADER.test(head) || /ProviderName: \S[^\n]{0,200}TimeCreated {1,40}Id /.test(head)) {
    apply(RE_GROUP, '\n');
    s = s.replace(/(ProviderName: [^\n]{1,200}?) {1,10}(?=TimeCreated )/g, '$1\n');
    s = s.replace(/(Message) {1,3}(?=-{5,40} )/g, '$1\n');
    apply(RE_WINEVENT_ROW, '\n');
  } else {
    const fl = head.match(RE_FL_SHAPE);
    if (fl && fl.length >= 1) apply(RE_FL, '$1\n');
  }
  return changed ? s : null;
}
