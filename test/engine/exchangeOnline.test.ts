import * as assert from 'assert';
import { diagnose } from '../../src/engine/diagnose';
import { exchangeOnlineEvidence } from '../../src/engine/exchangeOnline';

describe('Exchange Online, whatever the cmdlet', () => {
  it('is recognised by PSComputerName, an EXO error tail, EXO-only properties or the connection command', () => {
    assert.match(exchangeOnlineEvidence('Name : x\nPSComputerName : outlook.office365.com')!, /outlook\.office365\.com/);
    assert.match(exchangeOnlineEvidence('PSComputerName        : ps.outlook.com')!, /ps\.outlook\.com/);
    assert.ok(exchangeOnlineEvidence('... [Server=BN6PR11MB1234,RequestId=1b2c,TimeStamp=3/2/2021 1:00:00 PM] [FailureCategory=Cmdlet-X] ...'));
    assert.ok(exchangeOnlineEvidence('[Server=AM0PR06MB4567.eurprd06.prod.outlook.com,RequestId=abc]'));
    assert.match(exchangeOnlineEvidence('AzureRMSLicensingEnabled : True')!, /AzureRMSLicensingEnabled/);
    assert.ok(exchangeOnlineEvidence('x', ['Connect-ExchangeOnline -UserPrincipalName a@b.net']));
  });

  it('an on-premises error tail and on-premises output are not Exchange Online', () => {
    assert.strictEqual(exchangeOnlineEvidence('[Server=EXCH01,RequestId=1b2c,TimeStamp=3/2/2021 1:00:00 PM]'), null);
    assert.strictEqual(exchangeOnlineEvidence('PSComputerName : exch01.corp.woodfin.com'), null);
    assert.strictEqual(exchangeOnlineEvidence('InternalLicensingEnabled : True'), null);
  });

  it('any kind pasted from an EXO session is wrong_input with what to run instead', () => {
    const err = [
      "The operation couldn't be performed because object 'RMS-Connector' couldn't be found on 'DM5PR11A001DC01.NAMPR11A001.PROD.OUTLOOK.COM'.",
      '    + CategoryInfo          : NotSpecified: (:) [Get-ExchangeServer], ManagementObjectNotFoundException',
      '    + FullyQualifiedErrorId : [Server=BN6PR11MB1234,RequestId=1b2c3d4e-0000-4000-8000-000000000000,TimeStamp=3/2/2021 1:00:00 PM] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] 5B2F0C3B,Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeServer',
      '    + PSComputerName        : outlook.office365.com',
    ].join('\n');
    const d = diagnose(err);
    assert.strictEqual(d.status, 'wrong_input');
    assert.ok(d.findings.some((f) => f.id === 'input.exchange-online'), JSON.stringify(d.findings.map((f) => f.id)));
    assert.match(d.next, /on-premises Exchange server/);
  });
});
