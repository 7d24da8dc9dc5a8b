// Probing the connector URL from an Exchange server (seed step 5's reachability test, 8a/8b for TLS).
import { detectWebProbe, parseWebProbe, type WebProbeFacts } from '../parsers/webProbe';
import { webProbeContribute, webProbeNext, webProbeRules } from '../rules/webProbeRules';
import type { KindModule } from '../types';

export const webProbe: KindModule<WebProbeFacts> = {
  kind: 'web-probe',
  findingIds: [
    'probe.reachable',
    'probe.service-ok',
    'probe.dns-failure',
    'probe.connect-failure',
    'probe.timeout',
    'probe.tls-untrusted',
    'probe.tls-invalid',
    'probe.server-error',
    'probe.unrecognised',
    'probe.azure-host',
    'probe.other-host',
  ],
  detect: detectWebProbe,
  parse: parseWebProbe,
  rules: webProbeRules,
  contribute: webProbeContribute,
  next: webProbeNext,
};
