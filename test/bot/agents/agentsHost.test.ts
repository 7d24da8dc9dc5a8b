// BOT_HOST=agents: the real bot process on the Microsoft 365 Agents SDK, spoken to over HTTP through
// the fake Bot Connector: what is specific to this host (start-up line, schema 400s, token checks).
// The conversation itself is covered on both hosts by the HTTP suites (test/helpers/botHosts.ts).
import * as assert from 'assert';
import { ConfigError, loadConfig } from '../../../src/bot/config';
import { BotProcess } from '../../helpers/botProcess';
import { FakeConnector } from '../../helpers/fakeConnector';
import { membersAdded, message, visibleText } from '../../helpers/activities';

/** A slow machine can take a while to load a second SDK; start-up time is not what these tests measure. */
const START_MS = 60000;

/** A fake connector and the agents-host bot process with `env`, started before the suite's tests and stopped after them. */
function agentsBot(env: Record<string, string> = {}): { connector: FakeConnector; bot: BotProcess } {
  const connector = new FakeConnector();
  const bot = new BotProcess({ BOT_HOST: 'agents', ...env });
  before(async () => {
    await connector.start();
    await bot.start(START_MS);
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
  });
  return { connector, bot };
}

describe('config: BOT_HOST', () => {
  it('defaults to botbuilder and accepts agents in any case', () => {
    assert.strictEqual(loadConfig({}).botHost, 'botbuilder');
    assert.strictEqual(loadConfig({ BOT_HOST: 'Agents' }).botHost, 'agents');
  });

  it('refuses an unknown host, naming the variable and the choices', () => {
    assert.throws(() => loadConfig({ BOT_HOST: 'agent' }), (e: Error) => e instanceof ConfigError && /BOT_HOST must be one of botbuilder, agents/.test(e.message));
  });
});

describe('BOT_HOST=agents over HTTP (Microsoft 365 Agents SDK host)', function () {
  this.timeout(START_MS + 30000);
  const { connector, bot } = agentsBot();

  it('says at start-up that it runs on the Agents SDK host', () => {
    assert.match(bot.output, /listening on http:\/\/127\.0\.0\.1:\d+\/api\/messages .*on the Microsoft 365 Agents SDK host/);
  });

  it('answers GET /healthz', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    assert.strictEqual(res.status, 200);
    assert.deepStrictEqual(await res.json(), { status: 'ok' });
  });

  it('greets on install with the welcome card and its two symptoms, as a reply in that conversation', async () => {
    const install = membersAdded({ serviceUrl: connector.url, conversationId: 'a:agents-1' });
    const res = await bot.post(install);
    assert.strictEqual(res.status, 200, res.body);
    const [greeting] = await connector.waitForActivities('a:agents-1', 1);
    assert.match(visibleText(greeting!), /Users cannot use Exchange IRM features, like OWA/);
    assert.match(visibleText(greeting!), /cannot enable the IRM integration/i);
    assert.strictEqual((greeting!.attachments as { contentType: string }[])[0]!.contentType, 'application/vnd.microsoft.card.adaptive');
    const call = connector.calls.find((c) => c.conversationId === 'a:agents-1')!;
    assert.strictEqual(call.activityId, install.id, 'the greeting replies to the install activity');
  });

  it('answers "hello" with the welcome card', async () => {
    const res = await bot.post(message({ serviceUrl: connector.url, conversationId: 'a:agents-2', text: 'hello' }));
    assert.strictEqual(res.status, 200, res.body);
    const [reply] = await connector.waitForActivities('a:agents-2', 1);
    assert.match(visibleText(reply!), /What is the problem\?/);
  });

  it('refuses an activity of the wrong shape with a 400 naming the field, and nothing reaches the connector', async () => {
    const activity = { ...message({ serviceUrl: connector.url, conversationId: 'a:agents-3', text: 'hello' }), from: 42 };
    const res = await bot.post(activity);
    assert.strictEqual(res.status, 400);
    assert.match(JSON.parse(res.body).error, /^The activity is malformed: from: /);
    assert.ok(!connector.calls.some((c) => c.conversationId === 'a:agents-3'));
  });

  it('refuses a body that is not an activity with a clear 400, and stays up', async () => {
    const res = await bot.postRaw('[1, 2, 3]');
    assert.strictEqual(res.status, 400);
    assert.match(res.body, /must be a Bot Framework activity/);
    assert.strictEqual((await fetch(`${bot.url}/healthz`)).status, 200);
  });
});

describe('BOT_HOST=agents with an app id (authentication on)', function () {
  this.timeout(START_MS + 30000);
  const { connector, bot } = agentsBot({
    MicrosoftAppId: '6f3d2a10-8b1c-4e5f-9d7a-2c4b6e8f0a13',
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: '0b7e1c52-4f0e-4d0a-9a43-3c2f1a9e8d11',
  });

  it('refuses a request without a token (401) and a forged one, and sends nothing to the connector', async () => {
    const noToken = await bot.post(message({ serviceUrl: connector.url, conversationId: 'a:auth-1', text: 'hello' }));
    assert.strictEqual(noToken.status, 401, noToken.body);
    const forged = await bot.post(message({ serviceUrl: connector.url, conversationId: 'a:auth-1', text: 'hello' }), { authorization: 'Bearer not.a.token' });
    assert.strictEqual(forged.status, 401, forged.body);
    // The refusals did not take the server down.
    assert.strictEqual((await fetch(`${bot.url}/healthz`)).status, 200);
    assert.deepStrictEqual(connector.calls, []);
  });
});
