// Get-IRMConfiguration (seed step A4a/A4b): the organisation-wide IRM settings.
import { detectIrmConfiguration, parseIrmConfiguration, type IrmConfigurationFacts } from '../parsers/irmConfiguration';
import {
  IRM_CONFIGURATION_FINDING_IDS,
  irmConfigurationContribute,
  irmConfigurationNext,
  irmConfigurationRules,
} from '../rules/irmConfigurationRules';
import type { KindModule } from '../types';

export const irmConfiguration: KindModule<IrmConfigurationFacts> = {
  kind: 'irm-configuration',
  findingIds: IRM_CONFIGURATION_FINDING_IDS,
  detect: detectIrmConfiguration,
  parse: parseIrmConfiguration,
  rules: irmConfigurationRules,
  contribute: irmConfigurationContribute,
  next: irmConfigurationNext,
};
