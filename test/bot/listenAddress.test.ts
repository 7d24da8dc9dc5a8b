// Where the bot listens: with authentication off (no MicrosoftAppId) anyone who reaches the port
// can speak as any user, so it listens on loopback unless HOST says otherwise, and says so.
import * as assert from 'assert';
import { ConfigError, loadConfig } from '../../src/bot/config';
import { BotProcess } from '../helpers/botProcess';

const APP = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant' };

describe('listening address and helpdesk settings in the configuration', () => {
  it('no app id: 127.0.0.1 (local only); with an app id: all interfaces; HOST always wins', () => {
    assert.deepStrictEqual([loadConfig({}).host, loadConfig({}).localOnly], ['127.0.0.1', true]);
    assert.deepStrictEqual([loadConfig(APP).host, loadConfig(APP).localOnly], ['0.0.0.0', false]);
    assert.deepStrictEqual([loadConfig({ HOST: '0.0.0.0' }).host, loadConfig({ HOST: '0.0.0.0' }).localOnly], ['0.0.0.0', false]);
    assert.strictEqual(loadConfig({ ...APP, HOST: '10.1.2.3' }).host, '10.1.2.3');
  });

  it('HELPDESK_ADMINS takes Entra object ids; anything else is refused naming the variable', () => {
    assert.deepStrictEqual(loadConfig({ HELPDESK_ADMINS: ' 7D3C1F0A-0000-4000-8000-00000000A11C, 7d3c1f0a-0000-4000-8000-00000000a11c' }).helpdeskAdmins,
      ['7d3c1f0a-0000-4000-8000-00000000a11c']);
    assert.throws(() => loadConfig({ HELPDESK_ADMINS: 'alice@contoso.com' }), (e: Error) => e instanceof ConfigError && /HELPDESK_ADMINS/.test(e.message));
    assert.throws(() => loadConfig({ CONNECTOR_TIMEOUT_MS: '100' }), /CONNECTOR_TIMEOUT_MS/);
  });
});

describe('start-up with authentication off', function () {
  this.timeout(30000);
  // HOST empty: the default applies (the helper otherwise pins HOST to 127.0.0.1).
  const bot = new BotProcess({ HOST: '' });
  before(async () => { await bot.start(); });
  after(async () => { await bot.stop(); });

  it('listens on 127.0.0.1 and warns that it is local only', async () => {
    assert.match(bot.output, /IRM Doctor listening on http:\/\/127\.0\.0\.1:\d+\/api\/messages \(no MicrosoftAppId: authentication off\)/);
    assert.match(bot.output, /Warning: authentication is off \(no MicrosoftAppId\), so IRM Doctor listens on 127\.0\.0\.1 only/);
    assert.strictEqual((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status, 200);
  });
});
