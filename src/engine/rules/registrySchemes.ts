// One scheme for both redirections (seed step 5, "check if SSL is correctly specified in the registry"):
// Exchange gets its certificates through CertificationServerRedirection and its licences through
// LicenseServerRedirection, so http:// in one and https:// in the other means one of the two is wrong
// whatever the connector's TLS setup is.
import { regAddRedirection } from '../fixes';
import type { RegVersion } from '../parsers/registryKeys';
import { placeholderKind } from '../placeholders';
import { hostOf, isAzureRmsHost, originOf } from '../urls';
import { fixCtx } from './registryModel';
import type { Env, Issue } from './registryModel';

function scheme(url: string): 'http' | 'https' | undefined {
  const o = originOf(url);
  return o ? (o.startsWith('https:') ? 'https' : 'http') : undefined;
}

/** A problem when the two effective connector URLs use different schemes; null otherwise. */
export function checkSchemes(effectiveCert: string | undefined, effectiveLic: string | undefined, version: RegVersion, env: Env): Issue | null {
  if (!effectiveCert || !effectiveLic) return null;
  const certHost = hostOf(effectiveCert);
  const licHost = hostOf(effectiveLic);
  if (!certHost || !licHost || isAzureRmsHost(certHost) || isAzureRmsHost(licHost)) return null;
  const a = scheme(effectiveCert);
  const b = scheme(effectiveLic);
  if (!a || !b || a === b) return null;
  const httpsOrigin = originOf(a === 'https' ? effectiveCert : effectiveLic)!;
  const ctx = fixCtx(env, version);
  // Only a host that looks real goes into the fix; a sample or masked one keeps the marked placeholder.
  if (placeholderKind(httpsOrigin) === null) ctx.connectorUrl = httpsOrigin;
  else delete ctx.connectorUrl;
  const httpCtx = { ...ctx, ...(ctx.connectorUrl ? { connectorUrl: ctx.connectorUrl.replace(/^https:/, 'http:') } : {}) };
  return {
    id: 'registry.redirection-scheme-mixed',
    severity: 'problem',
    summary: `CertificationServerRedirection sends Exchange to ${originOf(effectiveCert)} (${a}) but LicenseServerRedirection to ${originOf(effectiveLic)} (${b}).`,
    detail:
      'Both must use the scheme the connector is set up for. Without a TLS certificate on the connector, the https:// redirection fails ' +
      '(nothing valid answers on 443), so Exchange cannot get its certificates or its licences and IRM breaks; with TLS configured, the http:// one ' +
      'sends the requests unencrypted and the connector logs warning 2002 for every Exchange account. Use https:// in both when TLS is configured on the connector, http:// in both otherwise.',
    seedStep: 'A5',
    fix: [
      '# If TLS is configured on the connector (a certificate for its load-balanced name): https:// in both',
      regAddRedirection('CertificationServerRedirection', ctx),
      regAddRedirection('LicenseServerRedirection', ctx),
      '# Otherwise: http:// in both',
      regAddRedirection('CertificationServerRedirection', httpCtx),
      regAddRedirection('LicenseServerRedirection', httpCtx),
    ],
  };
}
