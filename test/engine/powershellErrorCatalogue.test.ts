// Issue 10, powershell-error: the catalogue (data/powershellErrors.json) maps the errors this
// troubleshooting meets to an article step and a concrete next action; wrapped and glued forms too.
import assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { powershellError } from '../../src/engine/kinds/powershellError';
import { PS_CATALOGUE } from '../../src/engine/parsers/powershellError';
import type { Diagnosis, Finding } from '../../src/engine/types';

const ids = (d: Diagnosis): string[] => d.findings.map((f) => f.id);
function find(d: Diagnosis, id: string): Finding {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `${id} not in ${ids(d).join(', ')}`);
  return f;
}
const psError = (first: string, category: string, cmd: string): string =>
  `${first}\nAt line:1 char:1\n+ ${cmd}\n+ ${'~'.repeat(cmd.length)}\n    + CategoryInfo          : ${category}\n    + FullyQualifiedErrorId : 6A3E2E48,Microsoft.Exchange.Management.RightsManagement.SetIRMConfiguration\n`;

describe('powershell-error: catalogue', () => {
  it('maps 401 / "Failed to get Server Info" on the connector to its authorised accounts (event 2001)', () => {
    const d = diagnose(psError(
      'Set-IRMConfiguration : Failed to get Server Info from https://rmsconnector.northpeak-it.net/_wmcs/certification/server.asmx. The request failed with HTTP status 401: Unauthorized.',
      'InvalidOperation: (:) [Set-IRMConfiguration], RightsManagementServerException', 'Set-IRMConfiguration -InternalLicensingEnabled $true',
    ));
    assert.equal(d.detected, 'powershell-error');
    assert.equal(d.status, 'problem');
    const f = find(d, 'ps.connector-unauthorized');
    assert.equal(f.seedStep, 'A5');
    assert.match(f.detail ?? '', /event 2001/);
    assert.match(f.fix ?? '', /Exchange Servers group/);
    assert.match(d.next, /connector administration tool/);
    assert.doesNotMatch(d.next, /Fix the error above/);
  });

  it('an on-premises [Server=EXCH01,RequestId=…] tail keeps the error on-premises', () => {
    const d = diagnose(psError(
      'Set-IRMConfiguration : Failed to get Server Info from https://rmsconnector.northpeak-it.net/_wmcs/certification/server.asmx. The request failed with HTTP status 401: Unauthorized.',
      'InvalidOperation: (:) [Set-IRMConfiguration], RightsManagementServerException', 'Set-IRMConfiguration -InternalLicensingEnabled $true',
    ).replace('6A3E2E48,', '[Server=EXCH01,RequestId=4b1c2d3e-0000-4000-8000-000000000001,TimeStamp=1/1/2024 10:00:00 AM] [FailureCategory=Cmdlet-RightsManagementServerException] 6A3E2E48,'));
    assert.equal(d.status, 'problem');
    assert.ok(ids(d).includes('ps.connector-unauthorized'));
    assert.ok(!ids(d).some((id) => /exchange-online/.test(id)), ids(d).join());
  });

  it('a 401 from Invoke-WebRequest stays a web probe (the connector answered)', () => {
    const d = diagnose("Invoke-WebRequest : The remote server returned an error: (401) Unauthorized.\nAt line:1 char:1\n+ Invoke-WebRequest https://rmsconnector.northpeak-it.net/_wmcs/licensing\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException\n");
    assert.notEqual(d.detected, 'powershell-error');
  });

  it('AIPService in PowerShell 7 / Cloud Shell: use Windows PowerShell 5.1', () => {
    const d = diagnose("Import-Module: Could not load file or assembly 'System.Web.Services, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a'. The system cannot find the file specified.");
    assert.equal(d.detected, 'powershell-error');
    assert.match(find(d, 'ps.aipservice-needs-windows-powershell').fix ?? '', /Windows PowerShell 5\.1/);
  });

  it('Connect-AipService sign-in failures (PowerShell 7 wording) name the cmdlet and the roles', () => {
    const d = diagnose('Connect-AipService: The attempt to connect to the Azure Information Protection service failed. Verify that the user name and password you are using are correct and try again.');
    assert.equal((d.facts as { cmdlet: string }).cmdlet, 'Connect-AipService');
    assert.match(find(d, 'ps.aip-connect-failed').detail ?? '', /Global Administrator/);
  });

  it('TPD import and template-name failures say what they mean for the connector', () => {
    const tpd = diagnose(psError('Import-RMSTrustedPublishingDomain : Failed to import the trusted publishing domain.', 'InvalidOperation: (:) [Import-RMSTrustedPublishingDomain], Exception', 'Import-RMSTrustedPublishingDomain -RMSOnline -Name "RMS Online"'));
    assert.match(find(tpd, 'ps.tpd-import-failed').detail ?? '', /no TPD is imported/);
    const tpl = diagnose(psError("New-TransportRule : The RMS template 'Confidential - Internal' couldn't be found.", 'NotSpecified: (:) [New-TransportRule], Exception', 'New-TransportRule -ApplyRightsProtectionTemplate "Confidential - Internal"'));
    assert.match(find(tpl, 'ps.template-not-found').fix ?? '', /Get-RMSTemplate/);
  });

  it('a cmdlet that is not recognised: the module to install, or the Exchange Management Shell (and its RBAC role)', () => {
    const nr = (cmd: string): Diagnosis => diagnose(psError(`${cmd} : The term '${cmd}' is not recognized as the name of a cmdlet, function, script file, or operable program.`, `ObjectNotFound: (${cmd}:String) [], CommandNotFoundException`, cmd));
    assert.match(find(nr('Connect-ExchangeOnline'), 'ps.module-missing').summary, /ExchangeOnlineManagement/);
    assert.match(find(nr('Get-AadrmConfiguration'), 'ps.module-missing').summary, /AIPService/);
    const ems = nr('Get-IRMConfiguration');
    assert.equal(ems.status, 'wrong_input');
    assert.match(find(ems, 'ps.not-exchange-shell').detail ?? '', /RBAC role/);
  });

  it('reads "not recognized" across an 80-column console wrap, mid-word or at a space', () => {
    for (const wrapped of [
      "The term 'Get-ExchangeServer' is not recognized as the name of a cmdlet, functi\non, script file, or operable program.",
      "Connect-ExchangeOnline : The term 'Connect-ExchangeOnline' is not recognized as\nthe name of a cmdlet, function, script file, or operable program.",
    ]) {
      const d = diagnose(wrapped);
      assert.equal((d.facts as { errorKind: string }).errorKind, 'not-recognized', wrapped);
    }
  });

  it('a CommandNotFoundException record alone (its message lost with a prompt line) is still "not recognized"', () => {
    const d = diagnose('    + CategoryInfo          : ObjectNotFound: (Get-ExchangeServer:String) [], CommandNotFoundException\n    + FullyQualifiedErrorId : CommandNotFoundException\n');
    assert.equal(d.detected, 'powershell-error');
    assert.equal((d.facts as { cmdlet: string }).cmdlet, 'Get-ExchangeServer');
    assert.ok(ids(d).includes('ps.not-exchange-shell'));
  });

  it('names a documentation placeholder the failing command was run with', () => {
    const d = diagnose("RMS server <YourTenantURL>/wmcs/licensing doesn't meet the version requirements.\n    + CategoryInfo          : InvalidOperation: (:) [Set-IRMConfiguration], RmsVersionMismatchException\n");
    assert.match(find(d, 'ps.placeholder-in-command').summary, /<YourTenantURL>/);
    for (const f of d.findings) assert.doesNotMatch(f.fix ?? '', /YourTenantURL/);
  });

  it('the catalogue is valid data, and every id it can emit is declared', () => {
    assert.ok(PS_CATALOGUE.errors.length >= 6);
    for (const e of PS_CATALOGUE.errors) {
      assert.ok(e.summary && e.detail && e.next, e.kind);
      assert.ok(['info', 'warning', 'problem'].includes(e.severity), e.kind);
    }
    const declared = powershellError.findingIds as readonly string[];
    for (const e of PS_CATALOGUE.errors) {
      const d = powershellError.rules({ cmdlet: null, errorKind: e.kind, parameter: null, message: '', errorId: null }, {});
      for (const f of d) assert.ok(declared.includes(f.id), f.id);
    }
  });
});

describe('powershell-error: adversarial input of the catalogue patterns', () => {
  const MB = 1024 * 1024;
  const cases: [string, () => string][] = [
    ['1 MB of "template" with no end', () => `    + CategoryInfo : x\n${'template '.repeat(MB / 9)}`],
    ['1 MB of TrustedPublishingDomain words', () => `    + CategoryInfo : x\n${'TrustedPublishingDomain '.repeat(MB / 24)}`],
    ['a 1 MB wrapped not-recognized line', () => `The term '${'a\n'.repeat(MB / 2)}`],
    ['1 MB of <placeholder>-like text', () => `    + CategoryInfo : x\n${'<a '.repeat(MB / 3)}`],
  ];
  for (const [name, make] of cases) {
    it(`completes on ${name}`, () => {
      assert.ok(diagnose(make()).detected);
    });
  }
});
