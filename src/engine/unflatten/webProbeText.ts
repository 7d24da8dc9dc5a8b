// Restores the line breaks of a flattened web-probe paste (Invoke-WebRequest / Invoke-RestMethod errors,
// curl.exe -v / -I output, Test-NetConnection): each of these shapes starts its lines with a marker of
// its own (`curl: (`, `* `, `< HTTP/`, `+ CategoryInfo`, `StatusCode :` …). One bounded replace per
// marker, so a flattened megabyte stays linear.

const MARKERS = [
  'curl: \\(\\d{1,3}\\)',
  '\\* (?:Trying|Connected to|schannel:|Closing connection|ALPN|TLS|SSL|Server certificate|Failed to connect|Could not resolve|Mark bundle|Connection #|Host |Uses proxy|Established|using HTTP|Request completely sent|old SSL session)',
  '< HTTP\\/\\d',
  '< [A-Z][A-Za-z-]{1,40}:',
  '> (?:GET|HEAD|POST) ',
  '> [A-Z][A-Za-z-]{1,40}:',
  'HTTP\\/\\d(?:\\.\\d)? \\d{3} ',
  '(?:Content-Type|Content-Length|Server|X-Powered-By|Date|WWW-Authenticate|Location|Cache-Control|Connection|Persistent-Auth|request-id):',
  '\\+ (?:CategoryInfo|FullyQualifiedErrorId)',
  '\\+ ~',
  'At line:\\d',
  'Invoke-(?:WebRequest|RestMethod) ?:',
  '(?:StatusCode|StatusDescription|Content|RawContent|Forms|Headers|Images|InputFields|Links|ParsedHtml|RawContentLength|ComputerName|RemoteAddress|RemotePort|InterfaceAlias|SourceAddress|TcpTestSucceeded|PingSucceeded|NameResolutionResults|Status|Response|Message|Data|InnerException|TargetSite|StackTrace|HelpLink|Source|HResult) {1,30}: ',
  'WARNING: (?:TCP connect|Name resolution|Ping to)',
];
const RE_MARKER = new RegExp(` {1,200}(?=(?:${MARKERS.join('|')}))`, 'g');
const RE_SHAPE = /curl: \(\d{1,3}\)|HTTP\/\d(?:\.\d)? \d{3} [A-Z]|\* (?:Trying|Connected to)|< HTTP\/\d|Invoke-(?:WebRequest|RestMethod) ?:|\+ CategoryInfo|StatusCode {1,30}: \d|TcpTestSucceeded {1,30}: |Status {1,30}: [A-Z][A-Za-z]{3,40}Failure/;

/** The text with its line breaks put back, or null when it is not a flattened web-probe paste. */
export function restoreLines(flat: string): string | null {
  if (!RE_SHAPE.test(flat.slice(0, 65536))) return null;
  const s = flat.replace(RE_MARKER, '\n');
  return s === flat ? null : s;
}
