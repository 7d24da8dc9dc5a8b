// ProactiveSender over a transport that fails the way connectorTransport.ts reports failures
// (ConnectorHttpError: status and Retry-After, thrown after one attempt outside a turn): the sender
// is the only retry of a proactive send, so its attempts and waits are what Teams sees.
import * as assert from 'assert';
import { ProactiveSender, type ProactiveTransport } from '../../src/bot/proactive/proactiveSender';
import { RateLimiter } from '../../src/bot/proactive/rateLimiter';
import { ConnectorHttpError } from '../../src/bot/connectorTransport';
import { backoffMs } from '../../src/engine/reminders/backoff';
import type { ConversationRef } from '../../src/dialogs/conversationRef';

const REF = { serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', conversationId: 'a:1', botId: 'bot' } as ConversationRef;

/** A transport whose sends fail with the given errors in turn, then succeed; `tries` counts attempts. */
function failing(errors: Error[]): ProactiveTransport & { tries: number } {
  const t = {
    tries: 0,
    async send(): Promise<string | null> {
      const e = errors[t.tries++];
      if (e) throw e;
      return 'activity-1';
    },
    async update(): Promise<void> {},
    async createThread(): Promise<string> { return ''; },
  };
  return t;
}

function sender(transport: ProactiveTransport, slept: number[], maxWaitMs?: number): ProactiveSender {
  const limiter = new RateLimiter(() => 0, async () => undefined);
  return new ProactiveSender(transport, limiter, {
    maxAttempts: 3,
    backoffMs: (attempt, retryAfter) => backoffMs(attempt, retryAfter, () => 1, new Date(0)),
    sleep: async (ms) => { slept.push(ms); },
    ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
  });
}

describe('proactive sender: the one retry of a proactive send', () => {
  const http = (status: number, retryAfter: string | null = null): Error => new ConnectorHttpError('POST /v3/conversations/a:1/activities', status, retryAfter);

  it('waits what Teams asks (Retry-After) between tries, and delivers on the third', async () => {
    const slept: number[] = [];
    const t = failing([http(429, '3'), http(429, '4')]);
    const out = await sender(t, slept).send(REF, { text: 'hi' });
    assert.deepStrictEqual(out, { ok: true, activityId: 'activity-1', attempts: 3 });
    assert.deepStrictEqual(slept, [3000, 4000]);
  });

  it('a 503 without Retry-After backs off 1 s, then 2 s, and gives up after 3 tries, not permanently', async () => {
    const slept: number[] = [];
    const t = failing([http(503), http(503), http(503), http(503)]);
    const out = await sender(t, slept).send(REF, { text: 'hi' });
    assert.strictEqual(t.tries, 3);
    assert.deepStrictEqual(slept, [1000, 2000]);
    assert.deepStrictEqual({ ok: out.ok, permanent: !out.ok && out.permanent, status: !out.ok && out.status }, { ok: false, permanent: false, status: 503 });
  });

  it('a 403 (the bot was removed) is permanent after one try', async () => {
    const slept: number[] = [];
    const t = failing([http(403)]);
    const out = await sender(t, slept).send(REF, { text: 'hi' });
    assert.strictEqual(t.tries, 1);
    assert.deepStrictEqual(slept, []);
    assert.strictEqual(!out.ok && out.permanent, true);
  });

  it('a Retry-After longer than the longest wait is not waited: it gives up for now and says so', async () => {
    const slept: number[] = [];
    const t = failing([http(429, '600')]);
    const out = await sender(t, slept, 15000).send(REF, { text: 'hi' });
    assert.strictEqual(t.tries, 1);
    assert.deepStrictEqual(slept, []);
    assert.ok(!out.ok && !out.permanent && /asked to wait 600 s; not waited/.test(out.error), JSON.stringify(out));
  });
});
