// Test-IRMConfiguration (seed step A3): the end-to-end IRM check, run on an on-premises Exchange server.
import { detectIrmTest, parseIrmTest, type IrmTestFacts } from '../parsers/irmTest';
import { IRM_TEST_FINDING_IDS, irmTestContribute, irmTestNext, irmTestRules } from '../rules/irmTestRules';
import type { KindModule } from '../types';

export const irmTest: KindModule<IrmTestFacts> = {
  kind: 'irm-test',
  findingIds: IRM_TEST_FINDING_IDS,
  detect: detectIrmTest,
  parse: parseIrmTest,
  rules: irmTestRules,
  contribute: irmTestContribute,
  next: irmTestNext,
};
