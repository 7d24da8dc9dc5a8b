import * as assert from 'assert';
import { diagnose, diagnoseAll, diagnoseInContext } from '../../src/engine/diagnose';
import { finishFix } from '../../src/engine/fixes';
import { findPlaceholderInPaste, placeholderKind } from '../../src/engine/placeholders';
import { fixture } from '../helpers/fixtures';

const GUID = '7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b';

describe('placeholders, masked values and documentation samples', () => {
  it('tells the three apart and lets real values through', () => {
    const cases: [string, ReturnType<typeof placeholderKind>][] = [
      ['https://<your-tenant-id>.rms.<region>.aadrm.com', 'placeholder'],
      ['https://MicrosoftRMSUrl/_wmcs/licensing', 'placeholder'],
      ['[tenant].rms.na.aadrm.com', 'placeholder'],
      ['https://b5fb1234-xxxx-4eec-xxxx-49bded473437.rms.na.aadrm.com', 'masked'],
      ['https://b5fb…-….rms.na.aadrm.com', 'masked'],
      ['https://7e1d...', 'masked'],
      ['<redacted>', 'masked'],
      ['admin@****.com', 'masked'],
      ['https://5c6bb73b-1038-4eec-863d-49bded473437.rms.na.aadrm.com', 'sample'],
      ['https://rmsconnector.contoso.com', 'sample'],
      ['megan@Fabrikam.onmicrosoft.com', 'sample'],
      ['“https://rms.corp.net”', 'sample'],
      [`https://${GUID}.rms.eu.aadrm.com`, null],
      ['https://rmsconnector.woodfin.com', null],
      ['megan.bowen@woodfin.com', null],
      ['Set-IRMConfiguration -InternalLicensingEnabled $true -Force', null],
    ];
    for (const [value, kind] of cases) assert.strictEqual(placeholderKind(value), kind, value);
  });

  it('in a whole paste, ordinary ellipses, table headers, XML tags and a browser\'s apostrophe are not placeholders', () => {
    for (const text of ['Checking Exchange Server ...', 'ClientAccessServerE...', '<Event><EventID>2003</EventID></Event>', 'This site can’t be reached']) {
      assert.strictEqual(findPlaceholderInPaste(text), null, text);
    }
  });

  it('the article sample tenant pasted back is neither remembered nor put in a fix', () => {
    const sample = 'LicensingIntranetDistributionPointUrl   : https://5c6bb73b-1038-4eec-863d-49bded473437.rms.na.aadrm.com/_wmcs/licensing';
    const { diagnosis, context } = diagnoseInContext(sample);
    assert.strictEqual(context.tenantUrl, undefined);
    assert.ok(diagnosis.findings.some((f) => f.id === 'input.placeholders'), JSON.stringify(diagnosis.findings));
    // With it in the case, an Exchange paste that needs the tenant still asks for it instead.
    const [, cfg] = diagnoseAll([sample, fixture('irm-configuration', 'internal-disabled.txt')]);
    for (const f of cfg!.findings) assert.ok(!(f.fix ?? '').includes('5c6bb73b'), f.fix ?? '');
  });

  it('a sample value a case already holds (stored before) is dropped, not used', () => {
    const { context, diagnosis } = diagnoseInContext(fixture('irm-configuration', 'internal-disabled.txt'), {
      tenantUrl: 'https://5c6bb73b-1038-4eec-863d-49bded473437.rms.na.aadrm.com', testSender: 'admin@contoso.com',
    });
    assert.deepStrictEqual([context.tenantUrl, context.testSender], [undefined, undefined]);
    for (const f of diagnosis.findings) assert.ok(!(f.fix ?? '').includes('5c6bb73b'), f.fix ?? '');
  });

  it('a masked tenant GUID gives no fix built on it, and says why', () => {
    const masked = fixture('irm-configuration', 'seed-healthy.txt').split(GUID).join('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx');
    const d = diagnose(masked, { tenantUrl: `https://${GUID}.rms.na.aadrm.com` });
    assert.ok(d.findings.some((f) => f.id === 'input.placeholders' && /masked/.test(f.summary)), JSON.stringify(d.findings.map((f) => f.id)));
    for (const f of d.findings) assert.ok(!(f.fix ?? '').includes('xxxx'), f.fix ?? '');
  });

  it('no fix of any kind fixture ever contains a <placeholder>', () => {
    for (const [kind, name] of [
      ['irm-configuration', 'adrms-locations.txt'], ['irm-configuration', 'internal-disabled.txt'], ['irm-test', 'pass-aadrm.txt'],
      ['irm-test', 'sender-prompt.txt'], ['registry', 'missing-enterprise-publishing.txt'], ['connector-events', 'eventlog-list.txt'],
      ['certificate-check', 'revocation-offline.txt'], ['web-probe', 'browser-nxdomain.txt'],
    ] as const) {
      for (const f of diagnose(fixture(kind, name)).findings) assert.doesNotMatch(f.fix ?? '', /<[A-Za-z][^<>\n]{0,60}>/, `${kind}/${name} ${f.id}`);
    }
  });

  it('finishFix asks for unknown values first, guards every command, and refuses placeholders', () => {
    const fix = finishFix('reg add "HKLM\\X" /v "$TenantUrl" /d "$ConnectorUrl" /f\n# a note\nSet-IRMConfiguration -RefreshServerCertificates')!;
    const lines = fix.split('\n');
    assert.match(lines[0]!, /^\$TenantUrl = \(Read-Host /);
    assert.match(lines[1]!, /^if \(\$TenantUrl -notmatch '\^https:/);
    assert.match(lines[2]!, /^\$ConnectorUrl = \(Read-Host /);
    assert.deepStrictEqual(lines.slice(4), [
      'if ($TenantUrl -and $ConnectorUrl) { reg add "HKLM\\X" /v "$TenantUrl" /d "$ConnectorUrl" /f }',
      '# a note',
      'if ($TenantUrl -and $ConnectorUrl) { Set-IRMConfiguration -RefreshServerCertificates }',
    ]);
    assert.strictEqual(finishFix('Set-IRMConfiguration -InternalLicensingEnabled $true -Force'), 'Set-IRMConfiguration -InternalLicensingEnabled $true -Force');
    assert.strictEqual(finishFix('reg add "HKLM\\X" /ve /d "https://<your-tenant-id>.rms.aadrm.com" /f'), null);
    assert.strictEqual(finishFix('reg add "HKLM\\X" /ve /d "https://rmsconnector.contoso.com" /f'), null);
  });
});
