// Recognises an event-log paste (any provider, any of the shapes the reader takes) from a bounded
// head of the text, so detection stays cheap on multi-megabyte dumps.
import { eventIdsByHeadline } from '../connectorEventCatalog';

const RE_VIEWER_LOG_NAME = /^\s{0,8}(?:Log Name|Protokollname|Nom du journal|Nombre de registro|Nome registro)\s{0,2}:/m;
const RE_VIEWER_EVENT_ID = /^\s{0,8}(?:Event ID|Ereignis-ID|ID de l['’]événement|Id\. del evento|ID evento)\s{0,2}:\s{0,30}\d/m;
const RE_CSV_HEAD = /^\s{0,4}(?:(?:Level|Ebene|Niveau|Nivel|Livello),[^,\n]{2,40},(?:Source|Quelle|Origen|Origine),|#TYPE System\.Diagnostics\.Event|"(?:EventID|Message)","(?:MachineName|Id)",)/m;
export const RE_NO_MATCH = /No events were found that match the specified selection criteria|NoMatchingEventsFound|Get-EventLog\s{0,3}:\s{0,3}No matches found/i;

/** How sure we are that this is an event-log paste (any provider). Bounded prefix + one linear scan. */
export function detectConnectorEvents(text: string): number {
  const head = text.slice(0, 65536);
  const mentionsConnector = /microsoft (rms|rights management) connector/i.test(text);
  let score = 0;
  if (/^\s{0,4}Event\[\d{1,10}\]:/m.test(head) && /^\s{0,8}Event ID:/m.test(head)) score = 0.85;
  else if (RE_VIEWER_LOG_NAME.test(head) && RE_VIEWER_EVENT_ID.test(head)) score = 0.85;
  else if (/<EventID(?:\s[^>]{0,120})?>\s{0,4}\d{1,5}\s{0,4}<\/EventID>/.test(head) && /<Provider\s/.test(head)) score = 0.85;
  else if (RE_CSV_HEAD.test(head.slice(0, 2048))) score = 0.8;
  else if (/^\s{0,8}ProviderName:\s/m.test(head) && /TimeCreated\s{1,40}Id\s/.test(head)) score = 0.85;
  else if (/Index\s{1,6}Time\s{1,30}EntryType\s{1,10}Source\s{1,40}InstanceId/.test(head)) score = 0.85;
  else if (/^\s{0,4}TimeCreated\s{0,30}:/m.test(head) && /^\s{0,4}Id\s{0,30}:\s{0,2}\d/m.test(head)) score = 0.8;
  else if (/^\s{0,4}EntryType\s{0,30}:/m.test(head) && /^\s{0,4}InstanceId\s{0,30}:/m.test(head)) score = 0.8;
  else if (RE_NO_MATCH.test(head) && /Get-WinEvent|Get-EventLog/i.test(head)) return 0.92; // beats a generic PowerShell-error reading
  else if (mentionsConnector && /\b[123]00[0-4]\b/.test(head)) score = 0.4;
  else if (eventIdsByHeadline(head).length > 0) score = 0.6; // the message of one event, copied without its header
  if (score > 0 && mentionsConnector) score = Math.min(1, score + 0.1);
  return score;
}
