// PowerShell errors in place of the expected output.
import type { KindModule } from '../types';
import { detectPowershellError, parsePowershellError, type PowershellErrorFacts } from '../parsers/powershellError';
import { POWERSHELL_ERROR_FINDING_IDS, powershellErrorNext, powershellErrorRules } from '../rules/powershellErrorRules';

export const powershellError: KindModule<PowershellErrorFacts> = {
  kind: 'powershell-error',
  findingIds: POWERSHELL_ERROR_FINDING_IDS,
  detect: detectPowershellError,
  parse: (text) => {
    const out = parsePowershellError(text);
    // Wrong-input shapes skip the rules step (see diagnose.judge), so say here what to do instead.
    return { ...out, findings: out.shape === 'wrong_input' ? powershellErrorRules(out.facts, {}) : [] };
  },
  rules: powershellErrorRules,
  next: (f) => powershellErrorNext(f),
};
