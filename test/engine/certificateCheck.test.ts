import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { certificateCheck } from '../../src/engine/kinds/certificateCheck';
import { parseCertificateCheck, type CertificateCheckFacts } from '../../src/engine/parsers/certificateCheck';
import { nameMatches } from '../../src/engine/rules/certificateCheckRules';
import type { Diagnosis, Finding } from '../../src/engine/types';
import { fixture } from '../helpers/fixtures';

const KIND = 'certificate-check';
const CONNECTOR = { connectorUrl: 'https://rmsconnector.kestrel.com' };

function run(name: string, ctx = {}): Diagnosis {
  return diagnose(fixture(KIND, name), ctx);
}
function facts(d: Diagnosis): CertificateCheckFacts {
  return d.facts as unknown as CertificateCheckFacts;
}
function ids(d: Diagnosis): string[] {
  return d.findings.map((f) => f.id);
}
function find(d: Diagnosis, id: string): Finding {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected ${id}, got ${ids(d).join(', ')}`);
  return f;
}

describe('certificate-check', () => {
  it('a healthy chain with a passed revocation check is cert.ok', () => {
    const d = run('ok.txt', CONNECTOR);
    assert.equal(d.detected, KIND);
    assert.equal(d.status, 'ok');
    const f = facts(d);
    assert.equal(f.chain, 'trusted');
    assert.equal(f.revocation, 'good');
    assert.equal(f.subject!.split(',')[0], 'CN=rmsconnector.kestrel.com');
    assert.equal(f.issuer!.split(',')[0], 'CN=Kestrel Issuing CA 01');
    assert.equal(f.root, 'CN=Kestrel Root CA');
    assert.deepEqual(f.dnsNames, ['rmsconnector.kestrel.com', 'rmscon01.kestrel.com', 'rmscon02.kestrel.com']);
    assert.ok(f.completedLinePresent && f.urlFetch);
    assert.deepEqual(ids(d), ['cert.ok']);
  });

  it('revocation offline despite "completed successfully": names the failed CDP URLs (seed 8a)', () => {
    for (const name of ['revocation-offline.txt', 'revocation-offline-crlf.txt', 'teams-revocation-offline.html']) {
      const d = run(name);
      assert.equal(d.status, 'problem', name);
      const f = facts(d);
      assert.ok(f.completedLinePresent, name);
      assert.equal(f.revocation, 'offline');
      assert.equal(f.chain, 'trusted');
      assert.deepEqual(f.failedUrls, ['http://pki.kestrel.com/CertEnroll/Kestrel%20Issuing%20CA%2001.crl', 'http://crl.kestrel.com/pki/Kestrel%20Issuing%20CA%2001.crl']);
      const r = find(d, 'cert.revocation-offline');
      assert.equal(r.severity, 'problem');
      assert.equal(r.seedStep, 'A8a');
      assert.match(r.summary, /pki\.kestrel\.com\/CertEnroll/);
      assert.match(r.detail!, /completed successfully.*only means certutil ran/);
      assert.match(r.detail!, /0x80072ee7/);
      assert.match(r.fix!, /Invoke-WebRequest -Uri "http:\/\/pki\.kestrel\.com\/CertEnroll\/Kestrel%20Issuing%20CA%2001\.crl"/);
      assert.match(r.fix!, /netsh winhttp/);
      assert.ok(!ids(d).includes('cert.ok'));
    }
  });

  it('revoked despite "completed successfully"', () => {
    const d = run('revoked.txt');
    assert.equal(d.status, 'problem');
    assert.equal(facts(d).revocation, 'revoked');
    assert.equal(facts(d).chain, 'trusted');
    assert.match(find(d, 'cert.revoked').detail!, /only means certutil ran/);
    assert.ok(!ids(d).includes('cert.ok'));
  });

  it('untrusted root: import the root into the Exchange servers (seed 8b); revocation is not blamed', () => {
    const d = run('untrusted-root.txt');
    const f = facts(d);
    assert.equal(f.chain, 'untrusted-root');
    assert.equal(f.revocation, 'unknown'); // Windows skips the revocation check for an untrusted chain
    assert.equal(f.failedLine, 'CertUtil: -verify command FAILED: 0x800b0109 (-2146762487 CERT_E_UNTRUSTEDROOT)');
    const u = find(d, 'cert.untrusted-root');
    assert.equal(u.seedStep, 'A8b');
    assert.match(u.summary, /CN=Kestrel Root CA/);
    assert.match(u.fix!, /certutil -addstore -f Root C:\\temp\\root\.cer/);
    assert.match(u.fix!, /Import-Certificate -FilePath C:\\temp\\root\.cer -CertStoreLocation Cert:\\LocalMachine\\Root/);
    assert.deepEqual(ids(d), ['cert.untrusted-root']);
  });

  it('other chain errors (expired) are cert.chain-failed', () => {
    const d = run('expired.txt');
    const f = facts(d);
    assert.equal(f.chain, 'failed');
    assert.ok(f.chainErrors.includes('CERT_TRUST_IS_NOT_TIME_VALID'));
    const c = find(d, 'cert.chain-failed');
    assert.match(c.detail!, /validity period.*1\/9\/2024/);
  });

  it('warns when the connector URL is not among the certificate names (CN/SAN), wildcards allowed', () => {
    const d = run('node-name-only.txt', CONNECTOR);
    const m = find(d, 'cert.name-mismatch');
    assert.equal(m.severity, 'problem');
    assert.match(m.summary, /rmscon01\.kestrel\.com, rmscon02\.kestrel\.com.*https:\/\/rmsconnector\.kestrel\.com/);
    assert.match(m.fix!, /rmsconnector\.kestrel\.com in the subject \(CN\) or SAN/);
    assert.equal(d.status, 'problem');
    assert.ok(!ids(run('ok.txt', CONNECTOR)).includes('cert.name-mismatch'));
    assert.ok(!ids(run('node-name-only.txt')).includes('cert.name-mismatch')); // connector URL unknown: no judgement
    assert.ok(nameMatches('*.kestrel.com', 'rmsconnector.kestrel.com'));
    assert.ok(!nameMatches('*.kestrel.com', 'a.b.kestrel.com'));
  });

  it('asks for -urlfetch when the AIA/CDP sections are missing', () => {
    const d = run('no-urlfetch.txt');
    assert.equal(facts(d).revocation, 'unknown');
    assert.equal(find(d, 'cert.no-urlfetch').fix, 'certutil -verify -urlfetch C:\\temp\\connector.cer');
    assert.match(d.next, /-urlfetch/);
  });

  it('a failed fetch next to a working one is still a passed revocation check', () => {
    const text = fixture(KIND, 'ok.txt').replace(
      '  ----------------  Certificate CDP  ----------------\n',
      '  ----------------  Certificate CDP  ----------------\n  Failed "CDP" Time: 0\n    Error retrieving URL: The server name or address could not be resolved 0x80072ee7 (WIN32: 12007)\n    [2.0] http://corppki/crl/issuing.crl\n\n',
    );
    const d = diagnose(text);
    assert.equal(facts(d).revocation, 'good');
    assert.deepEqual(facts(d).failedUrls, ['http://corppki/crl/issuing.crl']);
    assert.match(find(d, 'cert.ok').detail!, /corppki/);
  });

  it('lists every emitted id, ignores unrelated output, completes on 1 MB adversarial inputs', () => {
    for (const n of ['ok.txt', 'revocation-offline.txt', 'revoked.txt', 'untrusted-root.txt', 'expired.txt', 'node-name-only.txt', 'no-urlfetch.txt'])
      // input.* findings (placeholders, Exchange Online) are the engine's own, added to every kind.
      for (const id of ids(run(n, CONNECTOR))) if (!id.startsWith('input.')) assert.ok(certificateCheck.findingIds.includes(id), id);
    assert.equal(certificateCheck.detect('StatusCode : 200'), 0);
    const mb = 1 << 20;
    for (const s of [
      'y'.repeat(mb),
      ('  Failed "CDP" Time: 0\n    [0.0] http://x/' + 'y'.repeat(100) + '\n').repeat(mb / 140),
      ('dwErrorStatus=' + 'f'.repeat(50) + ' CERT_TRUST_' + 'A'.repeat(60) + '\n').repeat(mb / 140),
      ('Subject:\n' + '    CN=x\n'.repeat(10)).repeat(mb / 100),
      ('SubjectAltName: ' + 'DNS Name=a.b, '.repeat(200) + '\n').repeat(mb / 2800),
      // flattened dumps and issuer names (the TLS-inspection check)
      'CertContext[0][0]: Issuer: '.repeat(mb / 27),
      `ChainContext.dwErrorStatus = CERT_TRUST_IS_UNTRUSTED_ROOT (0x20) Issuer: CN=${'z'.repeat(mb)}`,
    ]) {
      assert.ok(diagnose(s).status);
      parseCertificateCheck(s);
    }
  });

  it('names a TLS-inspection product\'s root, flattened or not, and says what to exempt', () => {
    const text = fixture(KIND, 'untrusted-root.txt').replace(/CN=[^,\n]{1,80}Root[^,\n]{0,40}/g, 'CN=Zscaler Root CA');
    for (const t of [text, text.replace(/\r?\n/g, ' ')]) {
      const d = diagnose(t);
      assert.equal(facts(d).chain, 'untrusted-root');
      const f = find(d, 'cert.tls-inspection');
      assert.equal(f.severity, 'problem');
      assert.match(f.summary, /Zscaler/);
      assert.match(d.next, /TLS inspection/);
    }
    assert.ok(!ids(run('untrusted-root.txt', CONNECTOR)).includes('cert.tls-inspection'));
  });

  it('a CRL fix never names a URL the poster masked', () => {
    const text = fixture(KIND, 'revocation-offline.txt').replace(/http:\/\/[^\s>]{1,200}\.crl/g, 'http://pki.xxxx.local/crl/ca.crl');
    const d = diagnose(text);
    assert.doesNotMatch(find(d, 'cert.revocation-offline').fix!, /xxxx|<[a-z]/i);
    assert.match(find(d, 'cert.revocation-offline').fix!, /certutil -url/);
  });
});
