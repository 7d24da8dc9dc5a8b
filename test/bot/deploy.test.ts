// deploy/main.bicep and its parameters file, checked as text. No Bicep compiler runs here (none is on
// npm; the Bicep CLI comes with the Azure CLI), so the real validation is `az bicep build -f
// deploy/main.bicep` and `az deployment group what-if`; these tests catch what text can show: a
// missing resource or setting, a setting name the bot does not read, unbalanced brackets, a symbol
// used but never declared, and a parameters file that does not fit main.bicep.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadConfig } from '../../src/bot/config';
import { repoRoot } from '../helpers/fixtures';

const bicep = fs.readFileSync(path.join(repoRoot, 'deploy', 'main.bicep'), 'utf8');
const parametersFile = JSON.parse(fs.readFileSync(path.join(repoRoot, 'deploy', 'main.parameters.json'), 'utf8'));

/**
 * The Bicep text with comments and the contents of strings blanked (interpolations kept as code),
 * character for character, so positions in it are positions in the source.
 */
function codeOnly(src: string): string {
  let out = '';
  let i = 0;
  const modes: ('code' | 'string')[] = ['code'];
  const depth: number[] = []; // open braces inside each interpolation
  while (i < src.length) {
    const ch = src[i];
    const mode = modes[modes.length - 1];
    if (mode === 'code') {
      if (src.startsWith('//', i) || src.startsWith('/*', i)) {
        const end = src[i + 1] === '/' ? src.indexOf('\n', i) : src.indexOf('*/', i + 2) + 2;
        const stop = end <= 1 ? src.length : end;
        out += src.slice(i, stop).replace(/[^\n]/g, ' ');
        i = stop;
        continue;
      }
      if (ch === "'") modes.push('string');
      else if (ch === '{' && depth.length) depth[depth.length - 1]++;
      else if (ch === '}' && depth.length) {
        if (depth[depth.length - 1] === 0) {
          depth.pop();
          modes.pop(); // back into the string
          out += ' ';
          i++;
          continue;
        }
        depth[depth.length - 1]--;
      }
      out += ch;
    } else if (ch === '\\') {
      out += '  ';
      i += 2;
      continue;
    } else if (ch === "'") {
      modes.pop();
      out += ch;
    } else if (src.startsWith('${', i)) {
      modes.push('code');
      depth.push(0);
      out += '  ';
      i += 2;
      continue;
    } else out += ch === '\n' ? '\n' : ' ';
    i++;
  }
  assert.strictEqual(modes.length, 1, 'a string or an interpolation is not closed');
  return out;
}

/** Declared params with their default (if any), from `param name type [= default]`. */
function params(): Map<string, { type: string; dflt: string | null }> {
  const m = new Map<string, { type: string; dflt: string | null }>();
  for (const p of bicep.matchAll(/^param (\w+) (\w+)(?: = (.+))?$/gm)) m.set(p[1], { type: p[2], dflt: p[3] ?? null });
  return m;
}

/** The lines of decorators right above `param name`. */
function decorators(name: string): string {
  const at = bicep.search(new RegExp(`^param ${name} `, 'm'));
  const before = bicep.slice(0, at).split('\n');
  const lines: string[] = [];
  for (let k = before.length - 2; k >= 0 && (/^@|^\s+'|^\s*'|^\]\)$|^\)$/.test(before[k]) || /^\s+'[^']*'$/.test(before[k])); k--) lines.unshift(before[k]);
  return lines.join('\n');
}

/** The body of `resource <symbol> '<type>@<version>' = { … }`, found by brace matching. */
function resourceBody(type: string): string {
  const m = new RegExp(`^resource (\\w+) '${type.replace(/[./]/g, '\\$&')}@(\\d{4}-\\d{2}-\\d{2}(?:-preview)?)' = \\{`, 'm').exec(bicep);
  assert.ok(m, `main.bicep declares no ${type}`);
  let depth = 0;
  const code = codeOnly(bicep);
  for (let i = m.index + m[0].length - 1; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return bicep.slice(m.index, i + 1);
  }
  throw new Error(`unbalanced body of ${type}`);
}

/** App settings written as { name: 'X' value: <expr> } pairs in the web app. */
function appSettings(): Map<string, string> {
  const body = resourceBody('Microsoft.Web/sites');
  const m = new Map<string, string>();
  for (const s of body.matchAll(/name: '([A-Za-z_][A-Za-z0-9_]*)'\s*\n\s*value: (.+)/g)) m.set(s[1], s[2].trim());
  return m;
}

describe('deploy/main.bicep (text checks; compile with az bicep build)', () => {
  it('has balanced brackets and closed strings', () => {
    const code = codeOnly(bicep);
    const stack: string[] = [];
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    for (const ch of code) {
      if ('([{'.includes(ch)) stack.push(ch);
      else if (ch in pairs) assert.strictEqual(stack.pop(), pairs[ch], 'mismatched bracket');
    }
    assert.deepStrictEqual(stack, []);
  });

  it('uses only symbols it declares (resources, params, vars)', () => {
    const declared = new Set([...bicep.matchAll(/^(?:param|var|resource|output) (\w+)/gm)].map((m) => m[1]));
    const code = codeOnly(bicep);
    const used = new Set<string>();
    for (const m of code.matchAll(/\b([a-zA-Z_]\w*)\.(?:id|name|properties)\b/g)) used.add(m[1]);
    for (const m of code.matchAll(/^\s*(?:parent|scope|serverFarmId|WorkspaceResourceId): (\w+)/gm)) used.add(m[1]);
    const dependsOn = /dependsOn: \[([^\]]*)\]/.exec(code);
    for (const d of dependsOn?.[1].split(/\s+/).filter(Boolean) ?? []) used.add(d);
    for (const u of used) if (!['resourceGroup', 'tenant', 'subscription'].includes(u)) assert.ok(declared.has(u), `${u} is used but not declared`);
  });

  it('takes the parameters the deployment needs, each one used', () => {
    const p = params();
    for (const name of ['namePrefix', 'location', 'instanceCount', 'appServiceSku', 'botSku', 'botDisplayName', 'tenantId']) assert.ok(p.has(name), `param ${name}`);
    assert.strictEqual(p.get('instanceCount')!.type, 'int');
    assert.match(decorators('botSku'), /'F0'[\s\S]*'S1'/);
    assert.match(decorators('instanceCount'), /@minValue\(1\)/);
    assert.strictEqual(p.get('tenantId')!.dflt, 'tenant().tenantId');
    const code = codeOnly(bicep).replace(/^param .*$/gm, '');
    for (const name of p.keys()) assert.match(code, new RegExp(`\\b${name}\\b`), `param ${name} is never used`);
  });

  it('declares every resource the bot needs in production', () => {
    for (const type of [
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Storage/storageAccounts/blobServices',
      'Microsoft.Storage/storageAccounts/blobServices/containers',
      'Microsoft.OperationalInsights/workspaces',
      'Microsoft.Insights/components',
      'Microsoft.Authorization/roleAssignments',
    ]) resourceBody(type);
  });

  it('runs a Linux Node 24 LTS web app, always on, N instances, `npm start`, with the identity attached', () => {
    const plan = resourceBody('Microsoft.Web/serverfarms');
    assert.match(plan, /kind: 'linux'/);
    assert.match(plan, /reserved: true/);
    assert.match(plan, /capacity: instanceCount/);
    const site = resourceBody('Microsoft.Web/sites');
    assert.match(site, /linuxFxVersion: 'NODE\|24-lts'/);
    assert.match(site, /alwaysOn: true/);
    assert.match(site, /appCommandLine: startupCommand/);
    assert.strictEqual(params().get('startupCommand')!.dflt, "'npm start'");
    assert.match(site, /httpsOnly: true/);
    assert.match(site, /type: 'UserAssigned'[\s\S]*'\$\{identity\.id\}': \{\}/);
    assert.match(site, /healthCheckPath: '\/healthz'/);
  });

  it('deploys a Node LTS line that package.json engines accept (not the end-of-life Node 20)', () => {
    const fx = /linuxFxVersion: 'NODE\|(\d+)-lts'/.exec(resourceBody('Microsoft.Web/sites'));
    assert.ok(fx, 'linuxFxVersion names no NODE|<major>-lts runtime');
    const major = Number(fx[1]);
    // The LTS lines App Service on Linux offers in late 2026; 20 is past its end of life (April 2026).
    assert.ok([22, 24].includes(major), `NODE|${major}-lts is not a supported LTS line`);
    const engines = String(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).engines.node);
    const accepts = engines.split('||').map((c) => c.trim()).some((c) => {
      const m = /^(\^|>=)(\d+)/.exec(c);
      return !!m && (m[1] === '^' ? Number(m[2]) === major : Number(m[2]) <= major);
    });
    assert.ok(accepts, `package.json engines "${engines}" do not accept Node ${major}`);
  });

  it('sets the app settings the bot reads, for a UserAssignedMSI bot on Azure Blob storage', () => {
    const s = appSettings();
    const expected: Record<string, string> = {
      MicrosoftAppId: 'identity.properties.clientId',
      MicrosoftAppType: "'UserAssignedMSI'",
      MicrosoftAppTenantId: 'tenantId',
      STORAGE: "'azure-blob'",
      AZURE_STORAGE_ACCOUNT_URL: 'storage.properties.primaryEndpoints.blob',
      AZURE_STORAGE_CONTAINER: 'containerName',
      AZURE_CLIENT_ID: 'identity.properties.clientId',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'appInsights.properties.ConnectionString',
      SCM_DO_BUILD_DURING_DEPLOYMENT: "'true'",
    };
    for (const [name, value] of Object.entries(expected)) assert.strictEqual(s.get(name), value, name);
    assert.match(bicep, /^var containerName = 'irm-doctor'$/m);
    assert.ok(!s.has('MicrosoftAppPassword'), 'a managed identity bot has no password');
  });

  it('names only settings that the bot, its SDKs or App Service read', () => {
    const platform = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'ENABLE_ORYX_BUILD', 'AZURE_CLIENT_ID', 'APPLICATIONINSIGHTS_CONNECTION_STRING'];
    const src = (dir: string): string =>
      fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? src(path.join(dir, e.name)) : e.name.endsWith('.ts') ? fs.readFileSync(path.join(dir, e.name), 'utf8') : '')).join('\n');
    const botSource = src(path.join(repoRoot, 'src', 'bot'));
    for (const name of appSettings().keys()) if (!platform.includes(name)) assert.ok(botSource.includes(name), `src/bot never reads ${name}`);
    for (const name of ['HELPDESK_CHANNEL_ID', 'HELPDESK_TEAM_ID', 'TELEMETRY_SALT']) assert.ok(bicep.includes(`name: '${name}'`) && botSource.includes(name), name);
  });

  it('takes the telemetry salt as a secure parameter, set only when given', () => {
    assert.match(bicep, /@secure\(\)\n@description\([^\n]*\)\nparam telemetrySalt string = ''/);
    assert.match(bicep, /var telemetrySaltSetting = empty\(telemetrySalt\) \? \[\] : \[/);
    assert.ok(!('telemetrySalt' in parametersFile.parameters), 'a secret does not belong in the parameters file');
  });

  it('gives settings that the bot\'s own configuration accepts', () => {
    const cfg = loadConfig({
      MicrosoftAppId: '6f3d2a10-8b1c-4e5f-9d7a-2c4b6e8f0a13',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '0b7e1c52-4f0e-4d0a-9a43-3c2f1a9e8d11',
      STORAGE: 'azure-blob',
      AZURE_STORAGE_ACCOUNT_URL: 'https://irmdocstabc123.blob.core.windows.net/', // primaryEndpoints.blob ends with '/'
      AZURE_STORAGE_CONTAINER: 'irm-doctor',
      PORT: '8080', // App Service's
    });
    assert.strictEqual(cfg.appType, 'UserAssignedMSI');
    assert.strictEqual(cfg.storage, 'azure-blob');
    assert.strictEqual(cfg.azure.accountUrl, 'https://irmdocstabc123.blob.core.windows.net');
  });

  it('locks the storage account down: StorageV2, TLS 1.2, no public blobs, no shared keys; container irm-doctor', () => {
    const st = resourceBody('Microsoft.Storage/storageAccounts');
    assert.match(st, /kind: 'StorageV2'/);
    assert.match(st, /minimumTlsVersion: 'TLS1_2'/);
    assert.match(st, /allowBlobPublicAccess: false/);
    assert.match(st, /allowSharedKeyAccess: false/);
    const c = resourceBody('Microsoft.Storage/storageAccounts/blobServices/containers');
    assert.match(c, /name: containerName/);
    assert.match(c, /publicAccess: 'None'/);
  });

  it('grants the identity Storage Blob Data Contributor on the storage account', () => {
    const ra = resourceBody('Microsoft.Authorization/roleAssignments');
    assert.match(bicep, /var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'/);
    assert.match(ra, /scope: storage\b/);
    assert.match(ra, /roleDefinitionId: subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', storageBlobDataContributor\)/);
    assert.match(ra, /principalId: identity\.properties\.principalId/);
    assert.match(ra, /principalType: 'ServicePrincipal'/);
  });

  it('registers an Azure Bot for the identity (UserAssignedMSI) at https://<app>/api/messages, with Teams', () => {
    const b = resourceBody('Microsoft.BotService/botServices');
    assert.match(b, /kind: 'azurebot'/);
    assert.match(b, /location: 'global'/);
    assert.match(b, /name: botSku/);
    assert.match(b, /msaAppType: 'UserAssignedMSI'/);
    assert.match(b, /msaAppId: identity\.properties\.clientId/);
    assert.match(b, /msaAppMSIResourceId: identity\.id/);
    assert.match(b, /msaAppTenantId: tenantId/);
    assert.match(b, /endpoint: 'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    const ch = resourceBody('Microsoft.BotService/botServices/channels');
    assert.match(ch, /parent: bot\b/);
    assert.match(ch, /name: 'MsTeamsChannel'/);
    assert.match(ch, /channelName: 'MsTeamsChannel'/);
  });

  it('sends telemetry to workspace-based Application Insights', () => {
    const ai = resourceBody('Microsoft.Insights/components');
    assert.match(ai, /WorkspaceResourceId: logs\.id/);
    assert.match(resourceBody('Microsoft.OperationalInsights/workspaces'), /^resource logs /);
  });

  it('outputs the bot endpoint, the app id (client id) and the web app name', () => {
    assert.match(bicep, /^output botEndpoint string = 'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'$/m);
    assert.match(bicep, /^output appId string = identity\.properties\.clientId$/m);
    assert.match(bicep, /^output webAppName string = webApp\.name$/m);
  });
});

describe('deploy/main.parameters.json', () => {
  const given = parametersFile.parameters as Record<string, { value: unknown }>;

  it('is a deployment parameters file whose parameters all exist in main.bicep', () => {
    assert.match(parametersFile.$schema, /deploymentParameters\.json#$/);
    const p = params();
    for (const name of Object.keys(given)) assert.ok(p.has(name), `${name} is not a param of main.bicep`);
  });

  it('gives every parameter that has no default, with values main.bicep allows', () => {
    for (const [name, { dflt }] of params()) if (dflt === null) assert.ok(name in given, `${name} has no default and is missing`);
    for (const [name, { value }] of Object.entries(given)) {
      const deco = decorators(name);
      const allowed = /@allowed\(\[([\s\S]*?)\]\)/.exec(deco);
      if (allowed) assert.ok([...allowed[1].matchAll(/'([^']*)'/g)].map((m) => m[1]).includes(String(value)), `${name}=${value} is not allowed`);
      const min = /@minValue\((\d+)\)/.exec(deco);
      const max = /@maxValue\((\d+)\)/.exec(deco);
      if (min) assert.ok(Number(value) >= Number(min[1]), `${name} below its minimum`);
      if (max) assert.ok(Number(value) <= Number(max[1]), `${name} above its maximum`);
      const minLen = /@minLength\((\d+)\)/.exec(deco);
      const maxLen = /@maxLength\((\d+)\)/.exec(deco);
      if (minLen) assert.ok(String(value).length >= Number(minLen[1]), `${name} too short`);
      if (maxLen) assert.ok(String(value).length <= Number(maxLen[1]), `${name} too long`);
    }
    assert.match(String(given.namePrefix.value), /^[a-z][a-z0-9-]*$/);
  });
});
