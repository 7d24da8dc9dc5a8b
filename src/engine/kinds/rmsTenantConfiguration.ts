// Get-AipServiceConfiguration / Get-AadrmConfiguration.
import type { KindModule } from '../types';
import { detectRmsTenantConfiguration, parseRmsTenantConfiguration, type RmsTenantFacts } from '../parsers/rmsTenantConfiguration';
import { RMS_TENANT_FINDING_IDS, rmsTenantNext, rmsTenantRules } from '../rules/rmsTenantConfigurationRules';

export const rmsTenantConfiguration: KindModule<RmsTenantFacts> = {
  kind: 'rms-tenant-configuration',
  findingIds: RMS_TENANT_FINDING_IDS,
  detect: detectRmsTenantConfiguration,
  parse: parseRmsTenantConfiguration,
  rules: rmsTenantRules,
  contribute: (f) => (f.tenantUrl ? { tenantUrl: f.tenantUrl } : {}),
  next: (f) => rmsTenantNext(f),
};
