// certutil -verify -urlfetch of the connector's certificate on an Exchange server (seed steps 8a/8b).
import { detectCertificateCheck, parseCertificateCheck, type CertificateCheckFacts } from '../parsers/certificateCheck';
import { certificateCheckNext, certificateCheckRules } from '../rules/certificateCheckRules';
import type { KindModule } from '../types';

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
  ],
  detect: detectCertificateCheck,
  parse: parseCertificateCheck,
  rules: certificateCheckRules,
  next: certificateCheckNext,
};
