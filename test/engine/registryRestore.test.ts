// Issue 10, registry: flattened reg query / .reg pastes get their lines back (unflatten/registryPaths),
// the status says what the paste shows, and http in one redirection key with https in the other is a problem.
import assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { restoreLines } from '../../src/engine/unflatten/registryPaths';
import type { Diagnosis, Finding } from '../../src/engine/types';

const T = 'https://0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.rms.eu.aadrm.com';
const C = 'https://rmsconnector.northpeak-it.net';
const ROOT = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft';
const ids = (d: Diagnosis): string[] => d.findings.map((f) => f.id);
function find(d: Diagnosis, id: string): Finding {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `${id} not in ${ids(d).join(', ')}`);
  return f;
}
const regQuery = (cert: string, lic: string, msdrm = true): string =>
  [
    ...(msdrm
      ? ['', `${ROOT}\\MSDRM\\ServiceLocation\\Activation`, `    (Default)    REG_SZ    ${T}/_wmcs/certification`, '',
        `${ROOT}\\MSDRM\\ServiceLocation\\EnterprisePublishing`, `    (Default)    REG_SZ    ${T}/_wmcs/licensing`]
      : []),
    '', `${ROOT}\\ExchangeServer\\v15\\IRM\\CertificationServerRedirection`, `    ${T}    REG_SZ    ${cert}`,
    '', `${ROOT}\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection`, `    ${T}    REG_SZ    ${lic}`, '',
  ].join('\n');

describe('registry: flattened pastes', () => {
  it('restores a flattened reg query: key lines, value rows split on their type, (value not set), ERROR lines', () => {
    const flat =
      `C:\\Windows\\system32>reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s ${ROOT}\\MSDRM\\ServiceLocation\\Activation     (Default)    REG_SZ    (value not set)     Default    REG_SZ    ${T}/_wmcs/certification ` +
      `C:\\Windows\\system32>reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection" ERROR: The system was unable to find the specified registry key or value.`;
    assert.equal(
      restoreLines(flat),
      [
        '', 'C:\\Windows\\system32>reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s',
        '', `${ROOT}\\MSDRM\\ServiceLocation\\Activation`, '    (Default)    REG_SZ    (value not set)', `    Default    REG_SZ    ${T}/_wmcs/certification`,
        '', 'C:\\Windows\\system32>reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection"',
        '', 'ERROR: The system was unable to find the specified registry key or value.', '',
      ].join('\n'),
    );
    const d = diagnose(flat);
    assert.equal(d.detected, 'registry');
    assert.ok(ids(d).includes('registry.activation-missing'), ids(d).join());
    assert.ok(ids(d).includes('registry.key-not-found'), ids(d).join());
  });

  it('restores a flattened .reg export without splitting inside quoted values', () => {
    const flat = `Windows Registry Editor Version 5.00  [${ROOT}\\ExchangeServer\\v15\\IRM\\CertificationServerRedirection] "${T}"="${C}" "odd \\"name\\" [x]"="a b"  [${ROOT}\\MSDRM\\ServiceLocation\\Activation] @="${T}/_wmcs/certification"`;
    assert.equal(
      restoreLines(flat),
      [
        'Windows Registry Editor Version 5.00', '', `[${ROOT}\\ExchangeServer\\v15\\IRM\\CertificationServerRedirection]`, `"${T}"="${C}"`,
        '"odd \\"name\\" [x]"="a b"', '', `[${ROOT}\\MSDRM\\ServiceLocation\\Activation]`, `@="${T}/_wmcs/certification"`, '',
      ].join('\n'),
    );
  });

  it('diagnoses a flattened complete paste exactly like the original', () => {
    const original = regQuery(C, C);
    const a = diagnose(original);
    const b = diagnose(original.replace(/\n/g, ' '));
    assert.deepEqual([b.detected, b.status, ids(b)], [a.detected, a.status, ids(a)]);
    assert.equal(a.status, 'ok');
  });

  it('leaves prose with one key path alone', () => {
    assert.equal(restoreLines(`Please check ${ROOT}\\MSDRM\\ServiceLocation\\Activation on every server, it should hold the tenant URL and nothing else at all today.`), null);
    assert.equal(restoreLines('no registry here at all, just a long line of text that goes on and on and on and on and on and on and on and on'), null);
  });
});

describe('registry: status says what the paste shows', () => {
  it('a complete, right IRM query is ok; the MSDRM keys it did not cover are asked for in next', () => {
    const d = diagnose(regQuery(C, C, false));
    assert.equal(d.status, 'ok');
    assert.ok(ids(d).includes('registry.settings-ok'));
    assert.match(d.next, /^What this paste shows is right\. .*reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" \/s/);
  });

  it('a subkey listing without values is still incomplete', () => {
    const d = diagnose(`\n${ROOT}\\ExchangeServer\\v15\\IRM\n${ROOT}\\ExchangeServer\\v15\\IRM\\CertificationServerRedirection\n${ROOT}\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection\n`);
    assert.equal(d.status, 'incomplete');
  });

  it('http in one redirection key and https in the other is a problem, with both fixes spelled out', () => {
    const d = diagnose(regQuery(C.replace('https:', 'http:'), C));
    assert.equal(d.status, 'problem');
    const f = find(d, 'registry.redirection-scheme-mixed');
    assert.equal(f.severity, 'problem');
    assert.match(f.summary, /CertificationServerRedirection sends Exchange to http:\/\/rmsconnector\.northpeak-it\.net \(http\) but LicenseServerRedirection to https:\/\/rmsconnector\.northpeak-it\.net \(https\)/);
    assert.match(f.detail ?? '', /IRM breaks/);
    assert.match(f.fix ?? '', /\/d "https:\/\/rmsconnector\.northpeak-it\.net" \/f[\s\S]*\/d "http:\/\/rmsconnector\.northpeak-it\.net" \/f/);
  });

  it('http in both keys is a recommendation on an ok paste, not a problem', () => {
    const d = diagnose(regQuery(C.replace('https:', 'http:'), C.replace('https:', 'http:')));
    assert.ok(!ids(d).includes('registry.redirection-scheme-mixed'));
    assert.notEqual(find(d, 'registry.http-connector').severity, 'problem');
    assert.equal(d.status, 'ok');
  });

  it('a pasted documentation placeholder is named as such and never reaches a fix', () => {
    const d = diagnose(`Windows Registry Editor Version 5.00\n\n[${ROOT}\\MSDRM\\ServiceLocation\\Activation]\n@="http://<RMS_cluster_name>/_wmcs/certification"\n`);
    assert.match(find(d, 'registry.activation-wrong').summary, /documentation placeholder/);
    for (const f of d.findings) assert.doesNotMatch(f.fix ?? '', /RMS_cluster_name/i);
  });
});

describe('registry: adversarial input of the restorer', () => {
  const MB = 1024 * 1024;
  const cases: [string, () => string][] = [
    ['a 1 MB flattened line of key paths', () => `${ROOT}\\X `.repeat(MB / 32)],
    ['a 1 MB flattened line of REG_SZ rows', () => `${ROOT}\\X ${'a REG_SZ '.repeat(MB / 9)}`],
    ['a 1 MB flattened .reg with an unterminated quote', () => `[${ROOT}\\X] "${'\\"'.repeat(MB / 2)}`],
    ['a 1 MB flattened .reg of brackets without a close', () => `[${ROOT}\\X] ${'['.repeat(MB)}`],
    ['a 1 MB flattened line of prompts and reg commands', () => `${ROOT}\\X REG_SZ y ${'C:\\>reg query "HKLM\\X" /s /v /d '.repeat(MB / 34)}`],
    ['a 1 MB flattened line of ERROR words', () => `${ROOT}\\X ${'ERROR: '.repeat(MB / 7)}`],
  ];
  for (const [name, make] of cases) {
    it(`completes on ${name}`, () => {
      const text = make();
      assert.ok(restoreLines(text) !== undefined);
      assert.ok(diagnose(text).detected);
    });
  }
});
