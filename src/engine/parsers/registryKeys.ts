// The registry keys the connector setup uses (facts.md §c.1) and how to spell a key path the same way
// whatever tool printed it (reg query, regedit export, Get-ItemProperty, a remote \\machine query).

export const ACTIVATION = 'HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\Activation';
export const ENTERPRISE_PUBLISHING = 'HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\EnterprisePublishing';
export const CONNECTOR_KEY = 'HKLM\\SOFTWARE\\Microsoft\\AADRM\\Connector';
export const MSIPC_KEYS = [
  'HKLM\\SOFTWARE\\Microsoft\\MSIPC\\ServiceLocation\\EnterpriseCertification',
  'HKLM\\SOFTWARE\\Microsoft\\MSIPC\\ServiceLocation\\EnterprisePublishing',
  'HKLM\\SOFTWARE\\Microsoft\\MSIPC\\ServiceLocation\\LicensingRedirection',
] as const;

export type RegVersion = 'v14' | 'v15';
export type Redirection = 'CertificationServerRedirection' | 'LicenseServerRedirection';
export const REDIRECTIONS: readonly Redirection[] = ['CertificationServerRedirection', 'LicenseServerRedirection'];

export function redirectionKey(version: RegVersion, which: Redirection): string {
  return `HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${version}\\IRM\\${which}`;
}

/** The four keys every Exchange server needs for the connector, by role. */
export type ExpectedKey = 'activation' | 'publishing' | Redirection;
export const EXPECTED: readonly ExpectedKey[] = ['activation', 'publishing', 'CertificationServerRedirection', 'LicenseServerRedirection'];

export function expectedPath(which: ExpectedKey, version: RegVersion): string {
  if (which === 'activation') return ACTIVATION;
  if (which === 'publishing') return ENTERPRISE_PUBLISHING;
  return redirectionKey(version, which);
}

const KNOWN: string[] = [
  ACTIVATION,
  ENTERPRISE_PUBLISHING,
  CONNECTOR_KEY,
  ...MSIPC_KEYS,
  redirectionKey('v14', 'CertificationServerRedirection'),
  redirectionKey('v14', 'LicenseServerRedirection'),
  redirectionKey('v15', 'CertificationServerRedirection'),
  redirectionKey('v15', 'LicenseServerRedirection'),
];

/** Lower-cased path -> canonical spelling, for the known keys and all their ancestors. */
const CANONICAL = new Map<string, string>();
for (const p of KNOWN) {
  const parts = p.split('\\');
  for (let i = 2; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('\\');
    CANONICAL.set(prefix.toLowerCase(), prefix);
  }
}

const HIVES: Record<string, string> = {
  hkey_local_machine: 'HKLM',
  hklm: 'HKLM',
  hkey_current_user: 'HKCU',
  hkcu: 'HKCU',
  hkey_classes_root: 'HKCR',
  hkcr: 'HKCR',
  hkey_users: 'HKU',
  hku: 'HKU',
  hkey_current_config: 'HKCC',
  hkcc: 'HKCC',
};

export interface KeyPath {
  path: string;
  /** From the `\\MACHINE\HKLM\...` form of a remote reg query. */
  machine?: string;
}

/**
 * Normalises `HKEY_LOCAL_MACHINE\...`, `HKLM:\...`, `Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\...`,
 * `Computer\HKEY_...` and `\\EXCH01\HKLM\...` to `HKLM\...`, canonically spelt for the keys we know.
 */
export function normalizeKeyPath(raw: string): KeyPath | undefined {
  // Multi-server pastes repeat the same few paths thousands of times.
  const cached = PATH_CACHE.get(raw);
  if (cached !== undefined || PATH_CACHE.has(raw)) return cached;
  const result = normalizeUncached(raw);
  if (PATH_CACHE.size > 5000) PATH_CACHE.clear();
  PATH_CACHE.set(raw, result);
  return result;
}

const PATH_CACHE = new Map<string, KeyPath | undefined>();

function normalizeUncached(raw: string): KeyPath | undefined {
  let s = raw.trim().replace(/^["'[]+|["'\]]+$/g, '');
  const provider = s.indexOf('::');
  if (provider !== -1 && provider < 80) s = s.slice(provider + 2);
  let machine: string | undefined;
  if (s.startsWith('\\\\')) {
    const end = s.indexOf('\\', 2);
    if (end === -1) return undefined;
    machine = s.slice(2, end);
    s = s.slice(end + 1);
  }
  if (/^computer\\/i.test(s)) s = s.slice(9);
  const parts = s.split('\\').filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const hive = HIVES[parts[0]!.replace(/:$/, '').toLowerCase()];
  if (!hive) return undefined;
  parts[0] = hive;
  const joined = parts.join('\\');
  const path = CANONICAL.get(joined.toLowerCase()) ?? joined;
  return machine ? { path, machine } : { path };
}

/** v14/v15 from an ExchangeServer\vNN\IRM path, if it is one. */
export function versionOfPath(path: string): RegVersion | undefined {
  const m = /\\ExchangeServer\\(v14|v15)\\/i.exec(path);
  return m ? (m[1]!.toLowerCase() as RegVersion) : undefined;
}

export function samePath(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}

/** True when `ancestor` is a proper ancestor of `path`. */
export function isAncestor(ancestor: string, path: string): boolean {
  return path.length > ancestor.length + 1 && path[ancestor.length] === '\\' && path.slice(0, ancestor.length).toLowerCase() === ancestor.toLowerCase();
}
