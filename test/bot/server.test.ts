// The real server process, spoken to over HTTP through a fake Bot Connector on loopback.
import * as assert from 'assert';
import { describeEachHost } from '../helpers/botHosts';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector } from '../helpers/fakeConnector';
import { membersAdded, message, visibleText, type ActivityOptions } from '../helpers/activities';
import { ChatDriver } from '../helpers/chatDriver';
import { fixture } from '../helpers/fixtures';

describeEachHost('bot server over HTTP (minimal edge)', function (host) {
  this.timeout(30000);
  const connector = new FakeConnector();
  const bot = new BotProcess({ BOT_HOST: host });
  let conv = 0;
  const nextConv = (): string => `a:conv-${++conv}`;

  before(async () => {
    await connector.start();
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
  });

  /** One message in a conversation of its own (these tests look at the first reply to a message). */
  const say = (conversationId: string, o: Partial<ActivityOptions>): Promise<Record<string, unknown>[]> =>
    new ChatDriver(() => bot, connector, conversationId).say(o.text ?? '', o);

  it('answers GET /healthz', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    assert.strictEqual(res.status, 200);
    assert.deepStrictEqual(await res.json(), { status: 'ok' });
  });

  it('greets on install with the two symptoms', async () => {
    const c = nextConv();
    await bot.post(membersAdded({ serviceUrl: connector.url, conversationId: c }));
    const [greeting] = await connector.waitForActivities(c, 1);
    assert.match(visibleText(greeting!), /Users cannot use Exchange IRM features, like OWA/);
    assert.match(visibleText(greeting!), /cannot enable the IRM integration/i);
  });

  it('greets on "hello"', async () => {
    const [reply] = await say(nextConv(), { text: 'hello' });
    assert.match(visibleText(reply!), /What is the problem\?/);
  });

  it('diagnoses a pasted Get-IRMConfiguration and answers with the fix', async () => {
    const [reply] = await say(nextConv(), { text: fixture('bot', 'irmconfig-licensing-off.txt') });
    const text = visibleText(reply!);
    assert.match(text, /Get-IRMConfiguration output/);
    assert.ok(text.includes('Set-IRMConfiguration -InternalLicensingEnabled $true'), text);
  });

  it('reads a paste that Teams sent as HTML, with an @mention in a channel', async () => {
    const raw = fixture('bot', 'irmconfig-licensing-off.txt');
    const html = `<p><at>IRM Doctor</at></p><pre>${raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</pre>`;
    const [reply] = await say(nextConv(), { text: '<at>IRM Doctor</at> garbled', html, conversationType: 'channel' });
    assert.ok(visibleText(reply!).includes('Set-IRMConfiguration -InternalLicensingEnabled $true'), visibleText(reply!));
  });

  it('says clearly when a short message is not command output', async () => {
    const [reply] = await say(nextConv(), { text: 'my OWA is broken, please help??' });
    assert.match(visibleText(reply!), /could not recognise/);
  });

  it('answers binary garbage with a clear message', async () => {
    const garbage = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 31 + 1)).join('');
    const [reply] = await say(nextConv(), { text: garbage });
    assert.match(visibleText(reply!), /binary data|not recognise/i);
  });

  it('answers a 10 MB paste, saying it read only part of it, and stays up', async () => {
    const big = 'x'.repeat(1024) + '\n';
    const text = big.repeat(10 * 1024);
    const replies = await say(nextConv(), { text });
    assert.match(visibleText(replies[0]!), /first 5 MB/);
    const res = await fetch(`${bot.url}/healthz`);
    assert.strictEqual(res.status, 200);
  });

  it('rejects malformed requests with 400 and keeps serving', async () => {
    const bad = await bot.postRaw('{"type": "message", "text": ');
    assert.ok(bad.status >= 400 && bad.status < 500, `status ${bad.status}`);
    const notActivity = await bot.postRaw('[1,2,3]');
    assert.strictEqual(notActivity.status, 400);
    const [reply] = await say(nextConv(), { text: 'hello' });
    assert.match(visibleText(reply!), /IRM Doctor/);
  });

  it('answers what each host legitimately does differently: a wrong-shaped field, and a bad token with no app id', async () => {
    const c = nextConv();
    const wrongShape = await bot.post({ ...message({ serviceUrl: connector.url, conversationId: c, text: 'hello' }), from: 42 });
    const badToken = await bot.post(message({ serviceUrl: connector.url, conversationId: nextConv(), text: 'hello' }), { authorization: 'Bearer not.a.jwt' });
    if (host === 'agents') {
      // The Agents SDK validates the activity's schema, and checks a token whenever one is sent.
      assert.strictEqual(wrongShape.status, 400, wrongShape.body);
      assert.match(wrongShape.body, /from/);
      assert.strictEqual(badToken.status, 401);
    } else {
      // botbuilder with no app id accepts both (authentication is off; the turn copes with the odd field).
      assert.strictEqual(wrongShape.status, 200, wrongShape.body);
      assert.strictEqual(badToken.status, 200);
    }
  });

  it('refuses a body over the size cap with 413', async () => {
    const res = await bot.postRaw(JSON.stringify({ type: 'message', text: 'y'.repeat(17 * 1024 * 1024) }));
    assert.strictEqual(res.status, 413);
  });
});

describeEachHost('bot server with MicrosoftAppId set', function (host) {
  this.timeout(30000);
  const bot = new BotProcess({ BOT_HOST: host, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' });
  before(async () => { await bot.start(); });
  after(async () => { await bot.stop(); });

  it('refuses a request with no Authorization header (401)', async () => {
    const res = await bot.post(message({ serviceUrl: 'http://127.0.0.1:9/', text: 'hello' }));
    assert.strictEqual(res.status, 401);
  });

  it('refuses a garbage bearer token (401)', async () => {
    const res = await bot.post(message({ serviceUrl: 'http://127.0.0.1:9/', text: 'hello' }), { authorization: 'Bearer not.a.jwt' });
    assert.strictEqual(res.status, 401);
  });
});

for (const [appType, extra] of [
  ['SingleTenant', { MicrosoftAppPassword: 'not-a-real-secret' }],
  ['UserAssignedMSI', {}],
] as const) {
  describeEachHost(`bot server as a ${appType} bot`, function (host) {
    this.timeout(30000);
    const bot = new BotProcess({ BOT_HOST: host, MicrosoftAppId: '00000000-0000-0000-0000-000000000002', MicrosoftAppType: appType, MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111', ...extra });
    before(async () => { await bot.start(); });
    after(async () => { await bot.stop(); });

    it('starts, and refuses requests without a valid Bot Framework token (401)', async () => {
      assert.strictEqual((await bot.post(message({ serviceUrl: 'http://127.0.0.1:9/', text: 'hello' }))).status, 401);
      assert.strictEqual((await bot.post(message({ serviceUrl: 'http://127.0.0.1:9/', text: 'hello' }), { authorization: 'Bearer x.y.z' })).status, 401);
    });
  });
}
