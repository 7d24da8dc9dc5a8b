// Get-AipServiceConfiguration (formerly Get-AadrmConfiguration): the only place the admin can read the
// tenant's Azure RMS URL, which every registry fix needs.
import { readFormatList } from './formatList';
import { cleanUrl, originOf } from '../urls';
import type { ParseOutcome } from '../types';

export interface RmsTenantFacts {
  licensingIntranetDistributionPointUrl: string | null;
  certificationIntranetDistributionPointUrl: string | null;
  /** Origin of the licensing URL, e.g. https://<guid>.rms.na.aadrm.com */
  tenantUrl: string | null;
  functionalState: string | null;
  rightsManagementServiceId: string | null;
}

const MARKERS = ['LicensingIntranetDistributionPointUrl', 'LicensingExtranetDistributionPointUrl', 'CertificationIntranetDistributionPointUrl', 'RightsManagementServiceId', 'FunctionalState', 'BPOSId'];

export function detectRmsTenantConfiguration(text: string): number {
  const head = text.slice(0, 20000);
  const hits = MARKERS.filter((m) => head.indexOf(m) !== -1).length;
  if (hits === 0) return 0;
  return head.indexOf('LicensingIntranetDistributionPointUrl') !== -1 ? Math.min(1, 0.6 + hits * 0.08) : 0.2 + hits * 0.1;
}

export function parseRmsTenantConfiguration(text: string): ParseOutcome<RmsTenantFacts> {
  const rec = readFormatList(text).find((r) => 'LicensingIntranetDistributionPointUrl' in r.values) ?? readFormatList(text)[0];
  const get = (k: string): string | null => {
    const v = rec?.values[k];
    return v ? cleanUrl(v) : null;
  };
  const lic = get('LicensingIntranetDistributionPointUrl') ?? get('LicensingExtranetDistributionPointUrl');
  const facts: RmsTenantFacts = {
    licensingIntranetDistributionPointUrl: lic,
    certificationIntranetDistributionPointUrl: get('CertificationIntranetDistributionPointUrl'),
    tenantUrl: lic ? (originOf(lic) ?? null) : null,
    functionalState: rec?.values['FunctionalState'] || null,
    rightsManagementServiceId: rec?.values['RightsManagementServiceId'] || null,
  };
  return { facts, shape: facts.tenantUrl ? 'complete' : 'incomplete', findings: [] };
}
