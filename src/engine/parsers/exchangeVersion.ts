// Reads Exchange server versions (facts.md §e.2): Get-ExchangeServer as a list or a table
// (AdminDisplayVersion "Version 15.1 (Build 2507.6)"), the ExSetup file version table
// ("15.01.2507.006", the only reliable source for Exchange 2010 rollups), or a bare "Version ..." line.
// One pass over the lines with anchored, bounded regexes.
import { classifyBuild, compareBuild, formatBuild, parseBuild } from '../exchangeBuilds';
import type { Build } from '../exchangeBuilds';
import { lines as splitLines } from '../normalize';
import type { Finding, ParseOutcome } from '../types';
import { bareServerName, explicitServerHeader } from './serverHeader';

export type VersionSource = 'AdminDisplayVersion' | 'ExSetup';

export interface VersionServer {
  name: string;
  /** Short form, e.g. "15.1.2507.6"; null when the paste cut it off. */
  version: string | null;
  product: string | null;
  /** e.g. "CU23", "CU23 (or a later security update)"; for 2010 from AdminDisplayVersion the rollup is unknown. */
  update: string | null;
  /** Against the documented minimum; null when it cannot be told (2010 SP3 from AdminDisplayVersion, a cut-off version). */
  meetsMinimum: boolean | null;
  /** At or above the article's requirement as we read it (2010 SP3 RU2 / 2013 CU1). */
  meetsSeedReading: boolean | null;
  /** False when the build is not in the build table. */
  known: boolean;
  source: VersionSource;
  edition?: string;
  roles?: string;
  unnamed?: boolean;
  /** Both sources pasted for this server and they disagree: what AdminDisplayVersion said (short form). */
  adminDisplayVersion?: string;
}

/** Objects that print an AdminDisplayVersion or a server name but are not Exchange servers. */
export type ForeignObject = 'mailbox' | 'virtual-directory' | 'client-access';

export interface ExchangeVersionFacts {
  servers: VersionServer[];
  /** v14 = Exchange 2010, v15 = 2013 and later; null when the servers mix both or none is known. */
  registryVersion: 'v14' | 'v15' | null;
  /** Set when the paste lists other objects (mailboxes, virtual directories ...): no server is read from it. */
  foreignObject?: ForeignObject;
}

// Fields that only other objects print: a mailbox's Database/Alias, a virtual directory's URLs and
// metabase path, Get-ClientAccessServer's Autodiscover URI. Get-ExchangeServer prints none of them.
const FOREIGN_FIELDS: Record<string, ForeignObject> = {
  database: 'mailbox', alias: 'mailbox', primarysmtpaddress: 'mailbox', recipienttypedetails: 'mailbox', prohibitsendquota: 'mailbox',
  internalurl: 'virtual-directory', externalurl: 'virtual-directory', metabasepath: 'virtual-directory', internalauthenticationmethods: 'virtual-directory',
  autodiscoverserviceinternaluri: 'client-access',
};
/** Fields that prove an Exchange server object (or the ExSetup file version). */
const SERVER_FIELDS = new Set(['serverrole', 'edition', 'fqdn', 'productversion', 'fileversion', 'isexchangetrialedition', 'exchangelegacyserverrole']);

const ADV = /Version\s{1,3}(\d{1,2})\.(\d{1,2})\s{0,3}\(Build\s{1,3}(\d{1,5})\.(\d{1,5})\)/i;
const ADV_CUT = /Version\s{1,3}(\d{1,2})\.(\d{1,2})\b[^\n]{0,20}\.\.\.?\s*$/i;
/** A table cell cut right after the major version: "Version 14....". */
const ADV_CUT_MAJOR = /Version\s{1,3}(\d{1,2})\.{3,5}\s*$/i;
const DOTTED = /(?:^|\s)(\d{1,2}\.\d{1,2}\.\d{1,5}\.\d{1,5})(?=\s|$)/;
const LONG = /^\d{2}\.\d{2}\.\d{4}\.\d{3}$/;

const SCAN = 262144;

export function detectExchangeVersion(text: string): number {
  const head = text.length > SCAN ? text.slice(0, SCAN) : text;
  const lower = head.toLowerCase();
  const adv = ADV.test(head);
  if (adv && lower.indexOf('admindisplayversion') !== -1) return 0.9;
  if (lower.indexOf('productversion') !== -1 && lower.indexOf('fileversion') !== -1 && (lower.indexOf('exsetup') !== -1 || /\b1[45]\.0\d\.\d{3,4}\.\d{3}\b/.test(head))) return 0.9;
  if (adv && head.length < 4000) return 0.8;
  if (lower.indexOf('admindisplayver') !== -1 && lower.indexOf('serverrole') !== -1) return 0.7;
  if (/(^|\n)\s{0,4}serverrole\s{0,20}:/.test(lower) && /(^|\n)\s{0,4}edition\s{0,20}:/.test(lower)) return 0.6;
  // Get-ExchangeServer's default table: ServerRole and Edition columns, versions cut to "Version 14....".
  if (/\bserverrole\b/.test(lower) && /\bedition\b/.test(lower) && /version\s{1,3}\d{1,2}\.{3,5}(\s|$)/.test(lower)) return 0.6;
  if (adv) return 0.5;
  // A custom table (Name, Version) of Exchange 14.x/15.x file versions.
  if (/(^|\n)\s{0,4}name\s{1,60}[a-z]{0,20}version/.test(lower) && /(^|\s)1[45]\.\d{1,2}\.\d{2,4}\.\d{1,3}(\s|$)/.test(head)) return 0.5;
  return 0;
}

interface Rec {
  name?: string;
  adv?: Build;
  cut?: [number, number];
  exsetup?: Build;
  edition?: string;
  roles?: string;
}

function advOf(s: string): Build | undefined {
  const m = ADV.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
}

function toServer(r: Rec, name: string, unnamed: boolean): VersionServer {
  const build = r.exsetup ?? r.adv;
  const source: VersionSource = r.exsetup ? 'ExSetup' : 'AdminDisplayVersion';
  const base = { name, source, ...(r.edition ? { edition: r.edition } : {}), ...(r.roles ? { roles: r.roles } : {}), ...(unnamed ? { unnamed: true } : {}) };
  if (!build) {
    const cut = r.cut ? classifyBuild([r.cut[0], r.cut[1], 0, 0]) : undefined;
    return { ...base, version: null, product: cut ? cut.product : null, update: null, meetsMinimum: null, meetsSeedReading: null, known: false };
  }
  const info = classifyBuild(build);
  const out: VersionServer = {
    ...base, version: formatBuild(build), product: info.product, update: info.update, meetsMinimum: info.meetsMinimum,
    meetsSeedReading: info.meetsSeedReading, known: info.known,
  };
  if (r.exsetup && r.adv && compareBuild(r.exsetup, r.adv) !== 0) out.adminDisplayVersion = formatBuild(r.adv);
  // Exchange 2010's AdminDisplayVersion stays at the service pack build whatever rollup is installed.
  if (source === 'AdminDisplayVersion' && build[0] === 14 && build[1] === 3 && !info.meetsMinimum) {
    out.update = 'SP3 (rollup not shown by AdminDisplayVersion)';
    out.meetsMinimum = null;
    out.meetsSeedReading = null;
  }
  return out;
}

export function parseExchangeVersion(text: string): ParseOutcome<ExchangeVersionFacts> {
  const all = unflattenAll(splitLines(text));
  const recs: { rec: Rec; name?: string }[] = [];
  let rec: Rec = {};
  let header: string | undefined;
  let table: { nameCol: number; computerCol: number; computerLast?: boolean; ruled?: boolean } | null = null;
  let foreign: ForeignObject | undefined;
  let serverEvidence = false;
  const flush = (): void => {
    if (rec.adv || rec.exsetup || rec.cut || rec.name) recs.push({ rec, name: rec.name ?? header });
    rec = {};
  };
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (line.length > 2000) continue;
    const t = line.trim();
    if (t === '') {
      // The Q&A editor puts a blank line between properties: a record without a version or a name yet
      // (Edition alone) continues after it.
      if (rec.adv || rec.exsetup || rec.cut || rec.name) flush();
      // A table whose rows were wrapped (trailing padding past 80 columns) has blank lines between rows.
      if (!(table?.ruled && nextIsRow(all, i + 1))) table = null;
      continue;
    }
    if (line.indexOf('>') !== -1 && PROMPT_LINE.test(line)) {
      table = null;
      continue;
    }
    const colon = line.indexOf(' : ');
    const field = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    const value = colon > 0 ? line.slice(colon + 3).trim() : '';
    if (field) {
      const f = FOREIGN_FIELDS[field];
      if (f && !foreign) foreign = f;
      if (SERVER_FIELDS.has(field)) serverEvidence = true;
    }
    if (field === 'name' || field === 'pscomputername' || field === 'identity') {
      if (field === 'name' && rec.name) flush();
      // In a remote Exchange shell every object carries the session host as PSComputerName: only use
      // it (and Identity) when the record has no Name of its own (ExSetup run through Invoke-Command).
      if (field === 'name' || !rec.name) rec.name = value.split('\\').pop();
      continue;
    }
    if (field === 'admindisplayversion') {
      const v = advOf(value);
      if (v) rec.adv = v;
      else {
        const m = /Version\s{1,3}(\d{1,2})\.(\d{1,2})/i.exec(value);
        if (m) rec.cut = [Number(m[1]), Number(m[2])];
      }
      continue;
    }
    if (field === 'productversion' || field === 'fileversion') {
      const b = parseBuild(value);
      if (b && !rec.exsetup) rec.exsetup = b;
      continue;
    }
    if (field === 'edition') rec.edition = value;
    if (field === 'serverrole') rec.roles = value;
    if (field) continue;
    const h = explicitServerHeader(line) ?? (bareServerName(line) && nextIsData(all, i + 1) ? bareServerName(line) : undefined);
    if (h) {
      flush();
      header = h;
      continue;
    }
    if (/^-{2,}(?:\s{1,300}-{2,}){0,30}$/.test(t)) {
      if (table) table.ruled = true;
      continue;
    }
    const lower = line.toLowerCase();
    const versionTable =
      (/\bname\b/.test(lower) && (lower.indexOf('admindisplay') !== -1 || lower.indexOf('serverrole') !== -1 || /\bversion\b/.test(lower))) ||
      // Get-ExchangeServer's default header whose "Name" a flattened paste's restorer split off.
      (/\bserverrole\b/.test(lower) && /\bedition\b/.test(lower) && lower.indexOf(' : ') === -1);
    if (/\bprohibitsendquota\b|\bprimarysmtpaddress\b/.test(lower) && !foreign) foreign = 'mailbox';
    if (/\bserverrole\b|\bedition\b|productversion/.test(lower)) serverEvidence = true;
    if (versionTable || (lower.indexOf('productversion') !== -1 && lower.indexOf('fileversion') !== -1)) {
      flush();
      table = {
        nameCol: lower.indexOf('productversion') !== -1 ? -1 : Math.max(0, lower.search(/\bname\b/)),
        computerCol: lower.indexOf('pscomputername'),
        computerLast: /pscomputername\s*$/.test(lower),
      };
      continue;
    }
    const adv = advOf(line);
    const dotted = DOTTED.exec(line);
    const cutMajor = !adv ? ADV_CUT_MAJOR.exec(line) : null;
    const cut = !adv ? ADV_CUT.exec(line) ?? (cutMajor ? [cutMajor[0], cutMajor[1], '-1'] : null) : null;
    // A header wrapped onto a second line ("AdminDisplayVe" / "rsion") comes before the rule: not a row.
    if (table && !table.ruled && !adv && !dotted && !cut) continue;
    if (table || adv || (dotted && LONG.test(dotted[1]!))) {
      flush();
      const r: Rec = {};
      if (adv) r.adv = adv;
      else if (dotted) r.exsetup = parseBuild(dotted[1]!);
      else if (cut) r.cut = [Number(cut[1]), Number(cut[2])];
      if (table && table.nameCol >= 0) r.name = line.slice(table.nameCol).trim().split(/\s/)[0];
      // PSComputerName is the last column: its last token survives collapsed spacing and a cut FileName.
      if (table && table.computerCol >= 0) r.name = table.computerLast ? t.split(/\s+/).pop() : line.length > table.computerCol ? line.slice(table.computerCol).trim().split(/\s/)[0] : undefined;
      if (r.adv || r.exsetup || r.cut || r.name) recs.push({ rec: r, name: r.name ?? header });
    }
  }
  flush();
  if (foreign && !serverEvidence) return foreignOutcome(foreign);
  return build(recs);
}

const FOREIGN_LABEL: Record<ForeignObject, string> = {
  mailbox: 'a list of mailboxes (Get-Mailbox): their AdminDisplayVersion is the version of the mailbox object, and ServerName is where the mailbox lives',
  'virtual-directory': 'virtual directories (Get-OwaVirtualDirectory, Get-EcpVirtualDirectory, Get-WebServicesVirtualDirectory ...): their AdminDisplayVersion is the version of the directory object, not the installed build',
  'client-access': 'Get-ClientAccessServer output (Autodiscover settings): it shows no build',
};

function foreignOutcome(kind: ForeignObject): ParseOutcome<ExchangeVersionFacts> {
  return {
    facts: { servers: [], registryVersion: null, foreignObject: kind },
    shape: 'wrong_input',
    findings: [{
      id: 'version.not-a-server',
      severity: 'info',
      summary: `This is ${FOREIGN_LABEL[kind]}, not a list of Exchange servers, so I read no server version from it.`,
      detail: 'The connector minimum is judged per Exchange server from Get-ExchangeServer, or better from the ExSetup.exe file version on each server.',
      seedStep: 'P1',
      fix: 'Get-ExchangeServer | Format-List Name,Edition,ServerRole,AdminDisplayVersion\nGet-Command ExSetup | ForEach {$_.FileVersionInfo}',
    }],
  };
}

// Flattened pastes (newlines lost in a chat or mail client) keep their shape inside one long line: a new
// Format-List property starts at a known label, an ExSetup row at its ProductVersion/FileVersion pair, a
// Get-ExchangeServer table row after its (cut) version, the table rule at its dash groups.
const FLAT_LABELS = /(\S)\s{1,40}(?=(?:Name|Edition|AdminDisplayVersion|ServerRole|Site|Fqdn|PSComputerName|Identity|DisplayName|Database|ExchangeLegacyServerRole|IsValid|ObjectState|RunspaceId)\s{0,40}:\s)/g;
const FLAT_EXSETUP_ROW = /(\S)\s{1,40}(?=\d{2}\.\d{2}\.\d{4}\.\d{3}\s{1,40}\d{2}\.\d{2}\.\d{4}\.\d{3}(?:\s|$))/g;
const FLAT_CUT_ROW = /(Version\s{1,3}\d{1,2}(?:\.\d{1,2})?\.{3,5})\s{1,40}(?=\S)/g;
const FLAT_ON = /(\S)\s{1,40}(?=(?:On|From)\s{1,3}[A-Za-z0-9][A-Za-z0-9.-]{0,62}:?\s{1,3}(?:\[PS\]\s{0,3})?[A-Za-z]:\\)/g;
const FLAT_PROMPT = /(\S)\s{1,40}(?=(?:\[PS\]\s{0,3})?[A-Za-z]:\\[^>\s]{0,200}>)/g;
/** A prompt and the command after it: a command echo, not output (the normaliser missed it mid-line). */
const PROMPT_LINE = /^\s{0,8}(?:\[PS\]\s{0,4}|PS\s{0,4})?[A-Za-z]:\\[^>\n]{0,400}>/;
const FLAT_EXSETUP_HEADER = /(\S)\s{1,40}(?=ProductVersion\s{1,40}FileVersion\b)/g;
const FLAT_RULE = /([^\s-])\s{1,40}(-{2,}(?:\s{1,40}-{2,}){1,30})(?:\s{1,40}(?=\S)|$)/g;

/** The lines with flattened ones split; the same array when none needed it (pastes are big: no copy). */
function unflattenAll(lines: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const parts = l.length < 40 ? null : unflatten(l);
    if (parts && parts.length > 1) {
      out ??= lines.slice(0, i);
      for (const p of parts) out.push(p);
    } else if (out) out.push(l);
  }
  return out ?? lines;
}

function unflatten(line: string): string[] {
  if (line.length < 40 || line.length > 200000) return [line];
  let out = line;
  if (out.indexOf('On ') !== -1 || out.indexOf('From ') !== -1) out = out.replace(FLAT_ON, '$1\n');
  if (out.indexOf(':\\') > 0) out = out.replace(FLAT_PROMPT, '$1\n');
  if (out.indexOf('ProductVersion') > 0) out = out.replace(FLAT_EXSETUP_HEADER, '$1\n');
  if (out.indexOf('---') !== -1) out = out.replace(FLAT_RULE, '$1\n$2\n');
  if (out.indexOf('.0') !== -1) out = out.replace(FLAT_EXSETUP_ROW, '$1\n');
  if (out.indexOf('...') !== -1) out = out.replace(FLAT_CUT_ROW, '$1\n');
  // Two "Label : value" pairs on one line: split before each known label.
  const first = out.indexOf(' : ');
  if (first !== -1 && out.indexOf(' : ', first + 3) !== -1) out = out.replace(FLAT_LABELS, (m, c: string) => (c === ':' ? m : `${c}\n`));
  return out === line ? [line] : out.split('\n');
}

/** True when the next non-blank line (within 2) is a version table row. */
function nextIsRow(all: string[], from: number): boolean {
  for (let j = from; j < all.length && j < from + 3; j++) {
    const l = all[j]!;
    if (l.trim() === '') continue;
    return /^\s{0,4}\d{1,2}\.\d{1,2}\.\d{1,5}\.\d{1,5}\s/.test(l) || /Version\s{1,3}\d{1,2}\.\d{1,2}\s{0,3}\(Build/.test(l);
  }
  return false;
}

/** True when the next non-blank line (within 3) carries version data, so a bare name line is a heading. */
function nextIsData(all: string[], from: number): boolean {
  for (let j = from; j < all.length && j < from + 4; j++) {
    const l = all[j]!;
    if (l.trim() === '') continue;
    return ADV.test(l) || DOTTED.test(l) || / : /.test(l) || /productversion|admindisplay/i.test(l);
  }
  return false;
}

function build(recs: { rec: Rec; name?: string }[]): ParseOutcome<ExchangeVersionFacts> {
  const byName = new Map<string, { rec: Rec; name: string }>();
  const unnamed: Rec[] = [];
  for (const { rec, name } of recs) {
    if (!name) {
      unnamed.push(rec);
      continue;
    }
    const prev = byName.get(name.toLowerCase());
    // The ExSetup file version beats AdminDisplayVersion (it shows rollups and security updates).
    const better = !prev || (!prev.rec.adv && !prev.rec.exsetup && (rec.adv || rec.exsetup)) || (rec.exsetup && !prev.rec.exsetup);
    if (better) {
      if (prev?.rec.adv && !rec.adv) rec.adv = prev.rec.adv;
      if (prev?.rec.edition && !rec.edition) rec.edition = prev.rec.edition;
      if (prev?.rec.roles && !rec.roles) rec.roles = prev.rec.roles;
      byName.set(name.toLowerCase(), { rec, name });
    } else if (prev && rec.adv && !prev.rec.adv) prev.rec.adv = rec.adv;
  }
  // One ExSetup version without a name beside one named server's AdminDisplayVersion: the same server
  // (the admin ran both commands on it), so the file version is that server's.
  const named = [...byName.values()];
  if (unnamed.length === 1 && named.length === 1) {
    const only = named[0]!.rec;
    const loose = unnamed[0]!;
    if (loose.exsetup && !only.exsetup && !loose.adv) {
      only.exsetup = loose.exsetup;
      unnamed.length = 0;
    } else if (loose.adv && only.exsetup && !only.adv && !loose.exsetup) {
      only.adv = loose.adv;
      unnamed.length = 0;
    }
  }
  // No names at all: one AdminDisplayVersion and one ExSetup file version of the same product are the
  // same server too (ExSetup is read where the shell runs, and a one-server fl lists one version).
  if (named.length === 0 && unnamed.length === 2) {
    const adv = unnamed.find((r) => r.adv && !r.exsetup);
    const exs = unnamed.find((r) => r.exsetup && !r.adv);
    if (adv && exs && adv.adv![0] === exs.exsetup![0] && adv.adv![1] === exs.exsetup![1]) {
      exs.adv = adv.adv;
      if (adv.edition && !exs.edition) exs.edition = adv.edition;
      unnamed.splice(unnamed.indexOf(adv), 1);
    }
  }
  const servers = named.map((e) => toServer(e.rec, e.name, false));
  unnamed.forEach((r, i) => servers.push(toServer(r, unnamed.length === 1 && servers.length === 0 ? 'this server' : `server ${i + 1}`, true)));
  const majors = new Set(servers.filter((s) => s.version).map((s) => (s.version!.startsWith('14.') ? 'v14' : s.version!.startsWith('15.') ? 'v15' : 'other')));
  const registryVersion = majors.size === 1 && !majors.has('other') ? ([...majors][0] as 'v14' | 'v15') : null;
  const findings: Finding[] = [];
  const noVersion = servers.filter((s) => s.version === null);
  if (noVersion.length) {
    findings.push({
      id: 'version.version-not-shown',
      severity: 'info',
      summary: `The version of ${noVersion.map((s) => s.name).join(', ')} is not shown (a table cuts AdminDisplayVersion off).`,
      detail: 'Format-Table truncates long columns with "..."; a list shows the whole value.',
      seedStep: 'P1',
      fix: 'Get-ExchangeServer | Format-List Name,Edition,ServerRole,AdminDisplayVersion',
    });
  }
  const shape = servers.length === 0 ? 'wrong_input' : noVersion.length || servers.some((s) => s.version && !s.known) ? 'incomplete' : 'complete';
  return { facts: { servers, registryVersion }, shape, findings };
}
