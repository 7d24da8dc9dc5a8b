// STUB: replaced by the real module (detect + parse in parsers/, rules in rules/).
import type { KindModule } from '../types';

export const exchangeVersion: KindModule<Record<string, never>> = {
  kind: 'exchange-version',
  findingIds: [],
  detect: () => 0,
  parse: () => ({ facts: {}, shape: 'incomplete', findings: [] }),
  rules: () => [],
  next: () => '',
};
