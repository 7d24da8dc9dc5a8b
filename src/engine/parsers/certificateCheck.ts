// Reads `certutil -verify -urlfetch <connector.cer>` run on an Exchange server (seed step 8a/8b: CRL not
// reachable, certificate not trusted). The trap this parser exists for: "CertUtil: -verify command completed
// successfully." is also printed when the certificate is revoked or its CRL is offline; it only means the tool
// ran. The verdict comes from the error names, the dwErrorStatus bits and the per-URL fetch results instead.
import type { ParseOutcome } from '../types';

export type ChainStatus = 'trusted' | 'untrusted-root' | 'failed' | 'unknown';
export type RevocationStatus = 'good' | 'revoked' | 'offline' | 'unknown';

export interface CertificateCheckFacts {
  /** Leaf certificate subject, e.g. "CN=rmsconnector.contoso.com". */
  subject: string | null;
  issuer: string | null;
  /** SAN DNS names of the leaf certificate. */
  dnsNames: string[];
  /** Subject of the last certificate in the chain (the root), when shown. */
  root: string | null;
  notAfter: string | null;
  chain: ChainStatus;
  /** Chain error names other than trust/revocation (CERT_TRUST_IS_NOT_TIME_VALID, CERT_E_CHAINING ...). */
  chainErrors: string[];
  revocation: RevocationStatus;
  /** URLs whose fetch failed (CDP/AIA/OCSP), in order. */
  failedUrls: string[];
  /** The distinct "Error retrieving URL" reasons. */
  urlErrors: string[];
  completedLinePresent: boolean;
  /** `CertUtil: -verify command FAILED: ...` when present. */
  failedLine: string | null;
  /** The output has the -urlfetch sections (AIA/CDP/OCSP); without them the CRL download was not tested. */
  urlFetch: boolean;
}

const MAX_URLS = 10;
const LONG_LINE = 4000;

// CERT_TRUST_* error bits (wincrypt.h) that certutil prints as dwErrorStatus=<hex>.
const BIT_NAMES: [number, string][] = [
  [0x1, 'CERT_TRUST_IS_NOT_TIME_VALID'],
  [0x4, 'CERT_TRUST_IS_REVOKED'],
  [0x8, 'CERT_TRUST_IS_NOT_SIGNATURE_VALID'],
  [0x10, 'CERT_TRUST_IS_NOT_VALID_FOR_USAGE'],
  [0x20, 'CERT_TRUST_IS_UNTRUSTED_ROOT'],
  [0x40, 'CERT_TRUST_REVOCATION_STATUS_UNKNOWN'],
  [0x80, 'CERT_TRUST_IS_CYCLIC'],
  [0x400, 'CERT_TRUST_INVALID_BASIC_CONSTRAINTS'],
  [0x10000, 'CERT_TRUST_IS_PARTIAL_CHAIN'],
  [0x1000000, 'CERT_TRUST_IS_OFFLINE_REVOCATION'],
  [0x4000000, 'CERT_TRUST_IS_EXPLICIT_DISTRUST'],
];

const RE_ERROR_NAMES = /\b(CERT_TRUST_[A-Z_]{4,48}|CERT_E_[A-Z_]{3,30}|CRYPT_E_[A-Z_]{3,30}|TRUST_E_[A-Z_]{3,30})\b/g;
const RE_STATUS = /^\s{0,12}(Verified|Failed|OK|Expired|Wrong Issuer|No URLs|Error)\s{1,4}"([^"]{1,80})"\s{0,4}Time:/i;
const RE_SECTION = /^\s{0,12}-{4,40}\s{1,6}([A-Za-z][A-Za-z ]{1,40}?)\s{1,6}-{4,40}\s*$/;
const RE_URL = /((?:https?|ldap|file):\/\/\S{1,500})/i;
const REVOCATION_NAMES = new Set([
  'CERT_TRUST_IS_REVOKED', 'CERT_TRUST_REVOCATION_STATUS_UNKNOWN', 'CERT_TRUST_IS_OFFLINE_REVOCATION', 'CRYPT_E_REVOKED',
  'CRYPT_E_REVOCATION_OFFLINE', 'CRYPT_E_NO_REVOCATION_CHECK', 'CERT_E_REVOKED', 'CERT_E_REVOCATION_FAILURE',
]);
const UNTRUSTED_NAMES = new Set(['CERT_TRUST_IS_UNTRUSTED_ROOT', 'CERT_E_UNTRUSTEDROOT']);
// Informational names that appear in healthy output too.
const HARMLESS = /^CERT_TRUST_(HAS_|IS_SELF_SIGNED|IS_COMPLEX_CHAIN|IS_PEER_TRUSTED|IS_CA_TRUSTED|IS_FROM_EXCLUSIVE|NO_ERROR|IS_KEY_ROLLOVER)|^CRYPT_E_NOT_FOUND$/;

export function detectCertificateCheck(text: string): number {
  const head = text.slice(0, 65536);
  if (/CertUtil: -verify command|Leaf certificate revocation check passed/i.test(text)) return 0.95;
  if (/CertContext\[\d{1,3}\]\[\d{1,3}\]|ChainContext\.dw(?:Info|Error)Status/.test(head)) return 0.9;
  if (/-{4,40}\s{1,6}(?:Certificate|Base CRL) (?:AIA|CDP|OCSP)\s{1,6}-{4,40}/.test(head)) return 0.9;
  if (/CERT_TRUST_IS_[A-Z_]{4,40}|CRYPT_E_REVOCATION_OFFLINE|CRYPT_E_REVOKED|CERT_E_UNTRUSTEDROOT/.test(head)) return 0.7;
  return 0;
}

export function parseCertificateCheck(text: string): ParseOutcome<CertificateCheckFacts> {
  const f: CertificateCheckFacts = {
    subject: null, issuer: null, dnsNames: [], root: null, notAfter: null, chain: 'unknown', chainErrors: [], revocation: 'unknown',
    failedUrls: [], urlErrors: [], completedLinePresent: false, failedLine: null, urlFetch: false,
  };
  const names = new Set<string>();
  const dns = new Set<string>();
  const urlErrors = new Set<string>();
  let inLeaf = true; // until CertContext[0][1]: the first certificate printed is the one being verified
  let pending: 'subject' | 'issuer' | null = null;
  let failing = false;
  let lastSubject: string | null = null;
  let revocationPassed = false;
  let fetchFailedCdp = false;
  let leafRevocationError = false;
  let untrustedText = false;

  for (const line of text.split('\n')) {
    if (line.length > LONG_LINE) continue;
    const t = line.trim();
    if (t === '') continue;
    if (pending) {
      // `Subject:` on its own line, then one RDN per indented line (certutil -dump layout).
      if (/^[A-Za-z.]{1,30}=/.test(t) && line.startsWith(' ')) {
        const prev = (pending === 'subject' ? f.subject : f.issuer) ?? '';
        const v = prev ? `${prev}, ${t}` : t;
        if (v.length <= 1000) {
          if (pending === 'subject') f.subject = v;
          else f.issuer = v;
        }
        continue;
      }
      pending = null;
    }
    // Cheap checks first: most lines of a certutil dump are hashes, URLs and policy OIDs.
    const c0 = t[0];
    if (c0 === 'C' && t.startsWith('CertContext[')) {
      const ctx = /^CertContext\[(\d{1,3})\]\[(\d{1,3})\]/.exec(t);
      if (ctx && +ctx[2]! > 0) inLeaf = false;
    }
    if ((c0 === 'S' || c0 === 'I' || c0 === 'N') && t.indexOf(':') !== -1) {
      const kv = /^(Subject|Issuer|NotAfter|SubjectAltName):\s{0,4}(.*)$/.exec(t);
      if (kv) {
        const key = kv[1]!;
        const value = kv[2]!.slice(0, 1000);
        if (key === 'Subject' && value) lastSubject = value;
        if (key === 'NotAfter' && inLeaf && !f.notAfter) f.notAfter = value;
        else if ((key === 'Subject' || key === 'Issuer') && inLeaf) {
          const field = key === 'Subject' ? 'subject' : 'issuer';
          if (f[field] === null) {
            if (value) f[field] = value;
            else pending = field;
          }
        }
      }
    }
    if (inLeaf && dns.size < 50 && t.indexOf('DNS Name=') !== -1) for (const m of t.matchAll(/DNS Name=([A-Za-z0-9*][A-Za-z0-9.*-]{0,252})/g)) dns.add(m[1]!.toLowerCase());

    if (c0 === '-' && RE_SECTION.test(line)) {
      f.urlFetch = true;
      failing = false;
    }
    if (t.indexOf('Time:') !== -1) {
      const st = RE_STATUS.exec(line);
      if (st) {
        const verdict = st[1]!.toLowerCase();
        failing = verdict === 'failed' || verdict === 'expired' || verdict === 'wrong issuer';
        if (failing && /CDP|CRL/i.test(st[2]!)) fetchFailedCdp = true;
        continue;
      }
    }
    if (failing) {
      const e = t.startsWith('Error retrieving URL:') ? /Error retrieving URL:\s{0,4}(.{1,300})$/.exec(t) : null;
      if (e) urlErrors.add(e[1]!.trim());
      const u = e ? null : RE_URL.exec(t);
      if (u && f.failedUrls.length < MAX_URLS && !f.failedUrls.includes(u[1]!)) f.failedUrls.push(u[1]!);
      if (/^(?:Element\.|CertContext|ChainContext|SimpleChain|-{10,}$)/.test(t)) failing = false;
    }

    if (t.indexOf('ertUtil') !== -1) {
      if (/-verify command completed successfully/i.test(t)) f.completedLinePresent = true;
      if (/-verify command FAILED:/i.test(t)) f.failedLine = t.slice(0, 300);
    }
    const lower = t.length < 400 && /revo|trusted|ERROR/i.test(t) ? t.toLowerCase() : '';
    if (lower) {
      if (lower.includes('revocation check passed')) revocationPassed = true;
      if (lower.startsWith('error: verifying leaf certificate revocation status')) leafRevocationError = true;
      if (lower.includes('verifies against untrusted root') || lower.includes('root certificate which is not trusted')) untrustedText = true;
      if (lower.includes('certificate is revoked')) names.add('CRYPT_E_REVOKED');
      if (lower.includes('revocation server was offline')) names.add('CRYPT_E_REVOCATION_OFFLINE');
    }
    if (names.size < 50 && t.indexOf('_') !== -1) for (const m of t.matchAll(RE_ERROR_NAMES)) if (!HARMLESS.test(m[1]!)) names.add(m[1]!);
    if (t.indexOf('dwErrorStatus') !== -1) {
      const bits = /dwErrorStatus\s{0,2}=\s{0,2}(?:0x)?([0-9a-fA-F]{1,8})\b/.exec(t);
      const v = bits ? parseInt(bits[1]!, 16) : 0;
      for (const [bit, name] of BIT_NAMES) if (v & bit) names.add(name);
    }
    if (t.indexOf('0x800') !== -1) {
      if (/0x800b0109/i.test(t)) names.add('CERT_E_UNTRUSTEDROOT');
      if (/0x80092010/i.test(t)) names.add('CRYPT_E_REVOKED');
      if (/0x80092013/i.test(t)) names.add('CRYPT_E_REVOCATION_OFFLINE');
    }
  }

  f.dnsNames = [...dns].slice(0, 50);
  f.urlErrors = [...urlErrors].slice(0, 5);
  if (lastSubject && lastSubject !== f.subject) f.root = lastSubject;

  const untrusted = untrustedText || [...names].some((n) => UNTRUSTED_NAMES.has(n));
  f.chainErrors = [...names].filter((n) => !REVOCATION_NAMES.has(n) && !UNTRUSTED_NAMES.has(n)).sort();
  const sawChain = f.completedLinePresent || f.failedLine !== null || revocationPassed || f.subject !== null;
  f.chain = untrusted ? 'untrusted-root' : f.chainErrors.length > 0 || (f.failedLine && !failedIsRevocation(f.failedLine)) ? 'failed' : sawChain ? 'trusted' : 'unknown';

  const revoked = names.has('CRYPT_E_REVOKED') || names.has('CERT_TRUST_IS_REVOKED') || names.has('CERT_E_REVOKED');
  const offlineExplicit =
    names.has('CRYPT_E_REVOCATION_OFFLINE') || names.has('CERT_TRUST_IS_OFFLINE_REVOCATION') || names.has('CRYPT_E_NO_REVOCATION_CHECK') ||
    leafRevocationError || (fetchFailedCdp && !revocationPassed);
  // With an untrusted root Windows does not check revocation at all, so "status unknown" alone says nothing then.
  const offlineImplied = names.has('CERT_TRUST_REVOCATION_STATUS_UNKNOWN') && f.chain !== 'untrusted-root';
  f.revocation = revoked ? 'revoked' : offlineExplicit || offlineImplied ? 'offline' : revocationPassed ? 'good' : 'unknown';

  const shape = f.chain === 'unknown' && f.revocation === 'unknown' ? 'incomplete' : 'complete';
  return { facts: f, shape, findings: [] };
}

function failedIsRevocation(line: string): boolean {
  return /CRYPT_E_REVOKED|CRYPT_E_REVOCATION_OFFLINE|CRYPT_E_NO_REVOCATION_CHECK|0x8009201[023]/i.test(line);
}
