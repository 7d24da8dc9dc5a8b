// Exchange's redirection, exactly as facts.md §c.1 "How Exchange applies the redirection" describes it:
// only REG_SZ values with a non-blank name count; if the lower-cased original URL contains the lower-cased
// value name, that substring is replaced by the value data; the first match (in registry order) wins and
// the result is all lower case. Everything the registry rules say about URLs is derived from this.
import type { RegistryValue } from '../parsers/registry';

/** Values Exchange considers: REG_SZ with a name. Get-ItemProperty prints no type (`unknown`): assume REG_SZ. */
export function isUsable(v: RegistryValue): boolean {
  return v.name !== null && v.name.trim() !== '' && (v.type === 'REG_SZ' || v.type === 'unknown');
}

/** Values that hold a URL but that Exchange skips: REG_EXPAND_SZ, REG_MULTI_SZ, or the key's (Default). */
export function isIgnoredUrlValue(v: RegistryValue): boolean {
  if (isUsable(v) || v.data.trim() === '') return false;
  return v.name === null || v.type === 'REG_EXPAND_SZ' || v.type === 'REG_MULTI_SZ';
}

export interface Redirected {
  /** The value that matched, or undefined when none did (Exchange then uses the original URL). */
  match?: RegistryValue;
  /** The URL Exchange calls, lower-cased as Exchange produces it. */
  url: string;
}

export function applyRedirection(original: string, values: readonly RegistryValue[]): Redirected {
  const lower = original.toLowerCase();
  for (const v of values) {
    if (!isUsable(v)) continue;
    const name = v.name!.toLowerCase();
    if (lower.indexOf(name) === -1) continue;
    return { match: v, url: lower.split(name).join(v.data.toLowerCase()) };
  }
  return { url: lower };
}
