import * as assert from 'assert';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { irmConfiguration } from '../../src/engine/kinds/irmConfiguration';
import type { IrmConfigurationFacts } from '../../src/engine/parsers/irmConfiguration';
import type { Diagnosis } from '../../src/engine/types';
import { fixture } from '../helpers/fixtures';

const TENANT = 'https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com';
const load = (name: string): string => fixture('irm-configuration', name);
const ids = (d: Diagnosis): string[] => d.findings.map((f) => f.id);
const facts = (d: Diagnosis): IrmConfigurationFacts => d.facts as unknown as IrmConfigurationFacts;
const find = (d: Diagnosis, id: string) => {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected ${id} in ${ids(d).join(', ')}`);
  return f;
};

describe('irm-configuration: Format-List', () => {
  it('reads the seed-style list (colon at 30) as healthy and says to check the registry next', () => {
    const d = diagnose(load('seed-healthy.txt'));
    assert.strictEqual(d.detected, 'irm-configuration');
    assert.strictEqual(d.status, 'ok');
    assert.strictEqual(facts(d).format, 'list');
    assert.strictEqual(facts(d).InternalLicensingEnabled, true);
    assert.strictEqual(facts(d).ExternalLicensingEnabled, false);
    assert.strictEqual(facts(d).TransportDecryptionSetting, 'Optional');
    assert.deepStrictEqual(facts(d).LicensingLocation, [`${TENANT}/_wmcs/licensing`]);
    assert.deepStrictEqual(ids(d), ['irmconfig.settings-ok']);
    assert.match(d.next, /reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation"/);
  });

  it('reads every field with a blank line between properties; blank locations are normal on-prem', () => {
    const d = diagnose(load('fl-every-field-blank-lines.txt'));
    assert.strictEqual(d.status, 'ok');
    const f = facts(d);
    assert.strictEqual(f.ServiceLocation, null);
    assert.strictEqual(f.PublishingLocation, null);
    assert.strictEqual(f.EDiscoverySuperUserEnabled, true);
    assert.strictEqual(f.InternetConfidentialEnabled, false);
    // Standard AD fields are kept as text; a wrapped value is rejoined without a stray space.
    assert.strictEqual(f.other['Name'], 'ControlPoint Config');
    assert.match(f.other['DistinguishedName']!, /CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com$/);
    assert.deepStrictEqual(ids(d).sort(), ['irmconfig.location-blank', 'irmconfig.settings-ok']);
    assert.strictEqual(find(d, 'irmconfig.location-blank').severity, 'info');
  });

  it('rejoins a LicensingLocation wrapped mid-URL and records that "..." cut the list', () => {
    const d = diagnose(load('fl-wrapped-truncated.txt'));
    const f = facts(d);
    assert.deepStrictEqual(f.LicensingLocation, [
      'https://adrms.woodfin.com/_wmcs/licensing',
      `${TENANT}/_wmcs/licensing`,
      'https://adrms-dr.woodfin.com/_wmcs/licensing',
      'https://rms.fernhill.com/_wmcs/licensing',
    ]);
    assert.strictEqual(f.licensingLocationTruncated, true);
    assert.ok(!ids(d).includes('irmconfig.licensing-location-not-tenant'));
  });

  it('a cut list without the tenant asks for the full list instead of calling it wrong', () => {
    const text = load('seed-healthy.txt').replace(/LicensingLocation .*/, 'LicensingLocation              : {https://a.woodfin.com/_wmcs/licensing, https://b.woodfin.com/_wmcs/licensing...}');
    const d = diagnose(text);
    assert.ok(ids(d).includes('irmconfig.licensing-location-truncated'));
    assert.ok(!ids(d).includes('irmconfig.licensing-location-not-tenant'));
    assert.ok(!ids(d).includes('irmconfig.settings-ok'));
  });

  it('InternalLicensingEnabled False and an empty LicensingLocation are problems with filled-in fixes', () => {
    const d = diagnose(load('internal-disabled.txt'), { tenantUrl: TENANT });
    assert.strictEqual(d.status, 'problem');
    assert.strictEqual(find(d, 'irmconfig.internal-licensing-disabled').fix, 'Set-IRMConfiguration -InternalLicensingEnabled $true -Force');
    const loc = find(d, 'irmconfig.licensing-location-missing');
    assert.strictEqual(loc.severity, 'problem');
    assert.strictEqual(loc.fix, `Set-IRMConfiguration -LicensingLocation @("${TENANT}/_wmcs/licensing")`);
    assert.match(d.next, /Test-IRMConfiguration -Sender/);
  });

  it('AD RMS locations: registry fix with both MSDRM keys, tenant URL first in LicensingLocation', () => {
    const d = diagnose(load('adrms-locations.txt'), { tenantUrl: TENANT });
    const loc = find(d, 'irmconfig.location-not-tenant');
    assert.strictEqual(loc.seedStep, 'A4b');
    assert.match(loc.fix!, /MSDRM\\ServiceLocation\\Activation" \/ve \/t REG_SZ \/d "https:\/\/7e1d2c3b[^"]*\/_wmcs\/certification"/);
    assert.match(loc.fix!, /MSDRM\\ServiceLocation\\EnterprisePublishing" \/ve \/t REG_SZ \/d "https:\/\/7e1d2c3b[^"]*\/_wmcs\/licensing"/);
    assert.match(loc.fix!, /RefreshServerCertificates/);
    assert.match(loc.articleDiffers!, /cannot be set with Set-IRMConfiguration on-premises/);
    assert.match(loc.articleDiffers!, /EnterprisePublishing/);
    const lic = find(d, 'irmconfig.licensing-location-not-tenant');
    assert.strictEqual(lic.fix, `Set-IRMConfiguration -LicensingLocation @("${TENANT}/_wmcs/licensing", "https://adrms.woodfin.com/_wmcs/licensing")`);
    assert.match(lic.detail!, /migration/);
  });

  it('without a known tenant the fix asks for the URL, checks it, and runs only with it (no <placeholder>)', () => {
    const d = diagnose(load('adrms-locations.txt'));
    const fix = find(d, 'irmconfig.licensing-location-not-tenant').fix!;
    assert.ok(fix.includes('if ($TenantUrl) { Set-IRMConfiguration -LicensingLocation @("$TenantUrl/_wmcs/licensing"'), fix);
    assert.match(fix, /\$TenantUrl -notmatch '\^https:/);
    assert.doesNotMatch(fix, /<[a-z-]+>/);
    assert.match(fix, /Get-AipServiceConfiguration/);
  });

  it('a LicensingLocation of another tenant is not accepted once the tenant is known', () => {
    const other = 'https://11111111-2222-3333-4444-555555555555.rms.eu.aadrm.com';
    const d = diagnose(load('seed-healthy.txt').split(TENANT).join(other), { tenantUrl: TENANT });
    assert.ok(ids(d).includes('irmconfig.licensing-location-not-tenant'));
    assert.ok(ids(d).includes('irmconfig.location-not-tenant'));
  });

  it('tab-indented, CRLF, odd-cased booleans: three flags wrong, journal/search/transport any value', () => {
    const d = diagnose(load('flags-wrong-crlf.txt'));
    assert.strictEqual(d.detected, 'irm-configuration');
    assert.deepStrictEqual(ids(d).filter((i) => i !== 'irmconfig.location-blank').sort(), [
      'irmconfig.client-access-disabled',
      'irmconfig.ediscovery-superuser-disabled',
      'irmconfig.external-licensing-enabled',
    ]);
    assert.strictEqual(find(d, 'irmconfig.external-licensing-enabled').severity, 'warning');
    assert.strictEqual(find(d, 'irmconfig.client-access-disabled').fix, 'Set-IRMConfiguration -ClientAccessServerEnabled $true');
  });

  it('the seed list pasted through Teams as HTML reads the same', () => {
    const html = '<div><pre>' + load('seed-healthy.txt').split('\n').map((l) => l.replace(/ /g, '&nbsp;')).join('<br>') + '</pre></div>';
    const d = diagnose(html);
    assert.strictEqual(d.detected, 'irm-configuration');
    assert.deepStrictEqual(ids(d), ['irmconfig.settings-ok']);
  });

  it('a partial list (| fl InternalLicensingEnabled) is incomplete but still judged', () => {
    const d = diagnose('InternalLicensingEnabled : False');
    assert.strictEqual(d.detected, 'irm-configuration');
    assert.strictEqual(d.status, 'problem');
    assert.ok(ids(d).includes('irmconfig.fields-missing'));
    const ok = diagnose('InternalLicensingEnabled : True\nExternalLicensingEnabled : False');
    assert.strictEqual(ok.status, 'incomplete');
    assert.ok(!ids(ok).includes('irmconfig.settings-ok'));
  });
});

describe('irm-configuration: other shapes', () => {
  it('Exchange Online output (colon at 46, blank lines) is wrong_input with an explanation', () => {
    const d = diagnose(load('exo-width46.txt'));
    assert.strictEqual(d.detected, 'irm-configuration');
    assert.strictEqual(d.status, 'wrong_input');
    assert.deepStrictEqual(ids(d), ['irmconfig.exchange-online']);
    assert.strictEqual(facts(d).environment, 'exchange-online');
    assert.match(find(d, 'irmconfig.exchange-online').summary, /Exchange Online/);
    assert.match(d.next, /on-premises Exchange Management Shell/);
  });

  it('Format-Table output is recognised and asks for | fl', () => {
    const d = diagnose(load('table.txt'));
    assert.strictEqual(d.detected, 'irm-configuration');
    assert.strictEqual(d.status, 'incomplete');
    assert.strictEqual(facts(d).format, 'table');
    const t = find(d, 'irmconfig.table-format');
    assert.strictEqual(t.severity, 'info');
    assert.strictEqual(t.fix, 'Get-IRMConfiguration | fl');
  });

  it('ConvertTo-Json: booleans, Uri objects, the enum as a number', () => {
    const d = diagnose(load('convertto-json.json'));
    assert.strictEqual(d.detected, 'irm-configuration');
    const f = facts(d);
    assert.strictEqual(f.format, 'json');
    assert.strictEqual(f.InternalLicensingEnabled, false);
    assert.strictEqual(f.TransportDecryptionSetting, 'Optional');
    assert.deepStrictEqual(f.LicensingLocation, [`${TENANT}/_wmcs/licensing`, 'https://adrms.woodfin.com/_wmcs/licensing']);
    assert.ok(ids(d).includes('irmconfig.internal-licensing-disabled'));
  });

  it('ConvertTo-Json with plain strings, and JSON that was cut off', () => {
    const json = JSON.stringify({
      InternalLicensingEnabled: true, ExternalLicensingEnabled: false, JournalReportDecryptionEnabled: true, ClientAccessServerEnabled: true,
      SearchEnabled: true, TransportDecryptionSetting: 'Mandatory', EDiscoverySuperUserEnabled: true, ServiceLocation: '', PublishingLocation: null,
      LicensingLocation: [`${TENANT}/_wmcs/licensing`],
    });
    const d = diagnose(json);
    assert.strictEqual(facts(d).TransportDecryptionSetting, 'Mandatory');
    assert.ok(ids(d).includes('irmconfig.settings-ok'));
    const cut = diagnose(json.slice(0, 120));
    assert.strictEqual(cut.detected, 'irm-configuration');
    assert.strictEqual(cut.status, 'incomplete');
    assert.deepStrictEqual(ids(cut), ['irmconfig.json-unreadable']);
  });

  it('contributes internalLicensingEnabled and the tenant origin, which fill other fixes', () => {
    const healthy = irmConfiguration.parse(load('seed-healthy.txt').trim());
    assert.deepStrictEqual(irmConfiguration.contribute!(healthy.facts), { internalLicensingEnabled: true, tenantUrl: TENANT });
    const [cfg, other] = diagnoseAll([load('fl-every-field-blank-lines.txt'), load('adrms-locations.txt')]);
    assert.strictEqual(cfg!.status, 'ok');
    assert.ok(find(other!, 'irmconfig.location-not-tenant').fix!.includes(`${TENANT}/_wmcs/certification`));
  });

  it('findingIds lists every id the module emitted', () => {
    for (const name of ['seed-healthy.txt', 'fl-every-field-blank-lines.txt', 'fl-wrapped-truncated.txt', 'internal-disabled.txt', 'adrms-locations.txt',
      'flags-wrong-crlf.txt', 'exo-width46.txt', 'table.txt', 'convertto-json.json']) {
      for (const id of ids(diagnose(load(name)))) assert.ok(irmConfiguration.findingIds.includes(id), `${id} from ${name}`);
    }
  });

  it('1 MB of near-matching property lines and one 1 MB line complete', () => {
    const near = 'InternalLicensingEnabled' + ' '.repeat(70) + ':' + ' True'.repeat(30) + '\n';
    for (const raw of [near.repeat(Math.ceil((1024 * 1024) / near.length)), `LicensingLocation : {${'https://a.woodfin.com/x, '.repeat(42000)}`,
      'InternalLicensingEnabled : True\n' + ' '.repeat(40) + 'x'.repeat(1024 * 1024), '{"InternalLicensingEnabled": ' + '['.repeat(200000)]) {
      const d = diagnose(raw);
      assert.ok(typeof d.next === 'string');
    }
  });
});
