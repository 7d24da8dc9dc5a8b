// STUB: replaced by the real module (detect + parse in parsers/, rules in rules/).
import type { KindModule } from '../types';

export const irmTest: KindModule<Record<string, never>> = {
  kind: 'irm-test',
  findingIds: [],
  detect: () => 0,
  parse: () => ({ facts: {}, shape: 'incomplete', findings: [] }),
  rules: () => [],
  next: () => '',
};
