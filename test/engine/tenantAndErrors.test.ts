// The two smaller kinds: the tenant configuration (where the tenant URL comes from) and PowerShell
// errors printed instead of the output we asked for.
import * as assert from 'assert';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { fixture } from '../helpers/fixtures';

const TENANT = 'https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com';

describe('rms-tenant-configuration', () => {
  it('reads the tenant URL from Get-AipServiceConfiguration', () => {
    const d = diagnose(fixture('rms-tenant-configuration', 'aipservice-fl.txt'));
    assert.strictEqual(d.detected, 'rms-tenant-configuration');
    assert.strictEqual(d.status, 'ok');
    assert.strictEqual(d.facts.tenantUrl, TENANT);
    assert.ok(d.findings.some((f) => f.id === 'tenant.url' && f.summary.includes(TENANT)));
  });

  it('joins a URL that a narrow console wrapped in the middle', () => {
    const wrapped = [
      'LicensingIntranetDistributionPointUrl    : https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com/_wmcs/lic',
      '                                           ensing',
      'FunctionalState                          : Enabled',
    ].join('\n');
    const d = diagnose(wrapped);
    assert.strictEqual(d.facts.licensingIntranetDistributionPointUrl, `${TENANT}/_wmcs/licensing`);
  });

  it('stays linear on a megabyte of wrapped continuation lines', () => {
    const lines = ['LicensingIntranetDistributionPointUrl    : https://x.rms.na.aadrm.com/' + 'a'.repeat(60)];
    for (let i = 0; i < 15000; i++) lines.push(`                                           ${'b'.repeat(60)}`);
    assert.strictEqual(diagnose(lines.join('\n')).detected, 'rms-tenant-configuration');
  });

  it('flags a service that is not activated (Get-AadrmConfiguration shape)', () => {
    const d = diagnose(fixture('rms-tenant-configuration', 'aadrm-disabled.txt'));
    assert.strictEqual(d.status, 'problem');
    const f = d.findings.find((x) => x.id === 'tenant.service-disabled');
    assert.strictEqual(f?.fix, 'Enable-AipService');
  });

  it('is linear on a megabyte of near-matching lines', () => {
    const d = diagnose('LicensingIntranetDistributionPointUrl    : https://x.rms.na.aadrm.com/_wmcs/licensing ' + 'a'.repeat(1 << 20));
    assert.strictEqual(d.detected, 'rms-tenant-configuration');
  });
});

describe('powershell-error', () => {
  it('an IRM cmdlet that is not recognised: wrong shell, wrong_input', () => {
    const d = diagnose(fixture('powershell-error', 'not-recognized.txt'));
    assert.strictEqual(d.detected, 'powershell-error');
    assert.strictEqual(d.status, 'wrong_input');
    assert.match(d.findings[0]!.detail ?? '', /Exchange Management Shell/);
  });

  it('an AIPService cmdlet that is not recognised: install the module', () => {
    const d = diagnose(fixture('powershell-error', 'aipservice-missing.txt'));
    assert.ok(d.findings.some((f) => f.id === 'ps.module-missing' && /Install-Module -Name AIPService/.test(f.fix ?? '')));
  });

  it('RmsVersionMismatchException: too old, with the documented minimums instead of the article\'s', () => {
    const d = diagnose(fixture('powershell-error', 'rms-version-mismatch.txt'));
    assert.strictEqual(d.status, 'problem');
    const f = d.findings.find((x) => x.id === 'ps.rms-version-mismatch');
    assert.match(f?.articleDiffers ?? '', /2010 SP3 RU6/);
  });

  it('access denied and a parameter prompt', () => {
    assert.ok(diagnose(fixture('powershell-error', 'access-denied.txt')).findings.some((f) => f.id === 'ps.access-denied'));
    const p = diagnose(fixture('powershell-error', 'get-exchangeserver-prompt.txt'));
    assert.strictEqual(p.status, 'incomplete');
    assert.ok(p.findings.some((f) => f.id === 'ps.parameter-prompt' && /Identity/.test(f.summary)));
  });
});

describe('facts from several pastes combine', () => {
  it('the tenant URL from Get-AipServiceConfiguration fills the registry fix of another paste', () => {
    const [, reg] = diagnoseAll([fixture('rms-tenant-configuration', 'aipservice-fl.txt'), fixture('registry', 'missing-enterprise-publishing.txt')]);
    const f = reg!.findings.find((x) => x.id === 'registry.enterprise-publishing-missing');
    assert.ok(f?.fix?.includes(`${TENANT}/_wmcs/licensing`), f?.fix ?? 'no fix');
  });

  it('the connector name from one server\'s registry fills the fix for a server whose redirection is not applied', () => {
    const alone = diagnose(fixture('irm-test', 'pass-aadrm.txt')).findings.find((x) => x.id === 'irmtest.redirection-not-applied');
    assert.ok(alone?.fix?.includes('/d "$ConnectorUrl"') && alone.fix.includes('$ConnectorUrl = (Read-Host'), 'without the registry the fix asks for the connector');
    const [, test] = diagnoseAll([fixture('registry', 'healthy-base-url.txt'), fixture('irm-test', 'pass-aadrm.txt')]);
    const f = test!.findings.find((x) => x.id === 'irmtest.redirection-not-applied');
    assert.ok(f?.fix?.includes('/d "https://rmsconnector.woodfin.com"'), f?.fix ?? 'no fix');
    assert.ok(f?.fix?.includes(`/v "${TENANT}"`));
  });
});
