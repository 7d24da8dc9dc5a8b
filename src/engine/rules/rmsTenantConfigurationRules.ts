// What the tenant configuration tells the case: its URL (for every fix) and whether the service is on.
import type { CaseContext, Finding } from '../types';
import type { RmsTenantFacts } from '../parsers/rmsTenantConfiguration';

export const RMS_TENANT_FINDING_IDS = ['tenant.url', 'tenant.service-disabled', 'tenant.url-missing'] as const;

export function rmsTenantRules(f: RmsTenantFacts, _ctx: CaseContext): Finding[] {
  const out: Finding[] = [];
  if (f.tenantUrl) {
    out.push({
      id: 'tenant.url',
      severity: 'info',
      summary: `Your Azure RMS tenant URL is ${f.tenantUrl}. I will use it in every registry fix.`,
      seedStep: 'P2',
      fix: null,
    });
  } else {
    out.push({
      id: 'tenant.url-missing',
      severity: 'info',
      summary: 'The output has no LicensingIntranetDistributionPointUrl, so I cannot tell the tenant URL.',
      detail: 'Run the command without Format-Table, or select the property explicitly.',
      seedStep: 'P2',
      fix: 'Get-AipServiceConfiguration | Format-List LicensingIntranetDistributionPointUrl,FunctionalState',
    });
  }
  if (f.functionalState && !/^enabled$/i.test(f.functionalState)) {
    out.push({
      id: 'tenant.service-disabled',
      severity: 'problem',
      summary: `The Azure Rights Management service is ${f.functionalState}: nothing can be protected or opened until it is activated.`,
      seedStep: 'P1',
      fix: 'Enable-AipService',
    });
  }
  return out;
}

export function rmsTenantNext(f: RmsTenantFacts): string {
  return f.tenantUrl
    ? 'Now that I know the tenant URL, paste the registry settings of an Exchange server (reg query) so I can compare them.'
    : 'Run Get-AipServiceConfiguration | Format-List and paste the whole output.';
}
