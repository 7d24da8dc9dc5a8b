// One server's registry, judged: MSDRM keys (seed 4b), redirection keys (seed 5) simulated the way Exchange
// applies them, the version tree, and what the paste did not show. The result feeds the per-server
// findings and the cross-server comparison.
import { regAddRedirection, tenantHint } from '../fixes';
import type { RegistryServer } from '../parsers/registry';
import { UNKNOWN_KEY } from '../parsers/registryBook';
import { CONNECTOR_KEY, EXPECTED, MSIPC_KEYS, REDIRECTIONS, versionOfPath } from '../parsers/registryKeys';
import type { ExpectedKey, RegVersion } from '../parsers/registryKeys';
import { hostOf, isAzureRmsHost } from '../urls';
import { ENTERPRISE_PUBLISHING_DIFFERS, checkMsdrm } from './registryMsdrm';
import { checkRedirection } from './registryRedirectChecks';
import { checkSchemes } from './registrySchemes';
import { findKey, fixCtx, keyState, showValue } from './registryModel';
import type { Env, Issue, KeyState, ServerAnalysis } from './registryModel';

const KEY_LABEL: Record<ExpectedKey, string> = {
  activation: 'MSDRM\\ServiceLocation\\Activation',
  publishing: 'MSDRM\\ServiceLocation\\EnterprisePublishing',
  CertificationServerRedirection: 'CertificationServerRedirection',
  LicenseServerRedirection: 'LicenseServerRedirection',
};

function versionsShown(server: RegistryServer): Set<RegVersion> {
  const out = new Set<RegVersion>();
  for (const k of server.keys) {
    const v = versionOfPath(k.path);
    if (v && /Redirection$/i.test(k.path)) out.add(v);
  }
  return out;
}

/** The version tree to judge: the case's (from Get-ExchangeServer) when known, else what the paste shows (v15 by default). */
function chooseVersion(server: RegistryServer, env: Env): RegVersion {
  if (env.expectedVersion) return env.expectedVersion;
  const shown = versionsShown(server);
  if (shown.has('v15')) return 'v15';
  if (shown.has('v14')) return 'v14';
  return server.missingKeys.some((m) => versionOfPath(m) === 'v14') ? 'v14' : 'v15';
}

function isConnectorOnly(server: RegistryServer): boolean {
  return server.keys.length > 0 && server.keys.every((k) => /\\AADRM\\/i.test(k.path)) && server.missingKeys.length === 0;
}

function wrongVersion(server: RegistryServer, version: RegVersion, env: Env): Issue | undefined {
  const other: RegVersion = version === 'v15' ? 'v14' : 'v15';
  if (!env.expectedVersion || !versionsShown(server).has(other)) return undefined;
  const product = env.ctx.exchangeProduct ?? (version === 'v15' ? 'Exchange 2013 or later' : 'Exchange 2010');
  const hasRight = versionsShown(server).has(version);
  const ctx = fixCtx(env, version);
  return {
    id: 'registry.redirection-wrong-version',
    severity: hasRight ? 'info' : 'problem',
    summary: hasRight
      ? `There are also ${other} redirection keys; ${product} reads only ${version}, so they are harmless leftovers.`
      : `The redirection keys are under ExchangeServer\\${other}, but ${product} reads ExchangeServer\\${version}: they are ignored.`,
    detail: 'v14 is Exchange 2010; v15 is Exchange 2013, 2016, 2019 and SE.',
    seedStep: 'A5',
    fix: hasRight ? null : [...tenantHint(ctx), ...REDIRECTIONS.map((w) => regAddRedirection(w, ctx))],
  };
}

function keyNotFound(server: RegistryServer, states: Record<ExpectedKey, KeyState>): Issue | undefined {
  const n = server.notFoundErrors ?? 0;
  if (n === 0) return undefined;
  const unknown = server.missingKeys.filter((m) => m === UNKNOWN_KEY).length;
  const absent = EXPECTED.filter((w) => states[w].state === 'not-shown').map((w) => KEY_LABEL[w]);
  if (unknown > 0) {
    return {
      id: 'registry.key-not-found',
      severity: 'problem',
      summary: `reg query reported ${unknown === 1 ? 'a key or value' : `${unknown} keys or values`} as not found ("unable to find the specified registry key or value").`,
      detail: `The paste does not show which command failed.${absent.length ? ` Required keys not in the paste: ${absent.join(', ')}; the failing query was most likely for one of them.` : ''} Run the queries one by one (see the next step) to see which is missing.`,
      seedStep: absent.some((a) => a.startsWith('MSDRM')) ? 'A4b' : 'A5',
      fix: queriesFor(absent.length ? EXPECTED.filter((w) => states[w].state === 'not-shown') : [...EXPECTED], states),
    };
  }
  const missing = server.missingKeys.filter((m) => m !== UNKNOWN_KEY);
  return {
    id: 'registry.key-not-found',
    severity: 'info',
    summary: `The "not found" error(s) mean these keys do not exist: ${missing.join(', ')}.`,
    seedStep: missing.some((m) => /MSDRM/i.test(m)) ? 'A4b' : 'A5',
    fix: null,
  };
}

/** One reg query per key, so each "not found" error can be matched to its key. */
function queriesFor(which: ExpectedKey[], states: Record<ExpectedKey, KeyState>): string[] {
  return which.map((w) => `reg query "${states[w].path}"`);
}

function extras(server: RegistryServer, connectorHost: string | undefined): Issue[] {
  const out: Issue[] = [];
  const msipc = MSIPC_KEYS.map((p) => findKey(server, p)).filter((k) => k !== undefined && !k.listedOnly);
  if (msipc.length) {
    const vals = msipc.flatMap((k) => k!.values.map((v) => `${k!.path.split('\\').pop()}: ${showValue(v)}`));
    const elsewhere = connectorHost ? msipc.flatMap((k) => k!.values).filter((v) => hostOf(v.data) && hostOf(v.data) !== connectorHost) : [];
    out.push({
      id: 'registry.msipc-keys',
      severity: 'info',
      summary: `MSIPC ServiceLocation keys are set (documented for Exchange 2016/2019 since 2023-08): ${vals.join('; ') || 'no values'}.`,
      detail: elsewhere.length ? `Some point elsewhere than the connector ${connectorHost}: ${elsewhere.map(showValue).join('; ')}.` : 'They point Exchange\'s MSIPC client at the connector; the MSDRM and redirection keys remain the ones the connector docs require.',
      seedStep: null,
      fix: null,
    });
  }
  const conn = findKey(server, CONNECTOR_KEY);
  if (conn && !conn.listedOnly) {
    const proxy = conn.values.find((v) => v.name !== null && v.name.toLowerCase() === 'proxyaddress');
    out.push({
      id: 'registry.connector-proxy',
      severity: 'info',
      summary: proxy ? `Connector server setting: ProxyAddress = ${proxy.data}.` : 'Connector server key AADRM\\Connector has no ProxyAddress: the connector uses no explicit proxy.',
      detail: 'This key lives on the RMS connector server, not on Exchange. After changing ProxyAddress run iisreset on the connector; event 3001 means the connector cannot reach Azure RMS (often the proxy).',
      seedStep: null,
      fix: null,
    });
  }
  for (const e of server.errors ?? []) {
    const hint = /access|zugriff/i.test(e) ? ' Run the command prompt as administrator.' : /network|netzwerk/i.test(e) ? ' For \\\\server queries, check the name and that the Remote Registry service runs there; or run the query on the server itself.' : '';
    out.push({ id: 'registry.command-error', severity: 'warning', summary: `reg query failed: ${e}`, detail: `The settings it was meant to show are unknown.${hint}`, seedStep: null, fix: null });
  }
  return out;
}

export function analyzeServer(server: RegistryServer, env: Env): ServerAnalysis {
  const version = chooseVersion(server, env);
  const states = Object.fromEntries(EXPECTED.map((w) => [w, keyState(server, w, version)])) as Record<ExpectedKey, KeyState>;
  if (isConnectorOnly(server)) return { server, role: 'connector', version, issues: extras(server, undefined), states };
  const issues: Issue[] = [];
  const act = checkMsdrm('Activation', states.activation, env);
  const pub = checkMsdrm('EnterprisePublishing', states.publishing, env);
  issues.push(...act.issues, ...pub.issues);
  const wv = wrongVersion(server, version, env);
  if (wv) issues.push(wv);
  const skipMissing = wv?.severity === 'problem';
  const tenantFor = (path: string): string | undefined => (env.tenant ? `${env.tenant}${path}` : undefined);
  const cert = skipMissing && states.CertificationServerRedirection.state !== 'present' ? { issues: [] } :
    checkRedirection('CertificationServerRedirection', states.CertificationServerRedirection, version, act.url ?? tenantFor('/_wmcs/certification'), env);
  // Only a certification URL that really was redirected tells us the connector's host.
  const certTarget = cert.effective ? hostOf(cert.effective) : undefined;
  const certHost = certTarget && !isAzureRmsHost(certTarget) ? certTarget : undefined;
  const lic = skipMissing && states.LicenseServerRedirection.state !== 'present' ? { issues: [] } :
    checkRedirection('LicenseServerRedirection', states.LicenseServerRedirection, version, pub.url ?? tenantFor('/_wmcs/licensing'), env, certHost);
  issues.push(...cert.issues, ...lic.issues);
  const mixed = checkSchemes(cert.effective, lic.effective, version, env);
  if (mixed) issues.push(mixed);
  const nf = keyNotFound(server, states);
  if (nf) issues.push(nf);
  issues.push(...extras(server, certHost));
  const notShown = EXPECTED.filter((w) => states[w].state === 'not-shown' || states[w].state === 'listed');
  const unattributed = server.missingKeys.includes(UNKNOWN_KEY);
  if (notShown.length && !unattributed && !skipMissing) {
    const epOnly = notShown.includes('publishing') && states.activation.state === 'present';
    issues.push({
      id: 'registry.keys-not-shown',
      severity: 'info',
      summary: `Not in the paste: ${notShown.map((w) => KEY_LABEL[w]).join(', ')}.`,
      detail: `All four keys are needed on every Exchange server; paste their reg query output too.${states[notShown[0]!].state === 'listed' ? ' (A subkey listing without /s does not show the values.)' : ''}`,
      seedStep: notShown.every((w) => w === 'activation' || w === 'publishing') ? 'A4b' : 'A5',
      fix: [
        ...(notShown.some((w) => w === 'activation' || w === 'publishing') ? ['reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s'] : []),
        ...(notShown.some((w) => w !== 'activation' && w !== 'publishing') ? [`reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${version}\\IRM" /s`] : []),
      ],
      ...(epOnly ? { articleDiffers: ENTERPRISE_PUBLISHING_DIFFERS } : {}),
    });
  }
  const result: ServerAnalysis = { server, role: 'exchange', version, issues, states };
  if (cert.effective) result.effectiveCert = cert.effective;
  if (lic.effective) result.effectiveLic = lic.effective;
  const bad = issues.some((i) => i.severity !== 'info');
  const shown = EXPECTED.filter((w) => states[w].state === 'present');
  if (!bad && shown.length) {
    const urls = [
      result.effectiveCert ? `certification requests to ${result.effectiveCert}` : '',
      result.effectiveLic ? `licensing requests to ${result.effectiveLic}` : '',
    ].filter(Boolean);
    const ok: Issue = {
      id: 'registry.settings-ok',
      severity: 'info',
      summary: `${notShown.length ? 'The keys shown are' : 'The registry settings are'} as documented${urls.length ? `: Exchange sends ${urls.join(' and ')}` : ''}.`,
      seedStep: shown.some((w) => w !== 'activation' && w !== 'publishing') ? 'A5' : 'A4b',
      fix: null,
    };
    if (server.keys.some((k) => k.values.some((v) => v.type === 'unknown')))
      ok.detail = 'Get-ItemProperty does not show value types; reg query does (only REG_SZ redirection values count).';
    issues.push(ok);
  }
  return result;
}
