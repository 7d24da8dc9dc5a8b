import * as assert from 'assert';
import { fillPlaceholders, TEST_SENDER_PLACEHOLDER } from '../../src/cards/fillPlaceholders';
import { CONNECTOR_PLACEHOLDER, TENANT_PLACEHOLDER } from '../../src/engine/fixes';

const cmd = 'reg add "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\{{registryVersion}}\\IRM\\LicenseServerRedirection" /v "{{tenantUrl}}" /d "{{ connectorUrl }}"\nTest-IRMConfiguration -Sender {{testSender}}';

describe('fillPlaceholders', () => {
  it("fills the admin's values", () => {
    const out = fillPlaceholders(cmd, {
      tenantUrl: 'https://t.rms.eu.aadrm.com',
      connectorUrl: 'https://rmsconnector.woodfin.com',
      exchangeRegistryVersion: 'v14',
      testSender: 'admin@woodfin.com',
    });
    assert.strictEqual(
      out,
      'reg add "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v14\\IRM\\LicenseServerRedirection" /v "https://t.rms.eu.aadrm.com" /d "https://rmsconnector.woodfin.com"\nTest-IRMConfiguration -Sender admin@woodfin.com',
    );
  });

  it('uses readable placeholders for what is not known', () => {
    const out = fillPlaceholders(cmd, {});
    assert.ok(out.includes(`\\v15\\IRM`));
    assert.ok(out.includes(`/v "${TENANT_PLACEHOLDER}" /d "${CONNECTOR_PLACEHOLDER}"`));
    assert.ok(out.endsWith(`-Sender ${TEST_SENDER_PLACEHOLDER}`));
  });

  it('inserts values literally ($ patterns, backslashes) and leaves unknown names visible', () => {
    assert.strictEqual(fillPlaceholders('{{testSender}} {{unknown}} $true', { testSender: "$&$1\\o'brien@x" }), "$&$1\\o'brien@x {{unknown}} $true");
  });
});
