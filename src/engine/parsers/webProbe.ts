// Reads the result of probing the connector URL from an Exchange server (seed step 5: "if you see an IIS
// error, it is OK; if you don't get a response, most likely DNS, IP or load balancing"): Invoke-WebRequest
// and Invoke-RestMethod (PowerShell 5.1 and 7 wording, the WebException's Format-List), curl.exe (-v / -I /
// schannel errors), a browser's page copied as text (error pages, the connector's .asmx service page) and
// Test-NetConnection.
// Everything is indexOf or an anchored, bounded regex over a bounded head + tail of the paste.
import { hostOf, originOf } from '../urls';
import type { ParseOutcome } from '../types';

export type ProbeOutcome = 'reachable' | 'service-ok' | 'dns-failure' | 'connect-failure' | 'timeout' | 'tls-untrusted' | 'tls-invalid' | 'unknown';
export type ProbeTool = 'invoke-webrequest' | 'curl' | 'browser' | 'test-netconnection';
export type TlsReason = 'revocation' | 'name-mismatch' | 'expired' | 'revoked' | 'handshake' | null;

export interface WebProbeFacts {
  url: string | null;
  host: string | null;
  outcome: ProbeOutcome;
  statusCode: number | null;
  tool: ProbeTool;
  /** Why a TLS failure happened, when the text says so (tls-invalid; null otherwise). */
  tlsReason: TlsReason;
  /** The line that decided the outcome, trimmed (for the card). */
  evidence: string | null;
  /** A proxy answered instead of the connector (407, "proxy name could not be resolved"). */
  viaProxy: boolean;
  /** Test-NetConnection of several hosts in one paste (a hybrid connectivity check): each host and its result. */
  targets?: ProbeTarget[];
}

export interface ProbeTarget {
  host: string;
  /** TcpTestSucceeded; null when the block does not say. */
  ok: boolean | null;
  /** The name did not resolve. */
  dns: boolean;
}

const MAX_TARGETS = 50;

/**
 * Splits a Test-NetConnection paste into one block per ComputerName. A WARNING line printed before a
 * block (TCP connect / name resolution failed) belongs to the block that follows it.
 */
function testNetConnectionTargets(w: string): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  let pendingDns = false;
  let pendingTcpFail = false;
  let cur: ProbeTarget | null = null;
  for (const line of w.split('\n')) {
    if (line.length > 400) continue;
    const t = line.trim();
    // A WARNING may share its line with the previous block's last property (a flattened paste put back).
    const warn = t.indexOf('WARNING:');
    if (warn !== -1) {
      const tcpBefore = /^TcpTestSucceeded[ \t]{0,20}:[ \t]{0,4}(True|False)\b/.exec(t);
      if (tcpBefore && cur) cur.ok = tcpBefore[1] === 'True';
      const w = t.slice(warn);
      if (/Name resolution of \S{1,253} failed/.test(w)) pendingDns = true;
      if (/TCP connect to/.test(w)) pendingTcpFail = true;
      continue;
    }
    const cn = /^ComputerName[ \t]{0,20}:[ \t]{0,4}([A-Za-z0-9][A-Za-z0-9.-]{0,252})$/.exec(t);
    if (cn) {
      if (out.length >= MAX_TARGETS) break;
      cur = { host: cn[1]!.toLowerCase(), ok: pendingTcpFail || pendingDns ? false : null, dns: pendingDns };
      out.push(cur);
      pendingDns = pendingTcpFail = false;
      continue;
    }
    const tcp = /^TcpTestSucceeded[ \t]{0,20}:[ \t]{0,4}(True|False)\b/.exec(t);
    if (tcp && cur) cur.ok = tcp[1] === 'True';
  }
  return out;
}

const HEAD = 65536;
const TAIL = 16384;

/** The part of a paste worth scanning: outputs put their verdict at the top (errors, status) or the bottom (curl). */
function window(text: string): string {
  return text.length <= HEAD + TAIL ? text : `${text.slice(0, HEAD)}\n${text.slice(-TAIL)}`;
}

type Rule = [RegExp, ProbeOutcome, TlsReason?];

// Order matters: the first rule that matches decides. Specific TLS causes before generic TLS wording
// (Windows PowerShell says "Could not establish trust relationship" for every certificate error).
const ERROR_RULES: Rule[] = [
  [/SEC_E_UNTRUSTED_ROOT|0x80090325|ERR_CERT_AUTHORITY_INVALID|unable to get local issuer certificate|self[- ]signed certificate|issued by an authority that is not trusted|UntrustedRoot|PartialChain|CERT_TRUST_IS_UNTRUSTED_ROOT|CERT_TRUST_IS_PARTIAL_CHAIN|ERROR_(?:INTERNET|WINHTTP)_(?:SECURE_)?INVALID_CA|0x80072f0d/i, 'tls-untrusted'],
  [/ERR_CERT_UNABLE_TO_CHECK_REVOCATION|CRYPT_E_REVOCATION_OFFLINE|CRYPT_E_NO_REVOCATION_CHECK|0x8009201[23]|unable to check revocation|RevocationStatusUnknown|OfflineRevocation|CERT_TRUST_REVOCATION_STATUS_UNKNOWN|CERT_TRUST_IS_OFFLINE_REVOCATION|could not be checked for revocation|ERROR_(?:INTERNET_SEC|WINHTTP_SECURE)_CERT_REV_FAILED|0x80072f19/i, 'tls-invalid', 'revocation'],
  [/ERR_CERT_REVOKED|CRYPT_E_REVOKED|0x80092010|certificate (?:has been|is) revoked/i, 'tls-invalid', 'revoked'],
  [/ERR_CERT_COMMON_NAME_INVALID|no alternative certificate subject name matches|RemoteCertificateNameMismatch|SEC_E_WRONG_PRINCIPAL|0x80090322|target principal name is incorrect|does not match the target host name|ERROR_(?:INTERNET_SEC|WINHTTP_SECURE)_CERT_CN_INVALID|0x80072f06/i, 'tls-invalid', 'name-mismatch'],
  [/ERR_CERT_DATE_INVALID|certificate has expired|SEC_E_CERT_EXPIRED|NotTimeValid|0x80090328|ERROR_(?:INTERNET_SEC|WINHTTP_SECURE)_CERT_DATE_INVALID|0x80072f05/i, 'tls-invalid', 'expired'],
  [/Could not establish trust relationship for the SSL\/TLS secure channel|^[ \t]{0,4}Status[ \t]{0,20}:[ \t]{0,4}TrustFailure/im, 'tls-untrusted'],
  [/Your connection (?:isn['’]t|is not) private|problem with this website['’]s security certificate|NET::ERR_CERT/i, 'tls-untrusted'],
  [/remote certificate is invalid (?:according to the validation procedure|because of errors)|The SSL connection could not be established|Could not create SSL\/TLS secure channel|An unexpected error occurred on a send|^curl: \((?:35|60|77)\)|SEC_E_[A-Z_]{3,40}|ERR_SSL_PROTOCOL_ERROR|ERR_SSL_VERSION_OR_CIPHER_MISMATCH|^[ \t]{0,4}Status[ \t]{0,20}:[ \t]{0,4}SecureChannelFailure/im, 'tls-invalid', 'handshake'],
  [/remote name could not be resolved|proxy name could not be resolved|Could not resolve host|^curl: \(6\)|DNS_PROBE_FINISHED_NXDOMAIN|ERR_NAME_NOT_RESOLVED|No such host is known|Name or service not known|server IP address could not be found|server['’]s DNS address could not be found|^[ \t]{0,4}Status[ \t]{0,20}:[ \t]{0,4}NameResolutionFailure|Name resolution of \S{1,253} failed/im, 'dns-failure'],
  [/operation has timed out|^curl: \(28\)|Connection timed out|Operation timed out|ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT|took too long to respond|did not properly respond after a period of time|HttpClient\.Timeout/im, 'timeout'],
  [/Unable to connect to the remote server|^curl: \((?:7|52|56)\)|Failed to connect to|TCP connect to \(?[^\n]{1,120}\)? failed|^[ \t]{0,4}TcpTestSucceeded[ \t]{0,20}:[ \t]{0,4}False|^[ \t]{0,4}Status[ \t]{0,20}:[ \t]{0,4}ConnectFailure|Couldn['’]t connect to server|Connection refused|actively refused|refused to connect|ERR_CONNECTION_(?:REFUSED|RESET|CLOSED)|ERR_ADDRESS_UNREACHABLE|connection was closed unexpectedly|forcibly closed by the remote host|This page can['’]t be displayed/im, 'connect-failure'],
];

// Where a response came back: its status code (the last one wins: curl follows 401 -> 200 for NTLM).
const STATUS_RULES: RegExp[] = [
  /^[ \t]{0,4}StatusCode[ \t]{0,20}:[ \t]{0,4}(\d{3})\b/gm,
  /returned an error: \((\d{3})\)/g,
  /Response status code does not indicate success: (\d{3})/g,
  /^<?[ \t]{0,2}HTTP\/\d(?:\.\d)?[ \t]{1,4}(\d{3})\b/gm,
  /HTTP Error (\d{3})(?:\.\d{1,3})?\b/g,
  /^[ \t]{0,8}(\d{3}) - [A-Z][A-Za-z ]{2,40}(?::|\.)/gm,
];

function lastStatus(w: string): { code: number; line: string } | null {
  let best: { code: number; at: number; line: string } | null = null;
  for (const re of STATUS_RULES) {
    re.lastIndex = 0;
    for (const m of w.matchAll(re)) {
      if (best === null || m.index! > best.at) best = { code: +m[1]!, at: m.index!, line: lineAt(w, m.index!) };
    }
  }
  if (!best && /Server Error in ['‘’]\/['‘’] Application/i.test(w)) {
    const i = w.search(/Server Error in/i);
    return { code: 500, line: lineAt(w, i) };
  }
  return best && { code: best.code, line: best.line };
}

function lineAt(w: string, i: number): string {
  const s = w.lastIndexOf('\n', i) + 1;
  const e = w.indexOf('\n', i);
  return w.slice(s, e === -1 ? undefined : Math.min(e, s + 300)).trim();
}

const IGNORED_HOSTS = /(^|\.)(w3\.org|xmlsoap\.org|tempuri\.org|schemas\.microsoft\.com|go\.microsoft\.com|curl\.se|haxx\.se)$/i;

// A line that runs the probe (or PowerShell's echo of it under an error): `+ Invoke-WebRequest …`,
// `$ curl -v …`, `➜ curl …`, `irm https://… | iex`.
const RE_COMMAND_LINE = /^[^\w\n]{0,4}\s{0,2}(?:curl(?:\.exe)?|invoke-webrequest|invoke-restmethod|iwr|irm|wget)\s/i;

function findUrl(w: string): string | null {
  // The last URL on a command line (several attempts: the last one goes with the error), else the
  // connector's /_wmcs/ path, else the first URL.
  let first: string | null = null;
  let wmcs: string | null = null;
  let command: string | null = null;
  for (const m of w.matchAll(/https?:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?:\/[^\s'"<>)\]]{0,500})?/gi)) {
    let u = m[0]!.replace(/[.,;]+$/, '');
    const h = hostOf(u);
    // PowerShell's error echo cuts a long command with " ...": keep only the part that is surely right.
    if (w.startsWith(' ...', m.index! + m[0]!.length) && originOf(u)) u = originOf(u)!;
    if (!h || IGNORED_HOSTS.test(h)) continue;
    const lineStart = w.lastIndexOf('\n', m.index!) + 1;
    if (m.index! - lineStart < 600 && RE_COMMAND_LINE.test(w.slice(lineStart, m.index!))) command = u;
    if (/\/_wmcs\//i.test(u)) wmcs ??= u;
    first ??= u;
  }
  return command ?? wmcs ?? first;
}

function findHost(w: string): string | null {
  const m =
    /Could not resolve host:\s{0,3}([A-Za-z0-9.-]{1,253})/i.exec(w) ??
    /remote name could not be resolved:\s{0,3}'([^']{1,253})'/i.exec(w) ??
    /(?:Failed to connect to|Connected to)\s{1,3}([A-Za-z0-9.-]{1,253})\s/i.exec(w) ??
    /^>[ \t]{0,2}Host:[ \t]{0,3}([A-Za-z0-9.-]{1,253})/im.exec(w) ??
    /Check if there is a typo in ([A-Za-z0-9][A-Za-z0-9.-]{0,252}[A-Za-z0-9])/i.exec(w) ??
    /^[ \t]{0,8}([A-Za-z0-9][A-Za-z0-9.-]{0,252})(?:['’]s server IP address| took too long to respond| refused to connect)/im.exec(w) ??
    /target host ?name '([A-Za-z0-9*][A-Za-z0-9.*-]{0,252})'/i.exec(w) ??
    /steal your information from ([A-Za-z0-9][A-Za-z0-9.-]{0,252}[A-Za-z0-9])/i.exec(w) ??
    /^[ \t]{0,4}ComputerName[ \t]{0,20}:[ \t]{0,4}([A-Za-z0-9][A-Za-z0-9.-]{0,252})[ \t]*$/im.exec(w) ??
    /Name resolution of ([A-Za-z0-9][A-Za-z0-9.-]{0,252}) failed/i.exec(w) ??
    // The Host header of a request (a hashtable of headers printed as a table, padded to its column).
    /(?:^|\s)Host {2,40}([A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){1,10})(?=\s|$)/.exec(w);
  return m ? m[1]!.toLowerCase() : null;
}

function toolOf(w: string): ProbeTool {
  if (/^[ \t]{0,4}TcpTestSucceeded[ \t]{0,20}:/m.test(w)) return 'test-netconnection';
  // The error prefix or the response object, not the command echo: a prompt line may name any tool.
  if (/Invoke-(?:WebRequest|RestMethod)\s?:|^[ \t]{0,2}(?:iwr|irm)[ \t]{0,2}:|WebCmdletWebResponseException|^[ \t]{0,4}Status[ \t]{0,20}:[ \t]{0,4}[A-Z][A-Za-z]{3,40}Failure|^[ \t]{0,4}StatusDescription[ \t]{0,20}:|^[ \t]{0,4}RawContent[ \t]{0,20}:/im.test(w)) return 'invoke-webrequest';
  if (/^curl: \(\d{1,3}\)|^[<>*] |^[ \t]{0,2}HTTP\/\d(?:\.\d)? \d{3}|schannel: /m.test(w)) return 'curl';
  return 'browser';
}

// The connector's web service page as a browser shows it (seed step 5 / the install doc's verification).
const RE_SERVICE_PAGE = /The following operations are supported\.?/i;
const RE_CONNECTOR_SERVICE = /ServerCertificationWebService|servercertification\.asmx|ServerLicensingWebService|\/_wmcs\//i;

export function detectWebProbe(text: string): number {
  const w = window(text);
  // Case-insensitive: PowerShell names the cmdlet in the error as it was typed (`invoke-webrequest : …`).
  if (/Invoke-(?:WebRequest|RestMethod)\s?:|WebCmdletWebResponseException|^[ \t]{0,2}(?:iwr|irm|curl)[ \t]{0,2}:[ \t]/im.test(w)) return 0.95;
  if (/^[ \t]{0,4}TcpTestSucceeded[ \t]{0,20}:/m.test(w) && /^[ \t]{0,4}(?:ComputerName|RemotePort)[ \t]{0,20}:/m.test(w)) return 0.9;
  if (/^[ \t]{0,4}Status[ \t]{0,20}:[ \t]{0,4}(?:TrustFailure|NameResolutionFailure|ConnectFailure|SecureChannelFailure|Timeout|ProxyNameResolutionFailure)\b/m.test(w)) return 0.85;
  if (/schannel: [^\n]{0,60}(?:SEC_E_|CRYPT_E_|CERT_TRUST_|0x8009)|SSL: no alternative certificate subject name matches|SSL: certificate subject name '/.test(w)) return 0.85;
  // WinINet / WinHTTP certificate errors (a browser's or an agent's log line), when certutil's own markers are absent.
  if (/ERROR_(?:INTERNET|WINHTTP)_(?:SEC_|SECURE_)?(?:INVALID_CA|CERT_CN_INVALID|CERT_DATE_INVALID|CERT_REV_FAILED)/.test(w) && !/CertUtil:|CertContext\[/.test(w)) return 0.6;
  if (RE_SERVICE_PAGE.test(w) && RE_CONNECTOR_SERVICE.test(w)) return 0.85;
  if (/^[ \t]{0,4}StatusCode[ \t]{0,20}:[ \t]{0,4}\d{3}/m.test(w) && /^[ \t]{0,4}StatusDescription[ \t]{0,20}:/m.test(w)) return 0.9;
  if (/^curl: \(\d{1,3}\)|^<\s{0,2}HTTP\/\d/m.test(w)) return 0.9;
  if (/DNS_PROBE_FINISHED_\w{2,20}|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_\w{2,20}|ERR_CERT_\w{2,30}|ERR_SSL_\w{2,30}|ERR_TIMED_OUT/.test(w)) return 0.85;
  if (/This site can['’]t be reached|can['’]t reach this page|Your connection (?:isn['’]t|is not) private|ServerCertificationWebService/i.test(w)) return 0.8;
  if (RE_SERVICE_PAGE.test(w) && /Service Description/i.test(w)) return 0.6;
  if (/^[ \t]{0,4}HTTP\/\d(?:\.\d)? \d{3}/m.test(w.slice(0, 4096))) return 0.8;
  if (/\b\d{3} - (?:Unauthorized|Forbidden|File or directory not found)|Server Error in ['‘’]\/['‘’] Application/i.test(w)) return 0.75;
  if (/HTTP Error \d{3}/.test(w)) return 0.5;
  return 0;
}

/** Lines an 80-column console cut (exactly 80 characters) joined back, for the error wording only. */
function unwrap80(w: string): string {
  return w.indexOf('\n') === -1 ? w : w.replace(/^([^\n]{80})\n/gm, '$1');
}

export function parseWebProbe(text: string): ParseOutcome<WebProbeFacts> {
  const w = window(text);
  let url = findUrl(w);
  // The host the error itself names wins over a URL elsewhere in the paste (a prompt line, a script's echo).
  const named = findHost(w) ?? findHost(unwrap80(w));
  if (url && named && hostOf(url) !== named) url = null;
  const host = named ?? (url ? hostOf(url) : undefined);
  if (!url && host) {
    // curl names the port it tried ("Connected to <host> (<ip>) port 443"): enough for the connector's origin.
    const port = /(?:Connected to|Failed to connect to)\s{1,3}[A-Za-z0-9.-]{1,253}\s(?:\([^)]{1,60}\)\s)?port\s(\d{2,5})/i.exec(w)?.[1];
    if (port === '443') url = `https://${host}`;
    else if (port === '80') url = `http://${host}`;
    else if (port) url = `https://${host}:${port}`;
  }
  const facts: WebProbeFacts = { url, host: host ?? null, outcome: 'unknown', statusCode: null, tool: toolOf(w), tlsReason: null, evidence: null, viaProxy: false };
  const status = lastStatus(w);
  const tcp = /^[ \t]{0,4}TcpTestSucceeded[ \t]{0,20}:[ \t]{0,4}True\b/m.exec(w);
  if (!status && RE_SERVICE_PAGE.test(w)) {
    // The .asmx help page only renders when IIS, authentication and the web service all answered.
    const m = RE_SERVICE_PAGE.exec(w)!;
    facts.outcome = RE_CONNECTOR_SERVICE.test(w) ? 'service-ok' : 'reachable';
    facts.evidence = lineAt(w, m.index);
  } else if (!status && tcp) {
    facts.outcome = 'reachable';
    facts.evidence = lineAt(w, tcp.index);
  } else if (status && status.code !== 407) {
    facts.statusCode = status.code;
    facts.evidence = status.line;
    facts.outcome = status.code === 200 && /ServerCertificationWebService/i.test(w) ? 'service-ok' : 'reachable';
  } else {
    const uw = unwrap80(w);
    for (const [re, outcome, reason] of ERROR_RULES) {
      const m = re.exec(w) ?? re.exec(uw);
      if (!m) continue;
      facts.outcome = outcome;
      facts.tlsReason = outcome === 'tls-invalid' ? (reason ?? 'handshake') : null;
      facts.evidence = lineAt(m.input, m.index);
      break;
    }
    if (status?.code === 407 || /proxy name could not be resolved/i.test(w)) {
      // The proxy answered, not the connector: the connector was never reached.
      facts.viaProxy = true;
      facts.statusCode = status?.code ?? null;
      if (facts.outcome === 'unknown') {
        facts.outcome = 'connect-failure';
        facts.evidence = status?.line ?? null;
      }
    }
  }
  if (facts.tool === 'test-netconnection') {
    const targets = testNetConnectionTargets(w);
    if (targets.length > 1) {
      // Several hosts: each is judged as itself; the facts name the first that failed (else the first).
      const bad = targets.find((t) => t.ok === false);
      const primary = bad ?? targets[0]!;
      facts.targets = targets;
      facts.host = primary.host;
      facts.url = null;
      facts.outcome = bad ? (bad.dns ? 'dns-failure' : 'connect-failure') : targets.some((t) => t.ok) ? 'reachable' : facts.outcome;
    }
  }
  return { facts, shape: facts.outcome === 'unknown' ? 'incomplete' : 'complete', findings: [] };
}
