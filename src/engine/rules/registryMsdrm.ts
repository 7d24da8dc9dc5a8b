// Checks of the MSDRM ServiceLocation keys (seed step 4b): Activation and EnterprisePublishing must hold
// <tenant>/_wmcs/certification and <tenant>/_wmcs/licensing in their (Default) value (facts.md §c.1).
import { purgeAndToggleIrm, regAddMsdrm, tenantHint } from '../fixes';
import { placeholderKind } from '../placeholders';
import { cleanUrl, hostOf, isAzureRmsHost, pathOf } from '../urls';
import { defaultValue, fixCtx, showValue } from './registryModel';
import type { Env, Issue, KeyState } from './registryModel';

const EP_DIFFERS =
  "The article's step 4b names only MSDRM\\ServiceLocation\\Activation; the registry-settings documentation also requires " +
  'MSDRM\\ServiceLocation\\EnterprisePublishing = <tenant>/_wmcs/licensing.';

type Which = 'Activation' | 'EnterprisePublishing';

function fixFor(which: Which, env: Env): string[] {
  const ctx = fixCtx(env, 'v15');
  return [...tenantHint(ctx), regAddMsdrm(which, ctx), ...purgeAndToggleIrm()];
}

/** Checks one MSDRM key; returns the issues and the URL it holds when that is a usable Azure RMS URL. */
export function checkMsdrm(which: Which, st: KeyState, env: Env): { issues: Issue[]; url?: string } {
  const id = which === 'Activation' ? 'registry.activation' : 'registry.enterprise-publishing';
  const expectedPath = which === 'Activation' ? '/_wmcs/certification' : '/_wmcs/licensing';
  const articleDiffers = which === 'EnterprisePublishing' ? EP_DIFFERS : undefined;
  const base = { seedStep: 'A4b', fix: fixFor(which, env), ...(articleDiffers ? { articleDiffers } : {}) };
  if (st.state === 'missing') {
    return {
      issues: [{
        ...base,
        id: `${id}-missing`,
        severity: 'problem',
        summary: `The MSDRM ${which} key does not exist (HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\${which}).`,
        detail: `Without it Exchange does not know the Azure RMS ${which === 'Activation' ? 'certification' : 'publishing'} URL. It must hold ${env.tenant ?? '<tenant>'}${expectedPath} as its (Default) value.`,
      }],
    };
  }
  if (st.state !== 'present' || !st.key) return { issues: [] };
  const dv = defaultValue(st.key);
  if (!dv) {
    const named = st.key.values.find((v) => v.name !== null && /^"?default"?$/i.test(v.name.trim()));
    return {
      issues: [{
        ...base,
        id: `${id}-missing`,
        severity: 'problem',
        summary: `The MSDRM ${which} key exists but its (Default) value is not set.`,
        detail: named
          ? `It has a value literally named "${named.name}" (the article's "Reg_SZ: Default = ..." is easy to read that way); MSDRM reads only the key's (Default) value, so set that instead (reg add ... /ve) and delete "${named.name}".`
          : `The URL ${env.tenant ?? '<tenant>'}${expectedPath} must be the key's (Default) value.`,
      }],
    };
  }
  const url = cleanUrl(dv.data);
  const host = hostOf(url);
  const path = pathOf(url);
  const wrong: string[] = [];
  const filler = placeholderKind(dv.data);
  if (!host) wrong.push(`"${dv.data}" is not a URL`);
  else if (filler === 'placeholder' || filler === 'masked') {
    wrong.push(`"${dv.data}" still holds a ${filler === 'placeholder' ? 'documentation placeholder' : 'masked value'}, not your tenant's URL (a sample .reg file imported as it was?)`);
  } else if (!isAzureRmsHost(host)) {
    const what = env.connector && hostOf(env.connector) === host ? 'the connector (the MSDRM keys hold the Azure RMS URL; the redirection keys send it to the connector)' : 'not an Azure RMS tenant host (an AD RMS cluster left from a migration?)';
    wrong.push(`it points to ${host}, ${what}`);
  } else if (env.tenant && hostOf(env.tenant) !== host) {
    wrong.push(`it points to tenant ${host}, but ${env.tenantFromCase ? 'your tenant (from the other output) is' : 'the other servers use'} ${hostOf(env.tenant)}`);
  }
  if (host && path !== expectedPath) wrong.push(`its path is "${path || '/'}" instead of ${expectedPath}`);
  if (host && isAzureRmsHost(host) && /^\s*["']?http:/i.test(dv.data)) wrong.push('it uses http://; Azure RMS is https only');
  if (wrong.length === 0) return { issues: [], url };
  return {
    issues: [{
      ...base,
      id: `${id}-wrong`,
      severity: 'problem',
      summary: `The MSDRM ${which} value is wrong: ${wrong.join('; ')}.`,
      detail: `Found ${showValue(dv)}; expected ${env.tenant ?? 'https://<tenant>.rms.<region>.aadrm.com'}${expectedPath}. After fixing it, purge the DRM certificates and disable/re-enable IRM.`,
    }],
    url: host && isAzureRmsHost(host) && path === expectedPath ? url : undefined,
  };
}

/** Note for a paste that shows Activation but not EnterprisePublishing (the article only asks for Activation). */
export const ENTERPRISE_PUBLISHING_DIFFERS = EP_DIFFERS;
