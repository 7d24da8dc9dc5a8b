// Fix commands, filled with the admin's own values where we know them. Where we do not, a fix never
// carries a `<placeholder>` to edit by hand (a wrong fix is worse than none): it uses a PowerShell
// variable ($TenantUrl, $ConnectorUrl) that the fix asks for first, checks, and only then uses.
// Rules call these so every card shows the same, tested wording; finishFix() adds the questions.
import { findPlaceholder } from './placeholders';
import type { CaseContext } from './types';

/** The readable stand-ins the flow's "run this" cards show for values not yet known (cards only, never a fix). */
export const TENANT_PLACEHOLDER = 'https://<your-tenant-id>.rms.<region>.aadrm.com';
export const CONNECTOR_PLACEHOLDER = 'https://<connector-fqdn>';

/** A mailbox for Test-IRMConfiguration when none was pasted: asked for when the command runs. */
export const ASK_MAILBOX = "(Read-Host 'Sender: a mailbox of this organisation')";

/** What a fix uses for a value nobody has pasted yet: a variable the fix asks for first. */
export const TENANT_VAR = '$TenantUrl';
export const CONNECTOR_VAR = '$ConnectorUrl';

export function tenantOf(ctx: CaseContext): string {
  return ctx.tenantUrl ?? TENANT_VAR;
}
export function connectorOf(ctx: CaseContext): string {
  return ctx.connectorUrl ?? CONNECTOR_VAR;
}

const ASK: Record<string, string[]> = {
  [TENANT_VAR]: [
    "$TenantUrl = (Read-Host 'Tenant URL: LicensingIntranetDistributionPointUrl from Get-AipServiceConfiguration, without /_wmcs/licensing').Trim().TrimEnd('/')",
    "if ($TenantUrl -notmatch '^https://[A-Za-z0-9.-]+$') { $TenantUrl = $null; Write-Warning 'That is not an https tenant URL: the commands below will not run.' }",
  ],
  [CONNECTOR_VAR]: [
    "$ConnectorUrl = (Read-Host 'RMS connector URL: https:// (or http://) and the connector name in DNS, no path').Trim().TrimEnd('/')",
    "if ($ConnectorUrl -notmatch '^https?://[A-Za-z0-9.-]+(:[0-9]+)?$') { $ConnectorUrl = $null; Write-Warning 'That is not a connector URL: the commands below will not run.' }",
  ],
};

/**
 * Makes a fix runnable as it stands: when it uses $TenantUrl / $ConnectorUrl, its commands run only once
 * they hold a checked value, and the questions that set them come first. A fix that still holds a
 * placeholder, a masked value or a documentation sample is refused (null): the caller says why.
 */
export function finishFix(fix: string): string | null {
  const vars = [TENANT_VAR, CONNECTOR_VAR].filter((v) => fix.indexOf(v) !== -1);
  let out = fix;
  if (vars.length > 0 && !fix.includes('Read-Host')) {
    const cond = vars.join(' -and ');
    // Every command is guarded, not only those naming the variable: a later line may build on an earlier one.
    const lines = fix.split('\n').map((l) => (l.trim() === '' || l.trimStart().startsWith('#') ? l : `if (${cond}) { ${l} }`));
    out = [...vars.flatMap((v) => ASK[v]!), ...lines].join('\n');
  }
  return findPlaceholder(out) ? null : out;
}
export function versionKeyOf(ctx: CaseContext): 'v14' | 'v15' {
  return ctx.exchangeRegistryVersion ?? 'v15';
}

/** Where the tenant URL comes from, before fixes that need it and do not have it (finishFix asks for it). */
export function tenantHint(ctx: CaseContext): string[] {
  return ctx.tenantUrl
    ? []
    : ['# The tenant URL is not known yet: run Get-AipServiceConfiguration (AIPService module) and paste its output here to get this fix filled in, or type the URL when asked.'];
}

export function setIrm(parameter: string, value: string): string {
  return `Set-IRMConfiguration -${parameter} ${value}`;
}

/** MSDRM ServiceLocation keys (seed step 4b, plus EnterprisePublishing, which the article omits). */
export function regAddMsdrm(which: 'Activation' | 'EnterprisePublishing', ctx: CaseContext): string {
  const path = which === 'Activation' ? '/_wmcs/certification' : '/_wmcs/licensing';
  return `reg add "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\${which}" /ve /t REG_SZ /d "${tenantOf(ctx)}${path}" /f`;
}

/** Exchange redirection keys in the documented form: tenant base URL -> connector base URL. */
export function regAddRedirection(which: 'CertificationServerRedirection' | 'LicenseServerRedirection', ctx: CaseContext): string {
  return `reg add "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${versionKeyOf(ctx)}\\IRM\\${which}" /v "${tenantOf(ctx)}" /t REG_SZ /d "${connectorOf(ctx)}" /f`;
}

export function regDeleteValue(keyPath: string, valueName: string | null): string {
  return valueName === null ? `reg delete "${keyPath}" /ve /f` : `reg delete "${keyPath}" /v "${valueName}" /f`;
}

/** All registry settings an Exchange server needs for the connector (documented form). */
export function fullRegistryFix(ctx: CaseContext): string[] {
  return [
    ...tenantHint(ctx),
    regAddMsdrm('Activation', ctx),
    regAddMsdrm('EnterprisePublishing', ctx),
    regAddRedirection('CertificationServerRedirection', ctx),
    regAddRedirection('LicenseServerRedirection', ctx),
  ];
}

/**
 * Seed step 4b's "purge certificates in the Exchange DRM folder, then disable and re-enable IRM",
 * spelled out as the AD RMS migration doc (phase 4) does it.
 */
export function purgeAndToggleIrm(): string[] {
  return [
    '# On EACH Exchange server (elevated PowerShell):',
    'Remove-Item "C:\\ProgramData\\Microsoft\\DRM\\Server\\S-1-5-18\\*" -Recurse -Force',
    '# Then once, in the Exchange Management Shell:',
    'Set-IRMConfiguration -InternalLicensingEnabled $false -Force',
    'Set-IRMConfiguration -ClientAccessServerEnabled $false',
    'Set-IRMConfiguration -RefreshServerCertificates',
    '# On each Exchange server: iisreset',
    'Set-IRMConfiguration -ClientAccessServerEnabled $true',
    'Set-IRMConfiguration -InternalLicensingEnabled $true -Force',
  ];
}

export function joinFix(lines: string[]): string {
  return lines.join('\n');
}
