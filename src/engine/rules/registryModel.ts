// Shared vocabulary of the registry rules: what one server's analysis produces, the context the checks
// need, and small look-ups over a server's keys.
import type { RegistryKey, RegistryServer, RegistryValue } from '../parsers/registry';
import { UNKNOWN_KEY } from '../parsers/registryBook';
import { expectedPath, isAncestor, samePath } from '../parsers/registryKeys';
import type { ExpectedKey, RegVersion } from '../parsers/registryKeys';
import type { CaseContext, Severity } from '../types';

/** A finding before it is attributed to servers (the same issue on many servers becomes one finding). */
export interface Issue {
  id: string;
  severity: Severity;
  summary: string;
  detail?: string;
  seedStep: string | null;
  fix: string[] | null;
  articleDiffers?: string;
}

export interface Env {
  /** Tenant origin (https://<guid>.rms.<region>.aadrm.com) from the case or the paste's majority. */
  tenant?: string;
  /** True when the tenant came from another paste (Get-AipServiceConfiguration ...), not from this registry. */
  tenantFromCase: boolean;
  connector?: string;
  /** Registry version the case knows from Get-ExchangeServer (only when another paste said so). */
  expectedVersion?: RegVersion;
  ctx: CaseContext;
}

export type KeyStateName = 'present' | 'listed' | 'missing' | 'not-shown';

export interface KeyState {
  state: KeyStateName;
  key?: RegistryKey;
  path: string;
}

export interface ServerAnalysis {
  server: RegistryServer;
  role: 'exchange' | 'connector';
  version: RegVersion;
  issues: Issue[];
  states: Record<ExpectedKey, KeyState>;
  /** URLs Exchange ends up calling after redirection (lower case), when the paste lets us compute them. */
  effectiveCert?: string;
  effectiveLic?: string;
  /** Identical for servers whose keys are identical (lets the comparison work per distinct setting). */
  contentKey?: string;
}

export function findKey(server: RegistryServer, path: string): RegistryKey | undefined {
  return server.keys.find((k) => samePath(k.path, path));
}

export function isReportedMissing(server: RegistryServer, path: string): boolean {
  return server.missingKeys.some((m) => m !== UNKNOWN_KEY && (samePath(m, path) || isAncestor(m, path)));
}

export function keyState(server: RegistryServer, which: ExpectedKey, version: RegVersion): KeyState {
  const path = expectedPath(which, version);
  const key = findKey(server, path);
  if (key) return { state: key.listedOnly ? 'listed' : 'present', key, path };
  return { state: isReportedMissing(server, path) ? 'missing' : 'not-shown', path };
}

export function defaultValue(key: RegistryKey): RegistryValue | undefined {
  return key.values.find((v) => v.name === null && v.data.trim() !== '');
}

/** Display form of a value for summaries: `"name" = "data" (REG_SZ)`. */
export function showValue(v: RegistryValue): string {
  return `${v.name === null ? '(Default)' : `"${v.name}"`} = "${v.data}"${v.type === 'unknown' ? '' : ` (${v.type})`}`;
}

export function fixCtx(env: Env, version: RegVersion): CaseContext {
  const c: CaseContext = { ...env.ctx, exchangeRegistryVersion: version };
  if (env.tenant) c.tenantUrl = env.tenant;
  if (env.connector) c.connectorUrl = env.connector;
  return c;
}
