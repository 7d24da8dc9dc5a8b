// Checks of the Exchange redirection keys (seed step 5): simulate what Exchange does with the values
// (registryRedirect.ts) and explain the URL that results, so the admin sees why 1002 never shows up.
import { regAddRedirection, regDeleteValue, tenantHint } from '../fixes';
import type { Redirection } from '../parsers/registryKeys';
import { hostOf, isAzureRmsHost, originOf, pathOf } from '../urls';
import { applyRedirection, isIgnoredUrlValue, isUsable } from './registryRedirect';
import { fixCtx, showValue } from './registryModel';
import type { Env, Issue, KeyState } from './registryModel';
import type { RegVersion } from '../parsers/registryKeys';

const SEED_FORM_DIFFERS =
  'The article writes both sides with the path (https://MicrosoftRMSURL/_wmcs/certification = https://connectorName/_wmcs/certification); ' +
  'the documentation uses base URLs on both sides. Both work, because Exchange replaces a substring; mixing them does not.';
const HTTP_DIFFERS = "Branch 1 of the article writes the connector URL as http(s)://, branch 2 as https:// only; the documentation says use https:// only when TLS is configured on the connector.";

export interface RedirectionResult {
  issues: Issue[];
  /** The URL Exchange calls after redirection, when it could be computed. */
  effective?: string;
}

function label(which: Redirection): string {
  return which === 'CertificationServerRedirection' ? 'certification' : 'licensing';
}

function fixFor(which: Redirection, env: Env, version: RegVersion, keyPath: string, remove: (string | null)[]): string[] {
  const ctx = fixCtx(env, version);
  return [...tenantHint(ctx), ...remove.map((name) => regDeleteValue(keyPath, name)), regAddRedirection(which, ctx)];
}

/**
 * `original` is the URL Exchange starts from (the MSDRM value, or <tenant>/_wmcs/...), when known.
 * `certHost` is the connector host the certification redirection resolved to (to spot an AD RMS licensing redirect).
 */
export function checkRedirection(which: Redirection, st: KeyState, version: RegVersion, original: string | undefined, env: Env, certHost?: string): RedirectionResult {
  const kind = label(which);
  const expectedPath = `/_wmcs/${kind}`;
  const keyName = `${version}\\IRM\\${which}`;
  const issue = (id: string, severity: Issue['severity'], summary: string, detail: string, fix: string[] | null, extra: Partial<Issue> = {}): Issue => ({
    id, severity, summary, detail, seedStep: 'A5', fix, ...extra,
  });
  const missingDetail =
    `Exchange then sends ${kind} requests straight to Azure RMS instead of the connector, so no connector node logs event 1002 for this server (seed step 5).`;
  if (st.state === 'missing') {
    return { issues: [issue('registry.redirection-missing', 'problem', `The ${keyName} key does not exist.`, missingDetail, fixFor(which, env, version, st.path, []))] };
  }
  if (st.state !== 'present' || !st.key) return { issues: [] };
  const values = st.key.values;
  const usable = values.filter(isUsable);
  const ignored = values.filter(isIgnoredUrlValue);
  const issues: Issue[] = [];
  const ignoredText = ignored.map((v) => `${showValue(v)}${v.name === null ? ' is the key\'s (Default) value' : ` is ${v.type}`}`).join('; ');
  if (usable.length === 0) {
    if (ignored.length) {
      issues.push(issue('registry.redirection-ignored-type', 'problem', `Exchange ignores the ${keyName} value: ${ignoredText}.`,
        `Exchange only reads REG_SZ values whose NAME is the Azure RMS URL and whose data is the connector URL. ${missingDetail}`,
        fixFor(which, env, version, st.path, ignored.map((v) => v.name))));
    } else {
      issues.push(issue('registry.redirection-missing', 'problem', `The ${keyName} key exists but has no value.`, missingDetail, fixFor(which, env, version, st.path, [])));
    }
    return { issues };
  }
  if (ignored.length) {
    issues.push(issue('registry.redirection-ignored-type', 'warning', `Exchange ignores one ${keyName} value: ${ignoredText}.`,
      'Only REG_SZ values with a name count; this one is dead weight and misleads whoever reads the registry next.', ignored.map((v) => regDeleteValue(st.path, v.name))));
  }
  // Without a known original URL, assume the value name's own tenant (what the admin meant).
  const tenantNames = usable.filter((v) => isAzureRmsHost(hostOf(v.name!)));
  const start = original ?? (env.tenant ? `${env.tenant}${expectedPath}` : tenantNames[0] ? `${originOf(tenantNames[0].name!)}${expectedPath}` : undefined);
  if (!start) {
    issues.push(issue('registry.redirection-name-mismatch', 'problem', `No ${keyName} value name is an Azure RMS tenant URL: ${usable.map(showValue).join('; ')}.`,
      `The value NAME must be the Azure RMS tenant URL (the data is the connector URL); Exchange ignores the rest. ${missingDetail}`,
      fixFor(which, env, version, st.path, usable.map((v) => v.name))));
    return { issues };
  }
  const r = applyRedirection(start, values);
  if (!r.match) {
    issues.push(issue('registry.redirection-name-mismatch', 'problem',
      `No ${keyName} value name matches the URL Exchange uses (${start.toLowerCase()}), so Exchange silently ignores the key.`,
      `Exchange replaces the value name inside the Azure RMS URL; names found: ${usable.map((v) => `"${v.name}"`).join(', ')}. A typo or an old tenant GUID is never reported. ${missingDetail}`,
      fixFor(which, env, version, st.path, usable.map((v) => v.name))));
    return { issues, effective: r.url };
  }
  const m = r.match;
  for (const other of usable) {
    if (other === m || !isAzureRmsHost(hostOf(other.name!)) || start.toLowerCase().indexOf(other.name!.toLowerCase()) !== -1) continue;
    issues.push(issue('registry.redirection-name-mismatch', 'warning', `The ${keyName} value "${other.name}" does not match the tenant URL and is ignored.`,
      `Another value does the redirection; this one (an old tenant?) is dead weight.`, [regDeleteValue(st.path, other.name)]));
  }
  const namePath = pathOf(m.name!);
  const dataPath = pathOf(m.data);
  const effPath = pathOf(r.url);
  const oneSlash = m.name!.trim().endsWith('/') !== m.data.trim().endsWith('/');
  const broken = effPath !== expectedPath || !hostOf(r.url) || /_wmcs/.test(hostOf(r.url) ?? '');
  if (broken && namePath !== dataPath) {
    issues.push(issue('registry.redirection-mixed-forms', 'problem',
      `The ${keyName} value mixes the two forms, so Exchange calls a broken URL: ${r.url}.`,
      `Name "${m.name}" ${namePath ? `ends in ${namePath}` : 'is a base URL'} but data "${m.data}" ${dataPath ? `ends in ${dataPath}` : 'is a base URL'}; Exchange replaces the name inside ${start.toLowerCase()}. Use base URLs on both sides (documented) or the path on both sides.`,
      fixFor(which, env, version, st.path, [m.name]), { articleDiffers: SEED_FORM_DIFFERS }));
  } else if (broken && oneSlash) {
    issues.push(issue('registry.trailing-slash', 'warning', `A trailing "/" on one side of the ${keyName} value makes Exchange call ${r.url}.`,
      `Name "${m.name}", data "${m.data}": write both without a trailing slash.`, fixFor(which, env, version, st.path, [m.name])));
  } else if (broken) {
    issues.push(issue('registry.redirection-mixed-forms', 'problem', `The ${keyName} value makes Exchange call ${r.url}, which is not a ${expectedPath} URL.`,
      `Name "${m.name}", data "${m.data}".`, fixFor(which, env, version, st.path, [m.name])));
  } else if (namePath === expectedPath && dataPath === expectedPath) {
    issues.push(issue('registry.redirection-seed-form', 'info', `The ${keyName} value uses the article's full-path form on both sides; it works.`,
      'Exchange replaces the name inside the URL, so path-on-both-sides gives the same result as the documented base URLs. Only a mix of the two forms breaks (see the other key).',
      null, { articleDiffers: SEED_FORM_DIFFERS }));
  }
  const dataHost = hostOf(m.data);
  if (/^\s*["']?http:\/\//i.test(m.data)) {
    issues.push(issue('registry.http-connector', 'info', `The ${keyName} data uses http:// (${originOf(m.data)}).`,
      'Fine only when the connector has no TLS certificate; with HTTP every Exchange account logs warning 2002 once on the connector. Use https:// if TLS is configured.',
      null, { articleDiffers: HTTP_DIFFERS }));
  }
  if (which === 'LicenseServerRedirection' && dataHost && isAzureRmsHost(hostOf(m.name!)) && !isAzureRmsHost(dataHost) &&
      ((certHost && certHost !== dataHost) || /(^|[.-])ad-?rms/i.test(dataHost))) {
    issues.push(issue('registry.adrms-redirection', 'warning',
      `LicenseServerRedirection sends Azure RMS licensing to ${dataHost}${certHost ? `, not to the connector ${certHost} that certification uses` : ''}: an AD RMS migration leftover?`,
      'During an AD RMS migration this value points the cloud URL at the AD RMS cluster; with the connector it must point at the connector.',
      fixFor(which, env, version, st.path, [m.name])));
  }
  return { issues, effective: r.url };
}
