// Recognises the lines admins put between several servers' outputs in one paste, so the registry and
// version parsers can attribute each block to a server (and the rules can name the odd one out).
// Every check is a bounded, anchored test on one line: pastes can be megabytes long.

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){0,8}$/;

/** Words that look like a bare name on a line of their own but are annotations, not servers. */
const NOT_SERVERS = new Set([
  'REGEDIT4', 'ERROR', 'FEHLER', 'HKLM', 'HKEY_LOCAL_MACHINE', 'MSDRM', 'MSIPC', 'IRM', 'AADRM', 'OK', 'NOTE', 'OUTPUT', 'BEFORE',
  'AFTER', 'RESULT', 'RESULTS', 'REGISTRY', 'KEYS', 'ACTIVATION', 'ENTERPRISEPUBLISHING', 'CERTIFICATIONSERVERREDIRECTION',
  'LICENSESERVERREDIRECTION', 'SERVICELOCATION', 'VERSION', 'NAME', 'TRUE', 'FALSE', 'SERVER', 'SERVERS', 'EXSETUP', 'CONNECTOR',
]);

const LABELS = /^(?:server|servername|server name|computer|computername|computer name|host|hostname|machine|rechner|exchange server|node)\s{0,4}[:=]\s{0,4}(.{1,260})$/i;
const PS_COMPUTER = /^\s{0,16}PSComputerName\s{0,40}:\s{0,4}(\S{1,260})$/;

/** Strips a file extension admins leave when they paste "EXCH01.reg" or "EXCH01.txt" as a heading. */
function cleanName(s: string): string | undefined {
  let name = s.trim().replace(/^["'`*_]+|["'`*_:]+$/g, '');
  name = name.replace(/\.(reg|txt|log|csv)$/i, '');
  if (!NAME_RE.test(name)) return undefined;
  if (NOT_SERVERS.has(name.toUpperCase())) return undefined;
  return name;
}

/** True for characters admins use to draw banners: === EXCH01 ===, ### EXCH01, ----- EXCH01 -----. */
function isBannerChar(c: string): boolean {
  return c === '=' || c === '#' || c === '*' || c === '-' || c === '~' || c === '_' || c === '>';
}

/**
 * A line that names a server on purpose: `=== EXCH01 ===`, `Server: EXCH01`, `PSComputerName : EXCH01`.
 * Returns the name, or undefined.
 */
export function explicitServerHeader(line: string): string | undefined {
  if (line.length > 300) return undefined;
  const t = line.trim();
  if (t.length < 2) return undefined;
  const ps = PS_COMPUTER.exec(t);
  if (ps) return cleanName(ps[1]!);
  if (isBannerChar(t[0]!) && isBannerChar(t[1]!)) {
    let a = 0;
    let b = t.length;
    while (a < b && (isBannerChar(t[a]!) || t[a] === ' ')) a++;
    while (b > a && (isBannerChar(t[b - 1]!) || t[b - 1] === ' ')) b--;
    if (a >= b) return undefined;
    const inner = t.slice(a, b);
    const labelled = LABELS.exec(inner);
    return cleanName(labelled ? labelled[1]! : inner);
  }
  const labelled = LABELS.exec(t);
  if (labelled) return cleanName(labelled[1]!);
  // "On EX01-2013 C:\>Get-Command ExSetup ..." / "On EXCH01:" / "From EXCH02:": the server the next output came from.
  const on = ON_SERVER.exec(t);
  return on ? cleanName(on[1]!) : undefined;
}

const ON_SERVER = /^(?:on|from)\s{1,3}([A-Za-z0-9][A-Za-z0-9.-]{0,62})\s{0,3}(?::?\s{0,3}$|:?\s{0,3}(?:\[PS\]\s{0,3})?(?:[A-Za-z]:\\[^>\n]{0,200}|PS\s{0,3}[^>\n]{0,200})>)/i;

/**
 * A line holding only a name (`EXCH01` or `EXCH01:`). Only a candidate: the caller must check that a
 * block follows. Mixed-case words without digits or dots ("Activation:") are annotations, not servers.
 */
export function bareServerName(line: string): string | undefined {
  if (line.length > 270) return undefined;
  const t = line.trim();
  if (t.length < 2 || t.indexOf(' ') !== -1) return undefined;
  const name = cleanName(t);
  if (!name) return undefined;
  const looksLikeServer = /[0-9.]/.test(name) || (name === name.toUpperCase() && name.length >= 3);
  return looksLikeServer ? name : undefined;
}
