// The `exchange-version` kind: Get-ExchangeServer (AdminDisplayVersion) or the ExSetup file version,
// judged against the connector's documented minimum (seed "Recommended Steps" 1, step 5).
import { detectExchangeVersion, parseExchangeVersion } from '../parsers/exchangeVersion';
import type { ExchangeVersionFacts } from '../parsers/exchangeVersion';
import {
  VERSION_FINDING_IDS, contributeExchangeVersion, exchangeVersionNext, exchangeVersionRules, mergeExchangeVersion,
} from '../rules/exchangeVersionRules';
import type { KindModule } from '../types';

export const exchangeVersion: KindModule<ExchangeVersionFacts> = {
  kind: 'exchange-version',
  findingIds: VERSION_FINDING_IDS,
  detect: detectExchangeVersion,
  parse: parseExchangeVersion,
  rules: exchangeVersionRules,
  merge: mergeExchangeVersion,
  contribute: contributeExchangeVersion,
  next: exchangeVersionNext,
};
