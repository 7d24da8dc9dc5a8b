// URL helpers shared by every rule: the RMS world compares URLs by host and path, case-insensitively,
// and the admin's pastes add trailing slashes, missing schemes and stray quotes.

/** Lower-cased scheme://host[:port] of a URL-ish string, or undefined when there is no host. */
export function originOf(url: string): string | undefined {
  const m = /^\s*["']?(https?):\/\/([^/\s"'?#]{1,255})/i.exec(url);
  if (!m) return undefined;
  return `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}`;
}

/** Host of a URL-ish string, lower-cased. */
export function hostOf(url: string): string | undefined {
  const o = originOf(url);
  return o ? o.replace(/^https?:\/\//, '').replace(/:\d+$/, '') : undefined;
}

/** The path part, lower-cased, without trailing slash ("" for none). */
export function pathOf(url: string): string {
  const m = /^\s*["']?https?:\/\/[^/\s"'?#]{1,255}(\/[^\s"'?#]*)?/i.exec(url);
  return (m?.[1] ?? '').replace(/\/+$/, '').toLowerCase();
}

// Azure RMS hosts by cloud (RMSDocs: BYOK region table, custom-domain SRV targets, GCC High/DoD endpoints):
//   commercial  <guid>.rms.na|eu|ap|sa.aadrm.com, GCC <guid>.rms.govus.aadrm.com, api.aadrm.com
//   GCC High / DoD  <guid>.rms.aadrm.us, api.aadrm.us, *.informationprotection.azure.us
//   Azure operated by 21Vianet  <guid>.rms.aadrm.cn (also written aadrm.azure.cn)
// and the newer service names (*.aipservice.azure.*, *.informationprotection.azure.*).
// The label before .rms is the RMS service id (a GUID); real pastes carry typos in it, so any one label counts.
const TENANT_HOST = /^[0-9a-z-]{1,63}\.rms\.(?:[a-z]{2,5}\.)?aadrm\.(?:com|us|cn)$/i;
const RMS_HOST = /(?:^|\.)aadrm\.(?:com|us|cn)$|(?:^|\.)aadrm\.azure\.cn$|(?:^|\.)(?:aipservice|informationprotection)\.azure\.(?:com|us|cn)$/i;

export type RmsCloud = 'commercial' | 'gcc' | 'gcc-high-dod' | '21vianet';

/** Azure RMS service hosts of every cloud (tenant URLs and the service's own endpoints). */
export function isAzureRmsHost(host: string | undefined): boolean {
  return !!host && host.length <= 253 && RMS_HOST.test(host);
}

/** A tenant URL's host: <RMS service id>.rms.[region.]aadrm.com|us|cn, the only form the registry and IRM keys take. */
export function isTenantHost(host: string | undefined): boolean {
  return !!host && host.length <= 253 && TENANT_HOST.test(host);
}

/** Which Microsoft cloud an Azure RMS host belongs to (undefined for other hosts). */
export function rmsCloudOf(host: string | undefined): RmsCloud | undefined {
  if (!isAzureRmsHost(host)) return undefined;
  const h = host!.toLowerCase();
  if (h.endsWith('.cn')) return '21vianet';
  if (h.endsWith('.us')) return 'gcc-high-dod';
  if (h.endsWith('.rms.govus.aadrm.com')) return 'gcc';
  return 'commercial';
}

/** True when two URLs point at the same origin (scheme, host, port), ignoring case. */
export function sameOrigin(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const oa = originOf(a);
  return oa !== undefined && oa === originOf(b);
}

/** Strips quotes, whitespace and a trailing slash. */
export function cleanUrl(url: string): string {
  return url.trim().replace(/^["']|["']$/g, '').replace(/\/+$/, '');
}
