import * as assert from 'node:assert/strict';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { webProbe } from '../../src/engine/kinds/webProbe';
import { normalizePaste } from '../../src/engine/normalize';
import { parseWebProbe, type WebProbeFacts } from '../../src/engine/parsers/webProbe';
import type { Diagnosis, Finding } from '../../src/engine/types';
import { fixture, fixtureNames } from '../helpers/fixtures';

const KIND = 'web-probe';

function run(name: string, ctx = {}): Diagnosis {
  return diagnose(fixture(KIND, name), ctx);
}
function facts(d: Diagnosis): WebProbeFacts {
  return d.facts as unknown as WebProbeFacts;
}
function find(d: Diagnosis, id: string): Finding {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected ${id}, got ${d.findings.map((x) => x.id).join(', ')}`);
  return f;
}

// fixture -> [outcome, statusCode, tool, finding id, status]
const CASES: [string, WebProbeFacts['outcome'], number | null, WebProbeFacts['tool'], string, string][] = [
  ['iwr-401.txt', 'reachable', 401, 'invoke-webrequest', 'probe.reachable', 'ok'],
  ['iwr-401-crlf.txt', 'reachable', 401, 'invoke-webrequest', 'probe.reachable', 'ok'],
  ['iwr-401-iis-body.txt', 'reachable', 401, 'invoke-webrequest', 'probe.reachable', 'ok'],
  ['pwsh7-401.txt', 'reachable', 401, 'invoke-webrequest', 'probe.reachable', 'ok'],
  ['iwr-200-service.txt', 'service-ok', 200, 'invoke-webrequest', 'probe.service-ok', 'ok'],
  ['iwr-dns.txt', 'dns-failure', null, 'invoke-webrequest', 'probe.dns-failure', 'problem'],
  ['iwr-unable-to-connect.txt', 'connect-failure', null, 'invoke-webrequest', 'probe.connect-failure', 'problem'],
  ['iwr-timeout.txt', 'timeout', null, 'invoke-webrequest', 'probe.timeout', 'problem'],
  ['iwr-trust.txt', 'tls-untrusted', null, 'invoke-webrequest', 'probe.tls-untrusted', 'problem'],
  ['iwr-invalid-cert.txt', 'tls-invalid', null, 'invoke-webrequest', 'probe.tls-invalid', 'problem'],
  ['curl-v-401.txt', 'reachable', 401, 'curl', 'probe.reachable', 'ok'],
  ['teams-curl-401.html', 'reachable', 401, 'curl', 'probe.reachable', 'ok'],
  ['curl-I-403.txt', 'reachable', 403, 'curl', 'probe.reachable', 'ok'],
  ['curl-6-dns.txt', 'dns-failure', null, 'curl', 'probe.dns-failure', 'problem'],
  ['curl-7-connect.txt', 'connect-failure', null, 'curl', 'probe.connect-failure', 'problem'],
  ['curl-28-timeout.txt', 'timeout', null, 'curl', 'probe.timeout', 'problem'],
  ['curl-60-issuer.txt', 'tls-untrusted', null, 'curl', 'probe.tls-untrusted', 'problem'],
  ['curl-35-revocation.txt', 'tls-invalid', null, 'curl', 'probe.tls-invalid', 'problem'],
  ['browser-401.txt', 'reachable', 401, 'browser', 'probe.reachable', 'ok'],
  ['browser-yellow-screen.txt', 'reachable', 500, 'browser', 'probe.reachable', 'ok'],
  ['browser-503.txt', 'reachable', 503, 'browser', 'probe.server-error', 'problem'],
  ['browser-nxdomain.txt', 'dns-failure', null, 'browser', 'probe.dns-failure', 'problem'],
  ['browser-timeout.txt', 'timeout', null, 'browser', 'probe.timeout', 'problem'],
  ['browser-not-private.txt', 'tls-untrusted', null, 'browser', 'probe.tls-untrusted', 'problem'],
];

describe('web-probe: outcomes', () => {
  it('covers every fixture', () => {
    assert.deepEqual(CASES.map((c) => c[0]).sort(), fixtureNames(KIND));
  });
  for (const [name, outcome, code, tool, id, status] of CASES) {
    it(`${name}: ${outcome}`, () => {
      const d = run(name);
      assert.equal(d.detected, KIND);
      assert.equal(facts(d).outcome, outcome);
      assert.equal(facts(d).statusCode, code);
      assert.equal(facts(d).tool, tool);
      assert.equal(d.status, status);
      find(d, id);
      for (const f of d.findings) if (!f.id.startsWith('input.')) assert.ok(webProbe.findingIds.includes(f.id), f.id); // input.*: the engine's own
    });
  }
});

describe('web-probe: findings', () => {
  it('an IIS 401 counts as reachable (seed step 5)', () => {
    const r = find(run('iwr-401.txt'), 'probe.reachable');
    assert.equal(r.severity, 'info');
    assert.equal(r.seedStep, 'A5');
    assert.match(r.summary, /HTTP 401/);
    assert.match(r.detail!, /IIS error/);
  });

  it('names the host in DNS/connect fixes', () => {
    const dns = find(run('curl-6-dns.txt'), 'probe.dns-failure');
    assert.equal(dns.severity, 'problem');
    assert.match(dns.fix!, /Resolve-DnsName rmsconnector\.kestrel\.com/);
    const conn = find(run('iwr-unable-to-connect.txt'), 'probe.connect-failure');
    assert.match(conn.fix!, /Test-NetConnection rmsconnector\.kestrel\.com -Port 80\b/);
    const host = facts(run('browser-nxdomain.txt')).host;
    assert.equal(host, 'rmsconnector.kestrel.com');
  });

  it('untrusted TLS is seed 8b and asks for certutil -verify -urlfetch on the connector certificate', () => {
    const f = find(run('iwr-trust.txt'), 'probe.tls-untrusted');
    assert.equal(f.seedStep, 'A8b');
    assert.match(f.fix!, /certutil -verify -urlfetch C:\\temp\\connector\.cer/);
    assert.match(f.fix!, /TcpClient\('rmsconnector\.kestrel\.com', 443\)/);
  });

  it('a revocation failure is seed 8a (CRL offline)', () => {
    const d = run('curl-35-revocation.txt');
    assert.equal(facts(d).tlsReason, 'revocation');
    const f = find(d, 'probe.tls-invalid');
    assert.equal(f.seedStep, 'A8a');
    assert.match(f.detail!, /CRL/);
  });

  it('keeps only the origin of a URL that PowerShell cut with " ..."', () => {
    const f = facts(run('iwr-401.txt'));
    assert.equal(f.url, 'https://rmsconnector.kestrel.com');
    assert.equal(facts(run('iwr-dns.txt')).url, 'https://rmsconnector.kestrel.com/_wmcs/licensing');
  });

  it('a 407 from a proxy is not "reachable"', () => {
    const t = 'Invoke-WebRequest : The remote server returned an error: (407) Proxy Authentication Required.\nAt line:1 char:1\n+ Invoke-WebRequest https://rmsconnector.kestrel.com/_wmcs/licensing\n';
    const d = diagnose(t);
    assert.equal(facts(d).outcome, 'connect-failure');
    assert.ok(facts(d).viaProxy);
    assert.match(find(d, 'probe.connect-failure').summary, /proxy/);
  });

  it('notes when the Azure RMS service was probed instead of the connector, and learns nothing from it', () => {
    const t = 'Invoke-WebRequest : The remote server returned an error: (401) Unauthorized.\n+ Invoke-WebRequest https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com/_wmcs/licensing\n';
    const d = diagnose(t, { connectorUrl: 'https://rmsconnector.kestrel.com' });
    assert.match(find(d, 'probe.azure-host').fix!, /https:\/\/rmsconnector\.kestrel\.com\/_wmcs\/licensing/);
    assert.deepEqual(webProbe.contribute!(parseWebProbe(normalizePaste(t).text).facts), {});
  });
});

describe('web-probe: context', () => {
  it('contributes the connector URL, which other pastes use in their fixes', () => {
    const probe = fixture(KIND, 'iwr-dns.txt');
    assert.deepEqual(webProbe.contribute!(parseWebProbe(normalizePaste(probe).text).facts), { connectorUrl: 'https://rmsconnector.kestrel.com' });
    // a connector log without 1002, diagnosed together with the probe: its registry fix names the probed connector
    const events = fixture('connector-events', 'eventlog-table.txt');
    const [, ev] = diagnoseAll([probe, events]);
    const no1002 = ev!.findings.find((f) => f.id === 'events.no-1002')!;
    assert.match(no1002.fix!, /Invoke-WebRequest -Uri "https:\/\/rmsconnector\.kestrel\.com\/_wmcs\/certification\/servercertification\.asmx"/);
  });

  it('builds the origin from the port curl names when the command line was not pasted', () => {
    assert.equal(facts(run('curl-v-401.txt')).url, 'https://rmsconnector.kestrel.com');
    assert.equal(facts(run('curl-7-connect.txt')).url, 'https://rmsconnector.kestrel.com');
  });

  it('mentions a different host than the registry connector URL', () => {
    const d = run('curl-v-401.txt', { connectorUrl: 'https://rms.kestrel.com' });
    assert.match(find(d, 'probe.other-host').summary, /rms\.kestrel\.com/);
  });

  it('does not claim unrelated output and completes on 1 MB adversarial inputs', () => {
    assert.equal(webProbe.detect('InternalLicensingEnabled : True'), 0);
    const mb = 1 << 20;
    for (const s of [
      'x'.repeat(mb),
      'curl: ('.repeat(mb / 7),
      ('http://' + 'a.'.repeat(200) + '/' + 'x'.repeat(600) + ' ').repeat(mb / 1000),
      ('StatusCode : 2001 ' + ' '.repeat(30) + '\n').repeat(mb / 50),
      ('<div>' + ' '.repeat(100) + '401 - ' + 'A'.repeat(100) + '\n').repeat(mb / 220),
      ('Invoke-WebRequest : ' + 'The remote '.repeat(50) + '\n').repeat(mb / 570),
    ]) {
      assert.ok(diagnose(s).status);
      parseWebProbe(s);
    }
  });
});
