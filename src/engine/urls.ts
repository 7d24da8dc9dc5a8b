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

/** Azure RMS tenant hosts: <guid>.rms.<region>.aadrm.com (also the .us / .cn sovereign variants). */
export function isAzureRmsHost(host: string | undefined): boolean {
  return !!host && /(^|\.)aadrm\.(com|us|cn)$|(^|\.)aadrm\.azure\.cn$|\.rms\.[a-z0-9.-]+\.aadrm\./i.test(host);
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
