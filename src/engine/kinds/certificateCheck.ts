// certutil -verify -urlfetch of the connector's certificate on an Exchange server (seed steps 8a/8b).
import { detectCertificateCheck, parseCertificateCheck, type CertificateCheckFacts } from '../parsers/certificateCheck';
import { certificateCheckNext, certificateCheckRules } from '../rules/certificateCheckRules';
import type { KindModule } from '../types';
import { restoreLines } from '../unflatten/certutilText';

/** A certutil dump that reaches us on one long line gets its line starts back here. */
function unflat(text: string): string {
  return text.length > 80 && text.indexOf('\n') === -1 ? (restoreLines(text) ?? text) : text;
}

export const certificateCheck: KindModule<CertificateCheckFacts> = {
  kind: 'certificate-check',
  findingIds: [
    'cert.ok',
    'cert.revocation-offline',
    'cert.revoked',
    'cert.untrusted-root',
    'cert.name-mismatch',
    'cert.chain-failed',
    'cert.no-urlfetch',
    'cert.tls-inspection',
  ],
  detect: (text) => detectCertificateCheck(unflat(text)),
  parse: (text) => parseCertificateCheck(unflat(text)),
  rules: certificateCheckRules,
  next: certificateCheckNext,
};
