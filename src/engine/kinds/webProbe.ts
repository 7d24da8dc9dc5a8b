// STUB: replaced by the real module (detect + parse in parsers/, rules in rules/).
import type { KindModule } from '../types';

export const webProbe: KindModule<Record<string, never>> = {
  kind: 'web-probe',
  findingIds: [],
  detect: () => 0,
  parse: () => ({ facts: {}, shape: 'incomplete', findings: [] }),
  rules: () => [],
  next: () => '',
};
