// Probing the connector URL from an Exchange server (seed step 5's reachability test, 8a/8b for TLS).
import { detectWebProbe, parseWebProbe, type WebProbeFacts } from '../parsers/webProbe';
import { webProbeContribute, webProbeNext, webProbeRules } from '../rules/webProbeRules';
import type { KindModule } from '../types';
import { restoreLines } from '../unflatten/webProbeText';

/** A probe that reaches us still on one long line (flattened with its prompt) gets its line starts back here. */
function unflat(text: string): string {
  return text.length > 60 && text.indexOf('\n') === -1 ? (restoreLines(text) ?? text) : text;
}

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
    'probe.microsoft-endpoint',
    'probe.microsoft-endpoint-unreachable',
    'probe.microsoft-endpoint-tls',
  ],
  detect: (text) => detectWebProbe(unflat(text)),
  parse: (text) => parseWebProbe(unflat(text)),
  rules: webProbeRules,
  contribute: webProbeContribute,
  next: webProbeNext,
};
