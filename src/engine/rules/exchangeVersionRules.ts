// Exchange version rules (seed "Recommended Steps" 1 and step 5's "wrong software version"): the
// documented minimum is 2010 SP3 RU6 / 2013 CU3 / 2016, 2019 and SE any (facts.md §e.1); the article's
// "2010 CU2 or 2013 RU1" do not exist, and we say both readings when a build falls between them.
import type { ExchangeVersionFacts, VersionServer } from '../parsers/exchangeVersion';
import type { CaseContext, Finding } from '../types';

export const VERSION_FINDING_IDS = [
  'version.ok',
  'version.below-minimum',
  'version.exchange-2010',
  'version.unknown-build',
  'version.servers-differ',
  'version.version-not-shown',
  'version.exchange-2007',
  'version.mixed-versions',
  'version.sources-differ',
  'version.not-a-server',
] as const;

const ARTICLE_DIFFERS =
  'The article says Exchange "must be 2010 CU2 or 2013 RU1"; neither exists (2010 shipped update rollups, 2013 cumulative updates). ' +
  'The documented minimums are Exchange 2010 SP3 RU6 (14.3.195.1) and Exchange 2013 CU3 (15.0.775.38); 2016, 2019 and SE have none.';
const EXSETUP = 'Get-Command ExSetup | ForEach {$_.FileVersionInfo}';
/** Above this many servers, identical per-server findings are merged into one naming them. */
const PER_SERVER_LIMIT = 12;

function baseUpdate(s: VersionServer): string {
  // Security/hotfix updates (CU15 Apr25HU) share their CU: servers on the same CU are not "on different updates".
  return `${s.product ?? '?'} ${(s.update ?? '?').replace(/\s*\(.*$/, '').replace(/ or later.*$/, '').replace(/ [A-Z][a-z]{2}\d{2}(?:SU|HU)(?:v\d)?$/, '')}`;
}

function label(s: VersionServer): string {
  const name = `${s.product ?? 'Exchange'} ${s.update ?? ''}`.trim();
  return s.version ? (name.endsWith(')') ? `${name}, build ${s.version}` : `${name} (${s.version})`) : name;
}

function names(list: VersionServer[]): string {
  const n = list.map((s) => s.name);
  return n.length <= 4 ? n.join(', ') : `${n.slice(0, 3).join(', ')} and ${n.length - 3} more`;
}

function prefix(s: VersionServer[], single: boolean): string {
  return single ? '' : `${names(s)}: `;
}

/** Builds one finding per server, or one per group of identical findings when there are many servers. */
function perServer(all: VersionServer[], pick: VersionServer[], make: (s: VersionServer) => Omit<Finding, 'server'>): Finding[] {
  const single = all.length === 1 && all[0]!.unnamed === true;
  if (all.length <= PER_SERVER_LIMIT) {
    return pick.map((s) => {
      const f: Finding = { ...make(s) };
      f.summary = prefix([s], single) + f.summary;
      if (!s.unnamed) f.server = s.name;
      return f;
    });
  }
  const groups = new Map<string, { f: Omit<Finding, 'server'>; servers: VersionServer[] }>();
  for (const s of pick) {
    const f = make(s);
    const key = `${f.id}|${f.summary}`;
    const g = groups.get(key);
    if (g) g.servers.push(s);
    else groups.set(key, { f, servers: [s] });
  }
  return [...groups.values()].map(({ f, servers }) => ({ ...f, summary: prefix(servers, false) + f.summary }));
}

function belowMinimum(s: VersionServer): Omit<Finding, 'server'> {
  const is2013 = s.version?.startsWith('15.0.');
  const min = is2013 ? 'Exchange 2013 CU3 (15.0.775.38)' : s.version?.startsWith('14.') ? 'Exchange 2010 SP3 RU6 (14.3.195.1)' : 'a supported Exchange version (2013 CU3 or later)';
  const seed = is2013 ? 'Exchange 2013 CU1 (15.0.620.29)' : 'Exchange 2010 SP3 RU2 (14.3.158.1)';
  const between = s.meetsSeedReading === true;
  return {
    id: 'version.below-minimum',
    severity: 'problem',
    summary: `${label(s)} is below the connector's documented minimum, ${min}.`,
    detail: between
      ? `The article's requirement, read as ${seed}, would let this build pass; the documentation requires ${min}. Follow the documentation: below it Exchange does not use the connector correctly (no event 1002).`
      : `Below the minimum Exchange cannot talk to Azure RMS through the connector (Cryptographic Mode 2), so no connector node logs event 1002 for it. Install the latest update for this version.`,
    seedStep: 'P1',
    fix: is2013 ? '# After downloading and extracting the latest Exchange 2013 CU (CU23), from its folder:\n.\\Setup.exe /Mode:Upgrade /IAcceptExchangeServerLicenseTerms' : null,
    articleDiffers: ARTICLE_DIFFERS,
  };
}

/** Exchange 2007 and older: no update reaches the connector's minimum, so "update" is the wrong advice. */
function isPre2010(s: VersionServer): boolean {
  return !!s.version && Number(s.version.split('.')[0]) < 14;
}

function exchange2007(s: VersionServer): Omit<Finding, 'server'> {
  return {
    id: 'version.exchange-2007',
    severity: 'problem',
    summary: `${label(s)} can never use the RMS connector: no update for it reaches the minimum (Exchange 2013 CU3; Exchange 2010 SP3 RU6 before 2010 left the docs).`,
    detail:
      'Updating this server will not help. Move its mailboxes and roles to a supported Exchange version and remove it: Exchange 2016, 2019 and SE cannot join an organisation that still has Exchange 2007, ' +
      'so the documented path goes through Exchange 2013 (or 2010) first, then on to Exchange Server SE; or move the mailboxes to Exchange Online. Configure the connector only on the new servers.',
    seedStep: 'P1',
    fix: null,
    articleDiffers: ARTICLE_DIFFERS,
  };
}

export function exchangeVersionRules(facts: ExchangeVersionFacts, _ctx: CaseContext): Finding[] {
  const all = facts.servers;
  const withVersion = all.filter((s) => s.version !== null);
  const out: Finding[] = [];
  out.push(...perServer(all, withVersion.filter(isPre2010), exchange2007));
  out.push(...perServer(all, withVersion.filter((s) => s.meetsMinimum === false && !isPre2010(s)), belowMinimum));
  out.push(
    ...perServer(all, withVersion.filter((s) => s.adminDisplayVersion), (s) => {
      const adv = s.adminDisplayVersion!;
      const overstated = compareVersions(adv, s.version!) > 0;
      return {
        id: 'version.sources-differ',
        severity: overstated ? 'warning' : 'info',
        summary: `AdminDisplayVersion says ${adv}, but ExSetup.exe (the installed files) is ${s.version}: I go by ExSetup.`,
        detail: overstated
          ? 'AdminDisplayVersion is written to Active Directory when setup starts; a higher value than the installed files usually means a cumulative update did not finish on this server. Run the CU setup again (Setup.exe /Mode:Upgrade) and check the setup log.'
          : 'AdminDisplayVersion does not change with security or hotfix updates; the ExSetup file version does.',
        seedStep: 'P1',
        fix: null,
      };
    }),
  );
  out.push(
    ...perServer(all, withVersion.filter((s) => s.version!.startsWith('14.')), (s) => ({
      id: 'version.exchange-2010',
      severity: 'warning',
      summary:
        s.source === 'AdminDisplayVersion'
          ? 'Exchange 2010: AdminDisplayVersion does not show the update rollup, so the connector minimum (SP3 RU6) cannot be checked from it.'
          : 'Exchange 2010 is out of support and no longer in the connector documentation.',
      detail:
        'Exchange 2010 reached end of support; the connector docs dropped it in November 2020 (its v14 registry section was removed in 2022). ' +
        (s.source === 'AdminDisplayVersion' ? 'Run the ExSetup command on each 2010 server: its file version shows the rollup (14.03.0195.001 or later = SP3 RU6+).' : 'Plan the move to a supported version.'),
      seedStep: 'P1',
      fix: s.source === 'AdminDisplayVersion' ? EXSETUP : null,
    })),
  );
  out.push(
    ...perServer(all, withVersion.filter((s) => !s.known), (s) => ({
      id: 'version.unknown-build',
      severity: 'info',
      summary: `Build ${s.version} is not in my build table (${s.product}, ${s.update}).`,
      detail: `Judged by its major version: ${s.meetsMinimum ? `${s.product} meets the connector's minimum` : s.meetsMinimum === false ? 'it is below the minimum' : 'it cannot be judged'}. A build newer than the table is most likely a recent security update.`,
      seedStep: 'P1',
      fix: null,
    })),
  );
  out.push(
    ...perServer(all, withVersion.filter((s) => s.meetsMinimum === true && s.known), (s) => ({
      id: 'version.ok',
      severity: 'info',
      summary: `${label(s)} meets the connector's minimum version.`,
      seedStep: 'P1',
      fix: null,
    })),
  );
  // Servers of different products (2013 beside 2019 during a migration) are not "on different updates":
  // compare updates only within each product, and say once that the organisation mixes versions.
  const products = new Map<string, VersionServer[]>();
  for (const s of withVersion) products.set(s.product ?? '?', [...(products.get(s.product ?? '?') ?? []), s]);
  if (products.size > 1) {
    const v14 = withVersion.some((s) => s.version!.startsWith('14.'));
    const v15 = withVersion.some((s) => s.version!.startsWith('15.'));
    out.push({
      id: 'version.mixed-versions',
      severity: 'info',
      summary: `The organisation runs several Exchange versions: ${[...products.entries()].map(([p, l]) => `${names(l)} on ${p}`).join('; ')}.`,
      detail:
        'A coexistence (usually a migration) is fine for the connector as long as each server meets the minimum for its own version; configure and authorise every server that handles IRM. ' +
        (withVersion.some(isPre2010) ? '' : v14 && v15 ? 'The registry keys differ: ExchangeServer\\v14\\IRM on Exchange 2010, ExchangeServer\\v15\\IRM on 2013 and later.' : 'All of them use the ExchangeServer\\v15\\IRM registry keys.'),
      seedStep: 'P1',
      fix: null,
    });
  }
  for (const sameProduct of products.values()) out.push(...updatesDiffer(sameProduct));
  return out;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function updatesDiffer(withVersion: VersionServer[]): Finding[] {
  const out: Finding[] = [];
  const groups = new Map<string, VersionServer[]>();
  for (const s of withVersion) groups.set(baseUpdate(s), [...(groups.get(baseUpdate(s)) ?? []), s]);
  if (groups.size > 1) {
    const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
    const [topName, top] = sorted[0]!;
    const clear = top.length > sorted[1]![1].length;
    out.push({
      id: 'version.servers-differ',
      severity: 'warning',
      summary: clear
        ? `${sorted.slice(1).map(([u, l]) => `${names(l)} ${l.length > 1 ? 'run' : 'runs'} ${u}`).join('; ')}, while the other ${top.length} ${top.length > 1 ? 'run' : 'runs'} ${topName}.`
        : `The servers run different updates: ${sorted.map(([u, l]) => `${names(l)}: ${u}`).join('; ')}.`,
      detail: 'Keep all Exchange servers on the same cumulative update; a server behind the others can behave differently with IRM (seed step 6: one server cannot open content the others can).',
      seedStep: 'A6',
      fix: null,
    });
  }
  return out;
}

export function contributeExchangeVersion(facts: ExchangeVersionFacts): Partial<CaseContext> {
  const out: Partial<CaseContext> = {};
  if (facts.registryVersion) out.exchangeRegistryVersion = facts.registryVersion;
  const counts = new Map<string, number>();
  for (const s of facts.servers) if (s.version && s.product) counts.set(baseUpdate(s), (counts.get(baseUpdate(s)) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best) out.exchangeProduct = best[0];
  return out;
}

export function mergeExchangeVersion(all: ExchangeVersionFacts[]): ExchangeVersionFacts {
  const servers: VersionServer[] = [];
  for (const f of all) {
    for (const s of f.servers) {
      const i = s.unnamed ? -1 : servers.findIndex((o) => !o.unnamed && o.name.toLowerCase() === s.name.toLowerCase());
      if (i === -1) servers.push({ ...s });
      else if ((s.source === 'ExSetup' && servers[i]!.source !== 'ExSetup') || servers[i]!.version === null) servers[i] = { ...s };
    }
  }
  let n = 0;
  for (const s of servers) {
    n++;
    if (s.unnamed) s.name = servers.length === 1 ? 'this server' : `server ${n}`;
  }
  const versions = new Set(servers.filter((s) => s.version).map((s) => (s.version!.startsWith('14.') ? 'v14' : s.version!.startsWith('15.') ? 'v15' : 'other')));
  return { servers, registryVersion: versions.size === 1 && !versions.has('other') ? ([...versions][0] as 'v14' | 'v15') : null };
}

export function exchangeVersionNext(facts: ExchangeVersionFacts, findings: Finding[], ctx: CaseContext): string {
  const ids = new Set(findings.map((f) => f.id));
  if (facts.foreignObject)
    return 'Paste the output of Get-ExchangeServer | Format-List Name,Edition,ServerRole,AdminDisplayVersion (and, for the exact build, Get-Command ExSetup | ForEach {$_.FileVersionInfo} on each server).';
  if (ids.has('version.exchange-2007'))
    return 'Plan the move off Exchange 2007 (see above): the connector can only serve Exchange 2013 CU3 or later. Configure the registry and the connector authorisation on the new servers, then run Test-IRMConfiguration there.';
  if (ids.has('version.version-not-shown')) return 'Run Get-ExchangeServer | Format-List Name,Edition,ServerRole,AdminDisplayVersion and paste the output.';
  if (ids.has('version.exchange-2010') && facts.servers.some((s) => s.version?.startsWith('14.') && s.source === 'AdminDisplayVersion'))
    return `On each Exchange 2010 server run ${EXSETUP} and paste the output: it shows the update rollup (SP3 RU6 or later is needed).`;
  if (ids.has('version.below-minimum')) return 'Update the servers named to at least the documented minimum (better: the latest update for their version), then run Test-IRMConfiguration again.';
  const v = facts.registryVersion ?? ctx.exchangeRegistryVersion ?? 'v15';
  return (
    'The Exchange version is fine for the connector. Next: check the registry settings on each Exchange server: ' +
    `reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s and reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${v}\\IRM" /s.`
  );
}
