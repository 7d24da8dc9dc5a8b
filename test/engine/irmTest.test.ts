import * as assert from 'assert';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { irmConfiguration } from '../../src/engine/kinds/irmConfiguration';
import { irmTest } from '../../src/engine/kinds/irmTest';
import type { IrmTestFacts } from '../../src/engine/parsers/irmTest';
import type { Diagnosis } from '../../src/engine/types';
import { fixture, fixtureNames } from '../helpers/fixtures';

const TENANT = 'https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com';
const CONNECTOR = 'https://rmsconnector.kestrel.com';
const load = (name: string): string => fixture('irm-test', name);
const ids = (d: Diagnosis): string[] => d.findings.map((f) => f.id);
const facts = (d: Diagnosis): IrmTestFacts => d.facts as unknown as IrmTestFacts;
const find = (d: Diagnosis, id: string) => {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected ${id} in ${ids(d).join(', ')}`);
  return f;
};

describe('irm-test: on-premises runs', () => {
  it('a full PASS through the connector is ok, with every step and URI read', () => {
    const d = diagnose(load('onprem-pass-connector.txt'));
    assert.strictEqual(d.detected, 'irm-test');
    assert.strictEqual(d.status, 'ok');
    const f = facts(d);
    assert.strictEqual(f.steps.length, 12);
    assert.ok(f.steps.every((s) => s.result === 'PASS'));
    assert.strictEqual(f.overall, 'PASS');
    assert.strictEqual(f.overallPrinted, true);
    assert.strictEqual(f.environment, 'on-premises');
    assert.strictEqual(f.certificationUri, `${CONNECTOR}/_wmcs/certification`);
    assert.strictEqual(f.publishingUri, `${CONNECTOR}/_wmcs/licensing`);
    assert.deepStrictEqual(f.licensingUris, [`${CONNECTOR}/_wmcs/licensing`]);
    // The prelicense task wrapped mid-word at 120 columns and is rejoined.
    assert.strictEqual(f.steps[10]!.task, `Acquiring Prelicense for 'admin@woodfin.com' from RMS Licensing Uri (${CONNECTOR}/_wmcs/licensing)...`);
    assert.deepStrictEqual(ids(d).sort(), ['irmtest.passed', 'irmtest.uses-connector']);
  });

  it('the same PASS pasted through Teams as HTML gives the same answer', () => {
    const a = diagnose(load('onprem-pass-connector.txt'));
    const b = diagnose(load('teams-html-pass.html'));
    assert.strictEqual(b.detected, 'irm-test');
    assert.deepStrictEqual(b.facts, a.facts);
    assert.deepStrictEqual(ids(b), ids(a));
  });

  it('a PASS that goes to *.aadrm.com means the redirection keys are not in effect', () => {
    const d = diagnose(load('pass-aadrm.txt'), { connectorUrl: CONNECTOR });
    assert.strictEqual(d.status, 'problem');
    const r = find(d, 'irmtest.redirection-not-applied');
    assert.strictEqual(r.severity, 'problem');
    assert.strictEqual(r.seedStep, 'A5');
    assert.ok(r.fix!.includes(`IRM\\CertificationServerRedirection" /v "${TENANT}" /t REG_SZ /d "${CONNECTOR}" /f`), r.fix!);
    assert.ok(r.fix!.includes(`IRM\\LicenseServerRedirection" /v "${TENANT}" /t REG_SZ /d "${CONNECTOR}" /f`));
    assert.ok(!ids(d).includes('irmtest.uses-connector'));
    // It passed, but not through the connector: not counted as "this server can use the connector".
    assert.ok(!ids(d).includes('irmtest.passed'));
    assert.match(d.next, /redirection keys/);
    assert.match(d.next, /megan\.bowen@woodfin\.com/);
  });

  it('KB2805976 style: 1-space indent, mid-word wraps, no OVERALL line, FAIL at the use license', () => {
    const d = diagnose(load('kb2805976-use-license.txt'));
    assert.strictEqual(d.detected, 'irm-test');
    assert.strictEqual(d.status, 'problem');
    const f = facts(d);
    assert.strictEqual(f.overallPrinted, false);
    assert.strictEqual(f.overall, 'FAIL');
    const last = f.steps[f.steps.length - 1]!;
    assert.strictEqual(last.result, 'FAIL');
    assert.match(last.message, /Transport Decryption, Journal Report Decryption, IRM in OWA/);
    assert.match(last.message, /make sure that the account "FederatedEmail\.4c1f4d8b-8179-4148-93bf-00a95fa1e042" representing/);
    assert.match(last.message, /is granted super user privileges on the RMS server\. For detailed instructions, see "Add the Federated Delivery Mailbox/);
    assert.ok(ids(d).includes('irmtest.use-license-failed'));
    assert.ok(ids(d).includes('irmtest.no-overall'));
    const failed = find(d, 'irmtest.failed');
    assert.match(failed.summary, /Acquiring Use License/);
    assert.match(failed.summary, /Failed to acquire a use license/);
    assert.match(find(d, 'irmtest.use-license-failed').fix!, /DRM\\Server/);
  });

  it('the same with CRLF and the EMS prompt lines reads identically', () => {
    const a = diagnose(load('kb2805976-use-license.txt'));
    const b = diagnose(load('kb2805976-crlf-prompt.txt'));
    assert.strictEqual(b.detected, 'irm-test');
    assert.deepStrictEqual(facts(b).steps.map((s) => s.message), facts(a).steps.map((s) => s.message));
    assert.deepStrictEqual(ids(b).sort(), ids(a).sort());
  });

  it('WARNING with IRM disabled: enable IRM first, then re-test (never a pass)', () => {
    const d = diagnose(load('warning-irm-disabled.txt'), { testSender: 'it.admin@woodfin.com' });
    assert.strictEqual(d.status, 'problem');
    assert.strictEqual(facts(d).overall, 'WARNING');
    assert.ok(!ids(d).includes('irmtest.passed'));
    const w = find(d, 'irmtest.irm-disabled');
    assert.strictEqual(w.fix, 'Set-IRMConfiguration -InternalLicensingEnabled $true -Force\nTest-IRMConfiguration -Sender it.admin@woodfin.com');
    // The IRM-off warning reuses the use-license task line but is not a use-license failure.
    assert.ok(!ids(d).includes('irmtest.use-license-failed'));
    assert.match(d.next, /Enable IRM/);
  });

  it('a WARNING at a step: known-off IRM from Get-IRMConfiguration decides irm-disabled, otherwise warning', () => {
    const plain = diagnose(load('warning-step.txt'));
    assert.ok(ids(plain).includes('irmtest.warning'));
    assert.ok(!ids(plain).includes('irmtest.irm-disabled'));
    assert.ok(ids(plain).includes('irmtest.connector-unreachable'));
    assert.notStrictEqual(plain.status, 'ok');
    const known = diagnose(load('warning-step.txt'), { internalLicensingEnabled: false });
    assert.ok(known.findings.some((f) => f.id === 'irmtest.irm-disabled'));
    assert.ok(!ids(known).includes('irmtest.warning'));
  });

  it('FAIL at "Verifying RMS version" with an exception block: connector unreachable, exception captured', () => {
    const d = diagnose(load('fail-rms-version-exception.txt'));
    const f = facts(d);
    assert.strictEqual(f.overall, 'FAIL');
    assert.strictEqual(f.exceptionStep, 3);
    assert.match(f.exception!, /^Microsoft\.Exchange\.Security\.RightsManagement\.RightsManagementException: Failed to get server info from https:\/\/rmsconnector/);
    assert.match(f.exception!, /The remote name could not be resolved: 'rmsconnector\.kestrel\.com'\nat System\.Net/);
    const u = find(d, 'irmtest.connector-unreachable');
    assert.ok(u.fix!.includes(`Invoke-WebRequest -UseBasicParsing -Uri "${CONNECTOR}/_wmcs/certification/servercertification.asmx"`));
    assert.match(find(d, 'irmtest.failed').summary, /Verifying RMS version/);
    assert.match(d.next, /probe the connector URL/);
  });

  it('"doesn\'t meet the version requirements" is an RMS version mismatch', () => {
    const text = [
      'Results : Checking Exchange Server ...',
      '              - PASS: Exchange Server is running in Enterprise.',
      '          Verifying RMS version for https://rmsconnector.kestrel.com/_wmcs/licensing ...',
      "              - FAIL: RMS server https://rmsconnector.kestrel.com/_wmcs/licensing doesn't meet the version requirements. IRM features require",
      '          RMS on Windows Server 2008 SP2 with the Hotfixes specified in Knowledge Base article 973247 or RMS on Windows Server 2008 R2.',
      '',
      '          OVERALL RESULT: FAIL',
    ].join('\n');
    const d = diagnose(text);
    assert.strictEqual(d.detected, 'irm-test');
    assert.ok(ids(d).includes('irmtest.rms-version-mismatch'));
    assert.strictEqual(find(d, 'irmtest.rms-version-mismatch').seedStep, 'A8c');
    assert.ok(!ids(d).includes('irmtest.connector-unreachable'));
  });

  it('all PASS but no OVERALL line is not a pass (maybe cut off)', () => {
    const text = load('onprem-pass-connector.txt').replace(/OVERALL RESULT: PASS/, '');
    const d = diagnose(text);
    assert.strictEqual(facts(d).overall, null);
    assert.strictEqual(d.status, 'incomplete');
    assert.ok(ids(d).includes('irmtest.no-overall'));
    assert.ok(!ids(d).includes('irmtest.passed'));
  });

  it('unknown (localised) result words are never a pass', () => {
    const text = 'Results : Vérification du serveur Exchange ...\n              - RÉUSSITE : Exchange Server fonctionne.\n\n          RÉSULTAT GLOBAL : RÉUSSITE';
    const d = diagnose(text);
    assert.strictEqual(d.detected, 'irm-test');
    assert.strictEqual(d.status, 'incomplete');
    assert.deepStrictEqual(ids(d), ['irmtest.unrecognized-output']);
    assert.strictEqual(facts(d).overall, null);
    const mixed = diagnose(load('onprem-pass-connector.txt').replace('- PASS: RAC and CLC acquired.', '- ERFOLGREICH: RAC and CLC acquired.'));
    assert.ok(!ids(mixed).includes('irmtest.passed'));
    assert.strictEqual(mixed.status, 'incomplete');
  });
});

describe('irm-test: wrong place and prompts', () => {
  it('Exchange Online PASS and FAIL are wrong_input with irmtest.exchange-online', () => {
    for (const name of ['exo-pass.txt', 'exo-fail.txt']) {
      const d = diagnose(load(name));
      assert.strictEqual(d.detected, 'irm-test', name);
      assert.strictEqual(d.status, 'wrong_input', name);
      assert.deepStrictEqual(ids(d), ['irmtest.exchange-online']);
      assert.strictEqual(facts(d).environment, 'exchange-online');
      assert.match(d.next, /on-premises Exchange Management Shell/);
    }
    const fail = facts(diagnose(load('exo-fail.txt')));
    // 14/10 indentation, a wrapped template list and a wrapped exception line.
    assert.match(fail.steps[0]!.message, /Encrypt, Do Not Forward\.$/);
    assert.match(fail.exception!, /RmException: Failed to fetch the adhoc license handle\.$/);
  });

  it('-RMSOnline output (docs blockquote with escaped dashes) is Exchange Online', () => {
    const d = diagnose(load('rmsonline-blockquote.md'));
    assert.strictEqual(d.detected, 'irm-test');
    assert.strictEqual(d.status, 'wrong_input');
    assert.strictEqual(facts(d).rmsOnline, true);
    assert.match(find(d, 'irmtest.exchange-online').summary, /-RMSOnline/);
  });

  it('the -Sender prompt is incomplete and the fix names the known test mailbox', () => {
    const d = diagnose(load('sender-prompt.txt'), { testSender: 'megan.bowen@woodfin.com' });
    assert.strictEqual(d.detected, 'irm-test');
    assert.strictEqual(d.status, 'incomplete');
    assert.deepStrictEqual(ids(d), ['irmtest.sender-prompt']);
    assert.strictEqual(find(d, 'irmtest.sender-prompt').fix, 'Test-IRMConfiguration -Sender megan.bowen@woodfin.com');
    // No mailbox known: the command asks for one when it runs, rather than carrying a <placeholder>.
    assert.strictEqual(diagnose(load('sender-prompt.txt')).findings[0]!.fix, "Test-IRMConfiguration -Sender (Read-Host 'Sender: a mailbox of this organisation')");
    // A documentation sample mailbox is not used either.
    assert.ok(!diagnose(load('sender-prompt.txt'), { testSender: 'admin@contoso.com' }).findings[0]!.fix!.includes('contoso'));
  });

  it('an answered prompt followed by results is read as a normal run with the sender', () => {
    const d = diagnose(load('sender-prompt.txt').replace('Sender:', 'Sender: admin@woodfin.com') + load('onprem-pass-connector.txt'));
    assert.strictEqual(d.status, 'ok');
    assert.strictEqual(facts(d).sender, 'admin@woodfin.com');
    assert.ok(ids(d).includes('irmtest.passed'));
  });
});

describe('irm-test: detection and context', () => {
  it('a Test output is never read as Get-IRMConfiguration and vice versa', () => {
    for (const name of fixtureNames('irm-test')) {
      assert.strictEqual(diagnose(load(name)).detected, 'irm-test', name);
      assert.strictEqual(irmConfiguration.detect(load(name)), 0, name);
    }
    for (const name of fixtureNames('irm-configuration')) {
      assert.strictEqual(diagnose(fixture('irm-configuration', name)).detected, 'irm-configuration', name);
      assert.strictEqual(irmTest.detect(fixture('irm-configuration', name)), 0, name);
    }
  });

  it('contributes the connector, the tenant and the test mailbox to the case', () => {
    assert.deepStrictEqual(irmTest.contribute!(irmTest.parse(load('onprem-pass-connector.txt')).facts), {
      connectorUrl: CONNECTOR, testSender: 'admin@woodfin.com',
    });
    assert.strictEqual(irmTest.contribute!(irmTest.parse(load('pass-aadrm.txt')).facts).tenantUrl, TENANT);
  });

  it('Get-IRMConfiguration with IRM off turns a Test WARNING into irm-disabled across pastes', () => {
    const [cfg, test] = diagnoseAll([fixture('irm-configuration', 'internal-disabled.txt'), load('warning-step.txt')]);
    assert.strictEqual(cfg!.detected, 'irm-configuration');
    assert.strictEqual(test!.detected, 'irm-test');
    assert.ok(ids(test!).includes('irmtest.irm-disabled'));
  });

  it('a printed URI that is neither Azure RMS nor the known connector is flagged', () => {
    const d = diagnose(load('onprem-pass-connector.txt').split('rmsconnector.kestrel.com').join('adrms.woodfin.com'), { connectorUrl: CONNECTOR });
    assert.ok(ids(d).includes('irmtest.uri-not-connector'));
  });

  it('findingIds lists every id the module emitted', () => {
    for (const name of fixtureNames('irm-test')) {
      for (const id of ids(diagnose(load(name), { internalLicensingEnabled: false }))) assert.ok(irmTest.findingIds.includes(id), `${id} from ${name}`);
    }
  });

  it('1 MB adversarial inputs complete', () => {
    const inputs = [
      '              - PASS: ' + 'x'.repeat(1024 * 1024),
      '          - FAIL: a\n'.repeat(60000),
      'Results : Checking Exchange Server ...\n' + 'x'.repeat(80) + '\n'.repeat(1) + ('-'.repeat(40) + '\n').repeat(30000),
      'Acquiring Prelicense for ' + "'".repeat(500000) + 'RMS Licensing Uri: ' + 'h'.repeat(500000),
      '- PASS: RMS Certification Uri: https://' + 'a'.repeat(1024 * 1024),
      ('Verifying RMS version for x\n' + ' '.repeat(40) + 'continued\n').repeat(20000),
    ];
    for (const raw of inputs) {
      const d = diagnose(raw);
      assert.ok(typeof d.next === 'string');
    }
  });
});
