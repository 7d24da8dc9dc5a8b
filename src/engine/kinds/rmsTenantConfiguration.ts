// STUB: replaced by the real module (detect + parse in parsers/, rules in rules/).
import type { KindModule } from '../types';

export const rmsTenantConfiguration: KindModule<Record<string, never>> = {
  kind: 'rms-tenant-configuration',
  findingIds: [],
  detect: () => 0,
  parse: () => ({ facts: {}, shape: 'incomplete', findings: [] }),
  rules: () => [],
  next: () => '',
};
