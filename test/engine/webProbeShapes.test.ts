// Web probes as admins paste them (PowerShell 5.1 and 7 wording, curl.exe/schannel, browser pages, the
// connector's .asmx page, Test-NetConnection), identity before any rule (a Microsoft 365 endpoint is
// never "the connector"), hosts that may not reach a fix, and 1 MB of near-misses of the new patterns.
import * as assert from 'node:assert/strict';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { webProbe } from '../../src/engine/kinds/webProbe';
import { isMicrosoftEndpoint } from '../../src/engine/microsoftEndpoints';
import { parseWebProbe, type WebProbeFacts } from '../../src/engine/parsers/webProbe';
import type { Diagnosis } from '../../src/engine/types';
import { restoreLines } from '../../src/engine/unflatten/webProbeText';

function facts(d: Diagnosis): WebProbeFacts {
  return d.facts as unknown as WebProbeFacts;
}
function ids(d: Diagnosis): string[] {
  return d.findings.map((f) => f.id);
}
function fixes(d: Diagnosis): string {
  return d.findings.map((f) => f.fix ?? '').join('\n');
}

const PS7_NAME =
  'PS C:\\> Invoke-WebRequest https://rms.northridge.net/_wmcs/licensing -UseDefaultCredentials\n' +
  'Invoke-WebRequest: The SSL connection could not be established, see inner exception.\n' +
  ' ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch, RemoteCertificateChainErrors\n';
const PS7_REVOCATION =
  'Invoke-WebRequest: The remote certificate is invalid because of errors in the certificate chain: RevocationStatusUnknown, OfflineRevocation\n' +
  '+ Invoke-WebRequest https://rms.northridge.net/_wmcs/certification/servercertification.asmx -UseDefaultCredentials\n';
const TNC_FAIL =
  'WARNING: TCP connect to (10.20.0.15 : 443) failed\n\nComputerName           : rms.northridge.net\nRemoteAddress          : 10.20.0.15\nRemotePort             : 443\n' +
  'InterfaceAlias         : Ethernet0\nSourceAddress          : 10.20.1.7\nPingSucceeded          : False\nTcpTestSucceeded       : False\n';
const TNC_OK = 'ComputerName     : rms.northridge.net\nRemoteAddress    : 10.20.0.15\nRemotePort       : 443\nInterfaceAlias   : Ethernet0\nSourceAddress    : 10.20.1.7\nTcpTestSucceeded : True\n';

describe('web-probe: PowerShell 7 and Test-NetConnection', () => {
  it('PowerShell 7 name mismatch: tls-invalid, the certificate must name the connector, certutil next', () => {
    const d = diagnose(PS7_NAME);
    assert.deepEqual([d.detected, d.status, facts(d).outcome, facts(d).tlsReason], ['web-probe', 'problem', 'tls-invalid', 'name-mismatch']);
    const f = d.findings.find((x) => x.id === 'probe.tls-invalid')!;
    assert.match(f.detail!, /load-balanced FQDN/);
    // PowerShell 7 echoes no command under its error and the prompt line is not output: with no host
    // known, the fix saves the certificate from a browser instead of naming a <placeholder> host.
    assert.match(f.fix!, /Copy to File/);
    assert.doesNotMatch(f.fix!, /<[a-z]/i);
    const echoed = diagnose(PS7_NAME.replace(/^PS C:\\> /, ''));
    assert.match(echoed.findings.find((x) => x.id === 'probe.tls-invalid')!.fix!, /TcpClient\('rms\.northridge\.net', 443\)/);
    assert.match(d.next, /certutil -verify -urlfetch/);
  });

  it('PowerShell 7 revocation wording is seed step 8a (CRL)', () => {
    const d = diagnose(PS7_REVOCATION);
    assert.equal(facts(d).tlsReason, 'revocation');
    assert.equal(d.findings.find((x) => x.id === 'probe.tls-invalid')!.seedStep, 'A8a');
  });

  it('Test-NetConnection: a failed TCP test is connect-failure, a passed one reachable', () => {
    const bad = diagnose(TNC_FAIL);
    assert.deepEqual([bad.detected, facts(bad).outcome, facts(bad).tool, facts(bad).host], ['web-probe', 'connect-failure', 'test-netconnection', 'rms.northridge.net']);
    const good = diagnose(TNC_OK);
    assert.deepEqual([good.status, facts(good).outcome], ['ok', 'reachable']);
  });

  it('WinINet / WinHTTP certificate errors are read by name and by code', () => {
    const cases: [string, string, string | null][] = [
      ['Request to https://rms.northridge.net/_wmcs/licensing failed: 12045 ERROR_INTERNET_INVALID_CA', 'tls-untrusted', null],
      ['WinHttpSendRequest failed: ERROR_WINHTTP_SECURE_CERT_CN_INVALID (0x80072f06) https://rms.northridge.net/', 'tls-invalid', 'name-mismatch'],
      ['Invoke-WebRequest : error 0x80072f19 ERROR_WINHTTP_SECURE_CERT_REV_FAILED', 'tls-invalid', 'revocation'],
    ];
    for (const [text, outcome, reason] of cases) {
      const d = diagnose(text);
      assert.deepEqual([d.detected, facts(d).outcome, facts(d).tlsReason], ['web-probe', outcome, reason], text);
    }
  });

  it('the connector\'s .asmx page in a browser is a reachable connector', () => {
    const d = diagnose('ServerCertificationWebService\n\nThe following operations are supported. For a formal definition, please review the Service Description.\n\n  * Certify\n');
    assert.deepEqual([d.detected, d.status, facts(d).outcome], ['web-probe', 'ok', 'service-ok']);
    const other = parseWebProbe('OrderService\nThe following operations are supported. For a formal definition, please review the Service Description.\n').facts;
    assert.equal(other.outcome, 'reachable');
  });
});

describe('web-probe: identity before any rule', () => {
  it('Microsoft 365 endpoints are never the connector and never get DNS-record advice', () => {
    for (const host of ['login.microsoftonline.com', 'outlook.office365.com', 'contoso-com.mail.protection.outlook.com', 'api.aadrm.com', 'graph.microsoft.com']) {
      const d = diagnose(`Invoke-WebRequest : The remote name could not be resolved: '${host}'\n+ Invoke-WebRequest https://${host}/ -UseBasicParsing\n`);
      assert.ok(ids(d).includes('probe.microsoft-endpoint'), `${host}: ${ids(d).join()}`);
      assert.ok(!ids(d).includes('probe.dns-failure'), host);
      assert.doesNotMatch(d.findings.map((f) => `${f.summary} ${f.detail ?? ''}`).join(' '), /the connector\b[^.]{0,40}does not resolve|Create the DNS record/i);
      assert.deepEqual(webProbe.contribute!(facts(d)), {});
    }
  });

  it('a TLS failure to a Microsoft endpoint points at inspection on this server, not at the connector\'s certificate', () => {
    const d = diagnose('invoke-webrequest "https://www.powershellgallery.com/api/v2/"\nInvoke-WebRequest: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot\n');
    const f = d.findings.find((x) => x.id === 'probe.microsoft-endpoint-tls')!;
    assert.match(f.detail!, /inspection/);
    assert.ok(!ids(d).includes('probe.tls-untrusted'));
  });

  it('a probe of some other site (a download) is not learnt as the connector URL', () => {
    const d = diagnose('curl: (35) schannel: next InitializeSecurityContext failed: CRYPT_E_REVOCATION_OFFLINE (0x80092013)\n+ curl -L https://github.com/mozilla/sccache/releases/download/v0.7.6/x.tar.gz\n');
    assert.deepEqual(webProbe.contribute!(facts(d)), {});
    const [, events] = diagnoseAll([`Invoke-WebRequest : The remote name could not be resolved: 'rms.northridge.net'\n+ Invoke-WebRequest https://rms.northridge.net/_wmcs/licensing\n`, 'Index Time          EntryType   Source                 InstanceId Message\n----- ----          ---------   ------                 ---------- -------\n    5 May 14 10:30  Information Microsoft RMS Conn...        1000 started\n    4 May 14 10:29  Information Microsoft RMS Conn...        1004 updated\n    3 May 14 10:28  Information Microsoft RMS Conn...        1001 stopped\n']);
    assert.match(events!.findings.find((f) => f.id === 'events.no-1002')!.fix!, /https:\/\/rms\.northridge\.net\/_wmcs/);
  });

  it('a masked or documentation host never reaches a fix', () => {
    for (const text of [
      "curl: (60) SSL: no alternative certificate subject name matches target host name 'tmp-file.xxxxxx.ai'\n",
      "Invoke-WebRequest : The remote name could not be resolved: 'rmsconnector.contoso.com'\n",
      "curl: (6) Could not resolve host: <connector-fqdn>\n",
    ]) {
      const d = diagnose(text);
      assert.equal(d.detected, 'web-probe');
      assert.doesNotMatch(fixes(d), /xxxxxx|contoso|<connector-fqdn>/, text);
    }
  });

  it('knows the Microsoft domains, and no look-alike', () => {
    assert.ok(isMicrosoftEndpoint('5c6bb73b-1038-4eec-863d-49bded473437.rms.na.aadrm.com'));
    assert.ok(isMicrosoftEndpoint('LOGIN.MICROSOFTONLINE.COM.'));
    assert.ok(!isMicrosoftEndpoint('microsoftonline.com.evil.net'));
    assert.ok(!isMicrosoftEndpoint('rms.northridge.net'));
  });
});

describe('web-probe: flattened pastes and 1 MB near-misses', () => {
  it('restores a flattened curl -v and a flattened PowerShell error', () => {
    const curl = '$ curl -v https://rms.northridge.net/ *   Trying 10.0.0.5:443... * Connected to rms.northridge.net (10.0.0.5) port 443 (#0) < HTTP/1.1 401 Unauthorized < Server: Microsoft-IIS/10.0';
    const r = restoreLines(curl)!;
    assert.ok(r.split('\n').length >= 4);
    assert.equal(parseWebProbe(r).facts.statusCode, 401);
    const d = diagnose(PS7_REVOCATION.replace(/\n/g, ' '));
    assert.equal(facts(d).tlsReason, 'revocation');
  });

  const MB = 1 << 20;
  const inputs: [string, string][] = [
    ['Host header rows', 'Host   a.b\n'.repeat(MB / 11)],
    ['one Host with 1 MB of labels', `Host  ${'a.'.repeat(MB / 2)}`],
    ['ComputerName lines', 'ComputerName : '.repeat(MB / 15)],
    ['target host name quotes', "target host name '".repeat(MB / 19)],
    ['steal your information from', 'steal your information from a'.repeat(MB / 30)],
    ['TCP connect failures', 'TCP connect to ('.repeat(MB / 16)],
    ['command lines', '➜ curl https://a.b '.repeat(MB / 19)],
    ['flattened markers', '* Trying curl: (7) < HTTP/1.1 '.repeat(MB / 30)],
    ['service pages', 'The following operations are supported. '.repeat(MB / 41)],
  ];
  for (const [name, text] of inputs) {
    it(name, () => {
      assert.ok(diagnose(text).status);
      parseWebProbe(text);
      restoreLines(text);
    });
  }
});
