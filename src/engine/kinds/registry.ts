// The `registry` kind: reg query / .reg export / Get-ItemProperty output of the MSDRM and Exchange IRM
// redirection keys, from one or several Exchange servers (seed steps 4b, 5 and 6).
import { detectRegistry, parseRegistry } from '../parsers/registry';
import type { RegistryFacts } from '../parsers/registry';
import { REGISTRY_FINDING_IDS, contributeRegistry, mergeRegistry, registryNext, registryRules } from '../rules/registryRules';
import type { KindModule } from '../types';

export const registry: KindModule<RegistryFacts> = {
  kind: 'registry',
  findingIds: REGISTRY_FINDING_IDS,
  detect: detectRegistry,
  parse: parseRegistry,
  rules: registryRules,
  merge: mergeRegistry,
  contribute: contributeRegistry,
  next: registryNext,
};
