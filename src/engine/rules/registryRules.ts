// Registry rules: judge each server (registryAnalysis), compare servers (registryCompare), and turn the
// issues into findings. The same issue on several servers becomes one finding naming them, so a
// 200-server paste gives a readable card rather than 200 copies of the same sentence.
import type { RegistryFacts, RegistryServer } from '../parsers/registry';
import { UNKNOWN_KEY } from '../parsers/registryBook';
import { REDIRECTIONS, isAncestor, samePath, versionOfPath } from '../parsers/registryKeys';
import type { RegVersion } from '../parsers/registryKeys';
import type { CaseContext, Finding } from '../types';
import { hostOf, isAzureRmsHost, isTenantHost, originOf } from '../urls';
import { analyzeServer } from './registryAnalysis';
import { compareServers } from './registryCompare';
import type { Attributed } from './registryCompare';
import { ACTIVATION, ENTERPRISE_PUBLISHING } from '../parsers/registryKeys';
import type { Env, Issue, ServerAnalysis } from './registryModel';

export const REGISTRY_FINDING_IDS = [
  'registry.activation-missing',
  'registry.activation-wrong',
  'registry.enterprise-publishing-missing',
  'registry.enterprise-publishing-wrong',
  'registry.redirection-missing',
  'registry.redirection-mixed-forms',
  'registry.redirection-name-mismatch',
  'registry.redirection-ignored-type',
  'registry.redirection-wrong-version',
  'registry.redirection-seed-form',
  'registry.http-connector',
  'registry.redirection-scheme-mixed',
  'registry.trailing-slash',
  'registry.adrms-redirection',
  'registry.key-not-found',
  'registry.servers-differ',
  'registry.settings-ok',
  'registry.keys-not-shown',
  'registry.command-error',
  'registry.msipc-keys',
  'registry.connector-proxy',
] as const;

function majority(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const v of values) {
    if (!v) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === undefined || n > counts.get(best)!) best = v;
  }
  return best;
}

function tenantOfServer(s: RegistryServer): string | undefined {
  for (const path of [ACTIVATION, ENTERPRISE_PUBLISHING]) {
    const key = s.keys.find((k) => samePath(k.path, path));
    const dv = key?.values.find((v) => v.name === null);
    const o = dv ? originOf(dv.data) : undefined;
    // Only the tenant form (<id>.rms.[region.]aadrm.com|us|cn) is a tenant URL; api.aadrm.com is the service itself.
    if (o && isTenantHost(hostOf(o)) && o.startsWith('https:')) return o;
  }
  for (const k of s.keys) {
    if (!/Redirection$/i.test(k.path)) continue;
    for (const v of k.values) {
      const o = v.name ? originOf(v.name) : undefined;
      if (o && isTenantHost(hostOf(o))) return o;
    }
  }
  return undefined;
}

function connectorOfServer(s: RegistryServer): string | undefined {
  for (const which of REDIRECTIONS) {
    for (const k of s.keys) {
      if (!k.path.endsWith(which)) continue;
      for (const v of k.values) {
        const o = originOf(v.data);
        if (v.name !== null && o && !isAzureRmsHost(hostOf(o))) return o;
      }
    }
  }
  return undefined;
}

export function contributeRegistry(facts: RegistryFacts): Partial<CaseContext> {
  const out: Partial<CaseContext> = {};
  const tenant = majority(facts.servers.map(tenantOfServer));
  const connector = majority(facts.servers.map(connectorOfServer));
  if (tenant) out.tenantUrl = tenant;
  if (connector) out.connectorUrl = connector;
  const versions = new Set<RegVersion>();
  for (const s of facts.servers) for (const k of s.keys) if (/Redirection$/i.test(k.path) && versionOfPath(k.path)) versions.add(versionOfPath(k.path)!);
  if (versions.size === 1) out.exchangeRegistryVersion = [...versions][0];
  return out;
}

function envFor(facts: RegistryFacts, ctx: CaseContext): Env {
  const own = contributeRegistry(facts);
  const env: Env = { tenantFromCase: !!ctx.tenantUrl && ctx.tenantUrl !== own.tenantUrl, ctx };
  const tenant = ctx.tenantUrl ?? own.tenantUrl;
  const connector = ctx.connectorUrl ?? own.connectorUrl;
  if (tenant) env.tenant = originOf(tenant) ?? tenant;
  if (connector) env.connector = originOf(connector) ?? connector;
  // Only a version another paste told us is evidence; our own guess would just agree with the keys.
  if (ctx.exchangeRegistryVersion && ctx.exchangeRegistryVersion !== own.exchangeRegistryVersion) env.expectedVersion = ctx.exchangeRegistryVersion;
  else if (ctx.exchangeProduct && ctx.exchangeRegistryVersion) env.expectedVersion = ctx.exchangeRegistryVersion;
  return env;
}

function serverList(names: string[], total: number): string {
  if (names.length === total && total > 2) return `All ${total} servers`;
  if (names.length <= 4) return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more servers`;
}

/** Turns (issue, server) pairs into findings, merging identical issues across servers. */
function toFindings(items: Attributed[], servers: RegistryServer[]): Finding[] {
  const groups = new Map<string, { issue: Issue; servers: string[] }>();
  for (const it of items) {
    const key = JSON.stringify([it.issue.id, it.issue.severity, it.issue.summary, it.issue.detail ?? '', it.issue.fix, it.server === undefined]);
    const g = groups.get(key);
    if (g) {
      if (it.server !== undefined) g.servers.push(it.server);
    } else groups.set(key, { issue: it.issue, servers: it.server === undefined ? [] : [it.server] });
  }
  const single = servers.length === 1 && servers[0]!.unnamed === true;
  const out: Finding[] = [];
  for (const { issue, servers: names } of groups.values()) {
    const f: Finding = { id: issue.id, severity: issue.severity, summary: issue.summary, seedStep: issue.seedStep, fix: issue.fix ? issue.fix.join('\n') : null };
    if (names.length && !single) {
      const who = serverList(names, servers.length);
      f.summary = `${who}: ${issue.summary}`;
      if (names.length === 1) f.server = names[0]!;
      if (f.fix) f.fix = `# On ${names.length === 1 ? names[0] : names.length === servers.length ? 'every Exchange server' : `each of: ${names.join(', ')}`}:\n${f.fix}`;
    } else if (!names.length && f.summary[0] !== f.summary[0]!.toUpperCase()) f.summary = f.summary[0]!.toUpperCase() + f.summary.slice(1);
    if (issue.detail) f.detail = issue.detail;
    if (issue.articleDiffers) f.articleDiffers = issue.articleDiffers;
    out.push(f);
  }
  return out;
}

export function registryRules(facts: RegistryFacts, ctx: CaseContext): Finding[] {
  const env = envFor(facts, ctx);
  // Servers with identical settings get identical analyses: compute each distinct one once.
  const memo = new Map<string, ServerAnalysis>();
  const analyses = facts.servers.map((s) => {
    const key = JSON.stringify([s.keys, s.missingKeys, s.errors ?? null, s.notFoundErrors ?? 0]);
    const seen = memo.get(key);
    if (seen) return { ...seen, server: s };
    const a = { ...analyzeServer(s, env), contentKey: key };
    memo.set(key, a);
    return a;
  });
  const items: Attributed[] = [];
  for (const a of analyses) for (const issue of a.issues) items.push({ issue, server: a.server.name });
  items.push(...compareServers(analyses, env));
  return toFindings(items, facts.servers);
}

/** Several registry pastes (one per server, or one server in several messages) become one. */
export function mergeRegistry(all: RegistryFacts[]): RegistryFacts {
  const servers: RegistryServer[] = [];
  for (const f of all) {
    for (const s of f.servers) {
      const target = s.unnamed
        ? servers.find((o) => o.unnamed && !o.keys.some((k) => s.keys.some((x) => samePath(x.path, k.path))))
        : servers.find((o) => !o.unnamed && o.name.toLowerCase() === s.name.toLowerCase());
      if (!target) {
        servers.push({ ...s, keys: [...s.keys], missingKeys: [...s.missingKeys] });
        continue;
      }
      for (const k of s.keys) {
        const i = target.keys.findIndex((o) => samePath(o.path, k.path));
        if (i === -1) target.keys.push(k);
        else if (!k.listedOnly) target.keys[i] = k;
      }
      target.missingKeys = [...target.missingKeys, ...s.missingKeys].filter(
        (m) => m === UNKNOWN_KEY || !target.keys.some((k) => !k.listedOnly && (samePath(k.path, m) || isAncestor(m, k.path))),
      );
      if (s.errors) target.errors = [...(target.errors ?? []), ...s.errors];
      if (s.notFoundErrors) target.notFoundErrors = (target.notFoundErrors ?? 0) + s.notFoundErrors;
    }
  }
  let n = 0;
  for (const s of servers) {
    n++;
    if (s.unnamed) s.name = servers.length === 1 ? 'this server' : `server ${n}`;
  }
  return { servers, format: all[0]?.format ?? 'reg-query' };
}

const QUERIES = (v: RegVersion): string =>
  `reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s and reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${v}\\IRM" /s`;

export function registryNext(facts: RegistryFacts, findings: Finding[], ctx: CaseContext): string {
  const v = ctx.exchangeRegistryVersion ?? contributeRegistry(facts).exchangeRegistryVersion ?? 'v15';
  const problems = findings.filter((f) => f.severity !== 'info' && f.id !== 'registry.key-not-found' && f.id !== 'registry.command-error');
  const several = facts.servers.length > 1;
  if (problems.length) {
    const msdrm = problems.some((f) => /activation|enterprise-publishing|servers-differ/.test(f.id));
    return (
      `Run the fix commands above on the server(s) named${msdrm ? ', then purge the DRM certificate cache and disable/re-enable IRM as shown' : ''}. ` +
      `Then run Test-IRMConfiguration -Sender ${ctx.testSender ?? '<mailbox>'} and look for event 1002 from "Microsoft RMS connector" on the connector servers (seed step 5).`
    );
  }
  if (findings.some((f) => f.id === 'registry.key-not-found' && f.severity === 'problem')) {
    return `Run the reg query commands shown one by one on ${several ? 'each' : 'this'} Exchange server and paste the output, so I can tell which key is missing.`;
  }
  if (findings.some((f) => f.id === 'registry.command-error')) {
    return `Paste the full settings from ${several ? 'each' : 'this'} Exchange server: ${QUERIES(v)}.`;
  }
  const notShown = findings.find((f) => f.id === 'registry.keys-not-shown');
  if (notShown) {
    const right = findings.some((f) => f.id === 'registry.settings-ok');
    return `${right ? 'What this paste shows is right. ' : ''}To finish the registry check, also paste from ${several ? 'each' : 'this'} Exchange server: ${(notShown.fix ?? QUERIES(v)).split('\n').filter((l) => !l.startsWith('#')).join(' and ')}.`;
  }
  const more = several ? '' : ` If you have several Exchange servers, paste the same output from each: all servers must have the same settings (seed step 4b).`;
  return (
    'The registry settings are as documented. Next: on the connector servers, check the Application log for event 1002 from "Microsoft RMS connector" (seed step 5); ' +
    `if there is none, test the connector URL from this Exchange server: Invoke-WebRequest ${ctx.connectorUrl ?? contributeRegistry(facts).connectorUrl ?? 'https://<connector-fqdn>'}/_wmcs/certification/servercertification.asmx -UseDefaultCredentials.${more}`
  );
}
