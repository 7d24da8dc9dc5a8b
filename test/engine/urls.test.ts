import assert from 'node:assert/strict';
import { isAzureRmsHost, isTenantHost, rmsCloudOf } from '../../src/engine/urls';
import { diagnose } from '../../src/engine/diagnose';
import { registry } from '../../src/engine/kinds/registry';
import { normalizePaste } from '../../src/engine/normalize';

describe('urls: Azure RMS hosts of every cloud', () => {
  it('recognises tenant URLs of the commercial, GCC, GCC High/DoD and 21Vianet clouds', () => {
    const cases: [string, string][] = [
      ['7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com', 'commercial'],
      ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.rms.eu.aadrm.com', 'commercial'],
      ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.rms.govus.aadrm.com', 'gcc'],
      ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.rms.aadrm.us', 'gcc-high-dod'],
      ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.rms.aadrm.cn', '21vianet'],
    ];
    for (const [host, cloud] of cases) {
      assert.ok(isTenantHost(host), host);
      assert.ok(isAzureRmsHost(host), host);
      assert.equal(rmsCloudOf(host), cloud, host);
    }
  });

  it('knows the service hosts (api.aadrm.*, aipservice / informationprotection) as Azure RMS but not as tenant URLs', () => {
    for (const host of ['api.aadrm.com', 'api.aadrm.us', 'admin.na.aadrm.com', 'x.aipservice.azure.com', 'x.informationprotection.azure.us', 'aadrm.azure.cn']) {
      assert.ok(isAzureRmsHost(host), host);
      assert.ok(!isTenantHost(host), host);
    }
    for (const host of ['rmsconnector.woodfin.com', 'aadrm.com.evil.example', 'rms.na.aadrm.com.example.net', 'notaadrm.com']) {
      assert.ok(!isAzureRmsHost(host), host);
      assert.equal(rmsCloudOf(host), undefined);
    }
  });

  it('a 21Vianet or GCC High tenant in the MSDRM keys is a tenant, not an "AD RMS cluster"', () => {
    for (const tld of ['cn', 'us']) {
      const t = `https://0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.rms.aadrm.${tld}`;
      const d = diagnose(`\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\Activation\n    (Default)    REG_SZ    ${t}/_wmcs/certification\n`);
      assert.equal(d.detected, 'registry');
      assert.ok(!d.findings.some((f) => f.id === 'registry.activation-wrong'), JSON.stringify(d.findings));
      assert.ok(d.findings.some((f) => f.id === 'registry.settings-ok'));
    }
  });

  it('does not take api.aadrm.com in the MSDRM keys as the tenant URL (nothing remembered, no fix built from it)', () => {
    const text = '\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\Activation\n    (Default)    REG_SZ    https://api.aadrm.com/_wmcs/certification\n';
    const parsed = registry.parse(normalizePaste(text).text);
    assert.equal(registry.contribute!(parsed.facts).tenantUrl, undefined);
    const real = registry.parse(normalizePaste(text.replace('api.aadrm.com', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.rms.aadrm.cn')).text);
    assert.equal(registry.contribute!(real.facts).tenantUrl, 'https://0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.rms.aadrm.cn');
  });
});
