// Judges Get-IRMConfiguration against the seed's step 4a table (facts.md §a.3), following the docs where
// the article is wrong: ServiceLocation/PublishingLocation cannot be set on-premises (§i.5) and step 4b
// needs the EnterprisePublishing key too (§i.6).
import { joinFix, purgeAndToggleIrm, regAddMsdrm, setIrm, tenantHint, tenantOf, versionKeyOf } from '../fixes';
import type { IrmConfigurationFacts } from '../parsers/irmConfiguration';
import type { CaseContext, Finding } from '../types';
import { hostOf, isAzureRmsHost, originOf } from '../urls';

export const IRM_CONFIGURATION_FINDING_IDS = [
  'irmconfig.internal-licensing-disabled',
  'irmconfig.external-licensing-enabled',
  'irmconfig.client-access-disabled',
  'irmconfig.ediscovery-superuser-disabled',
  'irmconfig.licensing-location-missing',
  'irmconfig.licensing-location-not-tenant',
  'irmconfig.licensing-location-truncated',
  'irmconfig.location-not-tenant',
  'irmconfig.location-blank',
  'irmconfig.exchange-online',
  'irmconfig.table-format',
  'irmconfig.fields-missing',
  'irmconfig.json-unreadable',
  'irmconfig.settings-ok',
] as const;

const isAzure = (url: string): boolean => isAzureRmsHost(hostOf(url));
const quote = (s: string): string => `"${s.replace(/"/g, '')}"`;

/** The tenant's licensing URL first, then the entries already there (docs: list the Azure RMS URL first). */
function licensingLocationFix(facts: IrmConfigurationFacts, ctx: CaseContext): string {
  const tenantLicensing = `${tenantOf(ctx)}/_wmcs/licensing`;
  const keep = facts.LicensingLocation.filter((u) => originOf(u) === undefined || originOf(u) !== originOf(tenantLicensing));
  // A cut list (`...`) cannot be retyped from the paste: read the full list from Exchange instead.
  const set = facts.licensingLocationTruncated
    ? `$l = @(${quote(tenantLicensing)}) + (Get-IRMConfiguration).LicensingLocation\nSet-IRMConfiguration -LicensingLocation $l`
    : `Set-IRMConfiguration -LicensingLocation @(${[tenantLicensing, ...keep].map(quote).join(', ')})`;
  return joinFix([...tenantHint(ctx), set]);
}

type BooleanField = 'InternalLicensingEnabled' | 'ExternalLicensingEnabled' | 'ClientAccessServerEnabled' | 'EDiscoverySuperUserEnabled';

/**
 * The seed's step 4a table for the Boolean fields: the value it expects and what a wrong value means.
 * JournalReportDecryptionEnabled and SearchEnabled may be either, so they are not here.
 */
const EXPECTED_BOOLEANS: readonly {
  field: BooleanField;
  expected: boolean;
  id: string;
  severity: Finding['severity'];
  summary: string;
  detail?: string;
  /** Extra Set-IRMConfiguration arguments (the cmdlet asks for confirmation when IRM is switched). */
  force?: boolean;
}[] = [
  {
    field: 'InternalLicensingEnabled', expected: true, id: 'irmconfig.internal-licensing-disabled', severity: 'problem', force: true,
    summary: 'IRM is switched off for internal messages (InternalLicensingEnabled is False).',
    detail: 'Exchange does not protect or decrypt anything while this is off, and Test-IRMConfiguration only reports WARNING instead of FAIL.',
  },
  {
    field: 'ExternalLicensingEnabled', expected: false, id: 'irmconfig.external-licensing-enabled', severity: 'warning',
    summary: 'ExternalLicensingEnabled is True; the article expects False for an Exchange that uses the RMS connector.',
  },
  {
    field: 'ClientAccessServerEnabled', expected: true, id: 'irmconfig.client-access-disabled', severity: 'problem',
    summary: 'IRM in Outlook on the web and Exchange ActiveSync is off (ClientAccessServerEnabled is False).',
  },
  {
    field: 'EDiscoverySuperUserEnabled', expected: true, id: 'irmconfig.ediscovery-superuser-disabled', severity: 'problem',
    summary: 'EDiscoverySuperUserEnabled is False; the article expects True.',
    detail: 'Without it, eDiscovery searches cannot read protected messages.',
  },
];

function booleanRules(f: IrmConfigurationFacts): Finding[] {
  return EXPECTED_BOOLEANS.filter((e) => f[e.field] === !e.expected).map((e) => ({
    id: e.id, severity: e.severity, seedStep: 'A4a', summary: e.summary, ...(e.detail ? { detail: e.detail } : {}),
    fix: setIrm(e.field, `${e.expected ? '$true' : '$false'}${e.force ? ' -Force' : ''}`),
  }));
}

function licensingRules(f: IrmConfigurationFacts, ctx: CaseContext): Finding[] {
  if (!f.fieldsSeen.includes('LicensingLocation')) return [];
  const list = f.LicensingLocation;
  if (list.length === 0 && !f.licensingLocationTruncated) {
    return [{
      id: 'irmconfig.licensing-location-missing', severity: 'problem', seedStep: 'A4a',
      summary: 'LicensingLocation is empty: Exchange does not know your Azure RMS licensing URL.',
      fix: licensingLocationFix(f, ctx),
    }];
  }
  const azure = list.filter(isAzure);
  const tenantOrigin = ctx.tenantUrl ? originOf(ctx.tenantUrl) : undefined;
  const hasTenant = tenantOrigin ? list.some((u) => originOf(u) === tenantOrigin) : azure.length > 0;
  if (hasTenant) return [];
  if (f.licensingLocationTruncated) {
    return [{
      id: 'irmconfig.licensing-location-truncated', severity: 'info', seedStep: 'A4a',
      summary: 'LicensingLocation was cut off ("..."), and the visible entries do not include your Azure RMS tenant URL.',
      detail: 'PowerShell shows only $FormatEnumerationLimit entries of a list. Print the whole list to check it.',
      fix: '(Get-IRMConfiguration).LicensingLocation',
    }];
  }
  const others = list.filter((u) => !isAzure(u)).map((u) => hostOf(u) ?? u);
  const detail = tenantOrigin && azure.length > 0
    ? `It lists ${azure.map((u) => hostOf(u)).join(', ')}, but your tenant is ${hostOf(tenantOrigin)}.`
    : `It lists only ${others.join(', ')}. An AD RMS host there may be left over from a migration; keep it while old content still needs it.`;
  return [{
    id: 'irmconfig.licensing-location-not-tenant', severity: 'problem', seedStep: 'A4a',
    summary: 'LicensingLocation does not contain your Azure RMS tenant licensing URL.',
    detail,
    fix: licensingLocationFix(f, ctx),
  }];
}

function locationRules(f: IrmConfigurationFacts, ctx: CaseContext): Finding[] {
  const tenantOrigin = ctx.tenantUrl ? originOf(ctx.tenantUrl) : undefined;
  const wrong: string[] = [];
  const blank: string[] = [];
  for (const name of ['ServiceLocation', 'PublishingLocation'] as const) {
    if (!f.fieldsSeen.includes(name)) continue;
    const v = f[name];
    if (v === null) blank.push(name);
    else if (!isAzure(v) || (tenantOrigin !== undefined && originOf(v) !== tenantOrigin)) wrong.push(`${name} = ${v}`);
  }
  const out: Finding[] = [];
  if (wrong.length > 0) {
    out.push({
      id: 'irmconfig.location-not-tenant', severity: 'problem', seedStep: 'A4b',
      summary: `The location points somewhere other than your Azure RMS tenant: ${wrong.join('; ')}.`,
      detail: 'An AD RMS cluster here usually means the MSDRM ServiceLocation registry keys still point at it. Fix the keys on every ' +
        'Exchange server, then clear the cached certificates and switch IRM off and on.',
      fix: joinFix([...tenantHint(ctx), regAddMsdrm('Activation', ctx), regAddMsdrm('EnterprisePublishing', ctx), ...purgeAndToggleIrm()]),
      articleDiffers: 'The article says to correct it via Set-IRMConfiguration, but ServiceLocation and PublishingLocation cannot be set with ' +
        'Set-IRMConfiguration on-premises; they come from the registry. The article names only the Activation key; the docs also need EnterprisePublishing.',
    });
  }
  if (blank.length > 0) {
    out.push({
      id: 'irmconfig.location-blank', severity: 'info', seedStep: 'A4b',
      summary: `${blank.join(' and ')} ${blank.length > 1 ? 'are' : 'is'} blank, which is normal on-premises.`,
      detail: 'On-premises Exchange takes these locations from the MSDRM registry keys, so check the registry on each Exchange server instead.',
      fix: registryQuery(ctx),
    });
  }
  return out;
}

export function registryQuery(ctx: CaseContext): string {
  return joinFix([
    'reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s',
    `reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${versionKeyOf(ctx)}\\IRM" /s`,
  ]);
}

export function irmConfigurationRules(f: IrmConfigurationFacts, ctx: CaseContext): Finding[] {
  if (f.format === 'table' || f.environment === 'exchange-online') return [];
  const out = [...booleanRules(f), ...licensingRules(f, ctx), ...locationRules(f, ctx)];
  const required = ['InternalLicensingEnabled', 'ExternalLicensingEnabled', 'ClientAccessServerEnabled', 'EDiscoverySuperUserEnabled', 'LicensingLocation'];
  const allRead = required.every((n) => f.fieldsSeen.includes(n)) &&
    [f.InternalLicensingEnabled, f.ExternalLicensingEnabled, f.ClientAccessServerEnabled, f.EDiscoverySuperUserEnabled].every((b) => b !== null);
  if (allRead && f.LicensingLocation.length > 0 && !out.some((x) => x.severity !== 'info' || x.id === 'irmconfig.licensing-location-truncated')) {
    out.push({
      id: 'irmconfig.settings-ok', severity: 'info', seedStep: 'A4a',
      summary: 'The IRM settings match what the article requires (internal licensing on, external off, OWA/EAS and eDiscovery on, tenant licensing URL present).',
      fix: null,
    });
  }
  return out;
}

export function irmConfigurationContribute(f: IrmConfigurationFacts): Partial<CaseContext> {
  const out: Partial<CaseContext> = {};
  if (f.environment === 'on-premises' && f.InternalLicensingEnabled !== null) out.internalLicensingEnabled = f.InternalLicensingEnabled;
  // The tenant URL is the same whichever side printed it, so Exchange Online output may teach it too.
  const azure = [...f.LicensingLocation, f.ServiceLocation, f.PublishingLocation].find((u): u is string => !!u && isAzure(u));
  const origin = azure ? originOf(azure) : undefined;
  if (origin) out.tenantUrl = origin;
  return out;
}

export function irmConfigurationNext(_f: IrmConfigurationFacts, findings: Finding[], ctx: CaseContext): string {
  const has = (id: string): boolean => findings.some((x) => x.id === id);
  const sender = ctx.testSender ?? '<mailbox>';
  if (has('irmconfig.exchange-online')) {
    return 'This output is from Exchange Online. The connector is for on-premises Exchange: run Get-IRMConfiguration | fl in the ' +
      'on-premises Exchange Management Shell and paste that.';
  }
  if (has('irmconfig.table-format') || has('irmconfig.json-unreadable')) return 'Run Get-IRMConfiguration | fl and paste the whole list.';
  if (findings.some((x) => x.severity !== 'info')) {
    return `Fix the values above with the commands shown, then run Test-IRMConfiguration -Sender ${sender} again.`;
  }
  if (has('irmconfig.licensing-location-truncated')) return 'Run (Get-IRMConfiguration).LicensingLocation and paste the full list.';
  if (has('irmconfig.fields-missing')) return 'Run Get-IRMConfiguration | fl (without choosing properties) and paste the whole output.';
  return 'The IRM configuration matches what the connector needs. Next: check the registry on each Exchange server ' +
    `(${registryQuery(ctx).replace('\n', ' and ')}) and paste the output.`;
}
