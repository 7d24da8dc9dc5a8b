// Fix commands, filled with the admin's own values where we know them and with clearly marked
// placeholders where we do not. Rules call these so every card shows the same, tested wording.
import type { CaseContext } from './types';

export const TENANT_PLACEHOLDER = 'https://<your-tenant-id>.rms.<region>.aadrm.com';
export const CONNECTOR_PLACEHOLDER = 'https://<connector-fqdn>';

export function tenantOf(ctx: CaseContext): string {
  return ctx.tenantUrl ?? TENANT_PLACEHOLDER;
}
export function connectorOf(ctx: CaseContext): string {
  return ctx.connectorUrl ?? CONNECTOR_PLACEHOLDER;
}
export function versionKeyOf(ctx: CaseContext): 'v14' | 'v15' {
  return ctx.exchangeRegistryVersion ?? 'v15';
}

/** How to find the tenant URL, appended to fixes that needed it and did not have it. */
export function tenantHint(ctx: CaseContext): string[] {
  return ctx.tenantUrl
    ? []
    : ['# Tenant URL: run Get-AipServiceConfiguration (AIPService module) and take LicensingIntranetDistributionPointUrl without /_wmcs/licensing.'];
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
