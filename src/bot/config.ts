// Configuration from the environment, validated once at start-up so a typo fails loudly instead of
// surfacing as a 401 from Teams an hour later. Every variable is documented in the README.

export type AppType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
export type StorageKind = 'sqlite' | 'memory' | 'azure-blob';
/** Which SDK runs the HTTP edge: botbuilder (the default) or the Microsoft 365 Agents SDK. */
export type BotHost = 'botbuilder' | 'agents';

export interface BotConfig {
  botHost: BotHost;
  port: number;
  /** HOST, or 127.0.0.1 when authentication is off (no app id): an open bot must not face the network. */
  host: string;
  /** HOST was not set and authentication is off: the bot listens on loopback only (start-up warns). */
  localOnly: boolean;
  appId: string;
  appPassword: string;
  appType: AppType;
  appTenantId: string;
  storage: StorageKind;
  dataDir: string;
  /** SQLITE_MAX_MB: the SQLite file's size cap (0: none); at the cap writes fail as on a full disk. */
  sqliteMaxMb: number;
  /** Read for STORAGE=azure-blob, where exactly one of connectionString / accountUrl is non-empty. */
  azure: { connectionString: string; accountUrl: string; container: string };
  /** Largest request body accepted on /api/messages, in bytes. */
  maxBodyBytes: number;
  /** Tenant ids allowed to use the bot (lower case); empty = every tenant. */
  allowedTenants: string[];
  /** Cases, their pastes and finished reminders idle longer than this are deleted. */
  retentionDays: number;
  telemetry: TelemetryConfig;
  /** HELPDESK_ADMINS: Entra object ids (lower case) who may move the helpdesk and see tickets from anywhere. */
  helpdeskAdmins: string[];
  /** CONNECTOR_TIMEOUT_MS: longest one Bot Connector call may take, retries and Retry-After waits included. */
  connectorTimeoutMs: number;
  /** CONNECTOR_RETRY_BASE_MS: the jittered back-off before the first retry of a failed Bot Connector call (doubling after). */
  connectorRetryBaseMs: number;
}

export interface TelemetryConfig {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: Application Insights when set. */
  connectionString: string;
  /** Salt for hashing user and tenant ids; null = not set (a constant is used and a warning logged). */
  salt: string | null;
  /** TELEMETRY_RECORD_FILE: tests read what would have been sent from this JSON-lines file. */
  recordFile: string;
}

export class ConfigError extends Error {}

/** A whole-number setting within [min, max]; ConfigError naming the variable otherwise. */
export function envInt(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], dflt: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const hit = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!hit) throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}").`);
  return hit;
}

/** Azure's container rules: 3-63 lowercase letters, digits and single hyphens, starting and ending alphanumeric. */
const CONTAINER_NAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;

function azureConfig(env: NodeJS.ProcessEnv, storage: StorageKind): BotConfig['azure'] {
  const connectionString = (env.AZURE_STORAGE_CONNECTION_STRING ?? '').trim();
  const accountUrl = (env.AZURE_STORAGE_ACCOUNT_URL ?? '').trim();
  const container = (env.AZURE_STORAGE_CONTAINER ?? '').trim() || 'irm-doctor';
  if (storage !== 'azure-blob') return { connectionString, accountUrl, container };
  if (!connectionString && !accountUrl) throw new ConfigError('STORAGE=azure-blob needs AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL (managed identity).');
  if (connectionString && accountUrl) throw new ConfigError('Set only one of AZURE_STORAGE_CONNECTION_STRING and AZURE_STORAGE_ACCOUNT_URL.');
  if (accountUrl && !/^https?:\/\/[^/\s]+\/?$/i.test(accountUrl)) {
    throw new ConfigError(`AZURE_STORAGE_ACCOUNT_URL must look like https://<account>.blob.core.windows.net (got "${accountUrl}").`);
  }
  if (!CONTAINER_NAME.test(container)) {
    throw new ConfigError(`AZURE_STORAGE_CONTAINER must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (got "${container}").`);
  }
  return { connectionString, accountUrl: accountUrl.replace(/\/$/, ''), container };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** ALLOWED_TENANTS: comma- or space-separated Entra tenant ids (GUIDs); a typo must not silently lock everyone out. */
function tenantList(env: NodeJS.ProcessEnv): string[] {
  const ids = (env.ALLOWED_TENANTS ?? '').split(/[\s,;]+/).map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  const bad = ids.find((t) => !GUID.test(t));
  if (bad) throw new ConfigError(`ALLOWED_TENANTS must list tenant ids (GUIDs like 72f988bf-86f1-41af-91ab-2d7cd011db47), separated by commas (got "${bad}").`);
  return [...new Set(ids)];
}

/** HELPDESK_ADMINS: comma- or space-separated Entra object ids (GUIDs), as Teams sends them in from.aadObjectId. */
function adminList(env: NodeJS.ProcessEnv): string[] {
  const ids = (env.HELPDESK_ADMINS ?? '').split(/[\s,;]+/).map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  const bad = ids.find((t) => !GUID.test(t));
  if (bad) throw new ConfigError(`HELPDESK_ADMINS must list Entra object ids (GUIDs), separated by commas (got "${bad}").`);
  return [...new Set(ids)];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const appId = (env.MicrosoftAppId ?? '').trim();
  const appType = oneOf<AppType>(env, 'MicrosoftAppType', ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], appId ? 'SingleTenant' : 'MultiTenant');
  const appTenantId = (env.MicrosoftAppTenantId ?? '').trim();
  const appPassword = env.MicrosoftAppPassword ?? '';
  if (appId && appType !== 'MultiTenant' && !appTenantId) throw new ConfigError(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}.`);
  if (appId && appType === 'SingleTenant' && !appPassword) throw new ConfigError('MicrosoftAppPassword is required for a SingleTenant bot (use UserAssignedMSI for a managed identity).');
  if (appType === 'UserAssignedMSI' && appPassword) throw new ConfigError('MicrosoftAppPassword must be empty for UserAssignedMSI: the managed identity authenticates the bot.');
  const storage = oneOf<StorageKind>(env, 'STORAGE', ['sqlite', 'memory', 'azure-blob'], 'sqlite');
  const host = (env.HOST ?? '').trim();
  return {
    botHost: oneOf<BotHost>(env, 'BOT_HOST', ['botbuilder', 'agents'], 'botbuilder'),
    port: envInt(env, 'PORT', 3978, 0, 65535),
    host: host || (appId ? '0.0.0.0' : '127.0.0.1'),
    localOnly: !host && !appId,
    appId,
    appPassword,
    appType,
    appTenantId,
    storage,
    dataDir: (env.DATA_DIR ?? './data').trim() || './data',
    sqliteMaxMb: envInt(env, 'SQLITE_MAX_MB', 0, 0, 1024 * 1024),
    azure: azureConfig(env, storage),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 16 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    allowedTenants: tenantList(env),
    retentionDays: envInt(env, 'RETENTION_DAYS', 30, 1, 3650),
    telemetry: {
      connectionString: (env.APPLICATIONINSIGHTS_CONNECTION_STRING ?? '').trim(),
      salt: env.TELEMETRY_SALT ? env.TELEMETRY_SALT : null,
      recordFile: (env.TELEMETRY_RECORD_FILE ?? '').trim(),
    },
    helpdeskAdmins: adminList(env),
    // Teams gives a turn 15 s; a reply that takes longer is lost anyway.
    connectorTimeoutMs: envInt(env, 'CONNECTOR_TIMEOUT_MS', 10000, 500, 60000),
    connectorRetryBaseMs: envInt(env, 'CONNECTOR_RETRY_BASE_MS', 1000, 0, 60000),
  };
}
