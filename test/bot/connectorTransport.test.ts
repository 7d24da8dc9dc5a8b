// botbuilder's CloudAdapter over our connector transport, against a fake Bot Connector on loopback:
// who retries a failed call, how often, and how long it waits. Waits go through an injected sleep
// that records them, so nothing here really waits and the waits themselves are asserted.
import * as assert from 'assert';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { connectorClientOptions, type ConnectorRetry } from '../../src/bot/connectorTransport';
import { outsideTurn, withTurnDeadline } from '../../src/bot/connectorBudget';
import { FakeConnector, type ConnectorCall } from '../helpers/fakeConnector';

describe('connector transport: one owner for retries and waits', function () {
  this.timeout(10000);
  const connector = new FakeConnector();
  let n = 0;
  before(async () => { await connector.start(); });
  after(async () => { await connector.stop(); });
  afterEach(() => connector.clearFailures());

  /** An adapter whose transport sleeps only on paper; `slept` lists the waits it asked for. */
  function adapter(perCallMs = 10000, retry: Partial<ConnectorRetry> = {}): { adapter: CloudAdapter; slept: number[]; logged: string[] } {
    const slept: number[] = [];
    const logged: string[] = [];
    const options = connectorClientOptions(perCallMs, { random: () => 1, sleep: async (ms) => { slept.push(ms); }, ...retry }, (line) => logged.push(line));
    const auth = new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, options);
    return { adapter: new CloudAdapter(auth), slept, logged };
  }

  /** Sends one message into a fresh conversation; the conversation id and the error, if any. */
  async function send(a: CloudAdapter): Promise<{ conversationId: string; error: (Error & { statusCode?: number; retryAfter?: string | null }) | null }> {
    const conversationId = `a:transport-${++n}`;
    const ref: Partial<ConversationReference> = { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: conversationId } as never, bot: { id: 'bot', name: 'IRM Doctor' } };
    let error = null;
    await a.continueConversationAsync(new ClaimsIdentity([], true) as never, ref, async (ctx) => {
      try {
        await ctx.sendActivity('hello');
      } catch (e) {
        error = e;
      }
    });
    return { conversationId, error };
  }
  const postsTo = (conversationId: string): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId);
  const toEvery = (c: ConnectorCall): boolean => c.method === 'POST';

  it('in a turn, a reply answered 503 twice is sent on the third try after jittered back-off (1 s, 2 s)', async () => {
    const { adapter: a, slept } = adapter();
    connector.failNext(2, 503, {}, toEvery);
    const { conversationId, error } = await withTurnDeadline(13000, () => send(a));
    assert.strictEqual(error, null);
    assert.strictEqual(postsTo(conversationId).length, 3);
    assert.deepStrictEqual(slept, [1000, 2000]);
    assert.strictEqual(connector.activities(conversationId).length, 1);
  });

  it('in a turn, a reply that keeps failing is tried 3 times in all: the SDK adds no retries of its own', async () => {
    const { adapter: a, slept } = adapter();
    connector.failNext(50, 503, {}, toEvery);
    const { conversationId, error } = await withTurnDeadline(13000, () => send(a));
    assert.strictEqual(error?.statusCode, 503, String(error));
    assert.match(error!.message, /POST \/v3\/conversations\/\S+\/activities\S*: the Bot Connector answered HTTP 503/);
    assert.strictEqual(postsTo(conversationId).length, 3);
    assert.deepStrictEqual(slept, [1000, 2000]);
  });

  it('in a turn, a 429 with Retry-After is waited as asked when the turn has the time', async () => {
    const { adapter: a, slept } = adapter();
    connector.failNext(1, 429, { 'Retry-After': '2' }, toEvery);
    const { conversationId, error } = await withTurnDeadline(13000, () => send(a));
    assert.strictEqual(error, null);
    assert.deepStrictEqual(slept, [2000]);
    assert.strictEqual(postsTo(conversationId).length, 2);
  });

  it('in a turn, a Retry-After past the turn deadline is not waited: one try, the 429 reaches the caller', async () => {
    const { adapter: a, slept, logged } = adapter();
    connector.failNext(1, 429, { 'Retry-After': '120' }, toEvery);
    const { conversationId, error } = await withTurnDeadline(13000, () => send(a));
    assert.strictEqual(error?.statusCode, 429);
    assert.deepStrictEqual(slept, []);
    assert.strictEqual(postsTo(conversationId).length, 1);
    assert.match(logged.join('\n'), /HTTP 429 asked to wait 120 s, past this call's time budget; not waiting/);
  });

  it('outside a turn, one attempt: the error carries the status and Retry-After for the proactive sender', async () => {
    const { adapter: a, slept } = adapter();
    connector.failNext(1, 429, { 'Retry-After': '7' }, toEvery);
    const { conversationId, error } = await outsideTurn(() => send(a));
    assert.strictEqual(error?.statusCode, 429);
    assert.strictEqual(error?.retryAfter, '7');
    assert.strictEqual(postsTo(conversationId).length, 1);
    assert.deepStrictEqual(slept, []);
  });

  it('a 403 is not retried and comes back as the SDK\'s own error', async () => {
    const { adapter: a, slept } = adapter();
    connector.failNext(1, 403, {}, toEvery);
    const { conversationId, error } = await withTurnDeadline(13000, () => send(a));
    assert.strictEqual(error?.statusCode, 403);
    assert.strictEqual(error?.name, 'RestError');
    assert.strictEqual(postsTo(conversationId).length, 1);
    assert.deepStrictEqual(slept, []);
  });

  it('CONNECTOR_RETRY_BASE_MS scales the back-off (0: retries at once)', async () => {
    const { adapter: a, slept } = adapter(10000, { baseMs: 0 });
    connector.failNext(2, 502, {}, toEvery);
    const { error } = await withTurnDeadline(13000, () => send(a));
    assert.strictEqual(error, null);
    assert.deepStrictEqual(slept, [0, 0]);
  });
});
