// Follow-up reminders end to end: set from the chat, delivered by the real server through the fake
// connector, exactly once across kill -9 and across two processes, retried on 429, dead-lettered
// when the conversation is gone, and marked late when they fell due while the bot was down.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReminderRecord } from '../../../src/engine/reminders/reminderRecord';
import { ReminderRepository } from '../../../src/bot/reminders/reminderRepository';
import { SqliteRecordStore } from '../../../src/bot/storage/sqliteRecordStore';
import { describeEachHost } from '../../helpers/botHosts';
import { BotProcess } from '../../helpers/botProcess';
import { FakeConnector } from '../../helpers/fakeConnector';
import { ChatDriver, submitsIn, textOf } from '../../helpers/chatDriver';
import { visibleText } from '../../helpers/activities';
import { fixture } from '../../helpers/fixtures';
import { waitUntil } from '../../helpers/waitUntil';

describeEachHost('reminders over HTTP', function (host) {
  this.timeout(60000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-rem-'));
  const env = { BOT_HOST: host, STORAGE: 'sqlite', DATA_DIR: dataDir, REMINDER_POLL_MS: '150', QUIET_HOURS: 'off' };
  const connector = new FakeConnector();
  let bot = new BotProcess(env);
  let store: SqliteRecordStore;
  let repo: ReminderRepository;
  let n = 0;
  const chat = (): ChatDriver => new ChatDriver(() => bot, connector, `a:rem-${++n}`, { localTimezone: 'Europe/Berlin' });

  before(async () => {
    await connector.start();
    await bot.start();
    store = new SqliteRecordStore(path.join(dataDir, 'irm-doctor.sqlite'));
    repo = new ReminderRepository(store);
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A case at branch A's "Turn IRM on" fix step (a step that offers reminders). */
  async function atFixStep(c: ChatDriver): Promise<Record<string, unknown>[]> {
    await c.say('1');
    await c.say('yes');
    await c.say('no');
    return c.say(fixture('irm-test', 'warning-irm-disabled.txt'));
  }

  async function schedule(c: ChatDriver, dueInMs: number, extra: Partial<ReminderRecord> = {}): Promise<ReminderRecord> {
    // The case the conversation is on, read from the same database the bot uses.
    const conv = await store.get<{ currentCaseId: string | null }>('conversations', c.conversationId);
    const caseId = conv?.value.currentCaseId ?? '';
    const now = Date.now();
    const r: ReminderRecord = {
      id: repo.newId(), kind: 'follow-up', conversationId: c.conversationId, userId: '29:user-1', caseId: caseId || null, nodeId: 'A3.enable-irm',
      ticketId: null, text: 'check the IRM switch', timeZone: 'Europe/Berlin', dueAt: new Date(now + dueInMs).toISOString(), notBefore: null,
      state: 'pending', lease: null, attempts: 0, repeats: 0, late: false, lastError: null, sentAt: null, createdAt: new Date(now).toISOString(), ...extra,
    };
    await repo.create(r);
    return r;
  }

  const reminderCards = (conversationId: string): Record<string, unknown>[] =>
    connector.activities(conversationId).filter((a) => /Reminder from IRM Doctor/.test(visibleText(a)));

  /**
   * Every reminder given is done (sent, or `state`): once its record is final no instance holds a claim
   * on it, and a send happens only under a claim, so no second copy can still be on its way.
   */
  async function finished(ids: string[], state: ReminderRecord['state'] = 'sent'): Promise<void> {
    await waitUntil(`reminders ${ids.join(', ')} ${state}`, async () => {
      for (const id of ids) if ((await repo.get(id))?.value.state !== state) return false;
      return true;
    }, 20000);
  }

  it('typed "remind me in …" answers with the due time in the user\'s own zone; reminders lists it; cancel removes it', async () => {
    const c = chat();
    await atFixStep(c);
    let r = await c.say('remind me in 2 hours to check the purge');
    assert.match(textOf(r), /I will remind you .*\(Europe\/Berlin\): "check the purge"/);
    r = await c.say('reminders');
    assert.match(textOf(r), /Your pending reminders \(1\)/);
    assert.match(textOf(r), /check the purge/);
    r = await c.click(/Cancel this reminder/, r);
    assert.match(textOf(r), /Cancelled/);
    assert.match(textOf(await c.say('reminders')), /no pending reminders/);
    assert.match(textOf(await c.say('remind me in 0 minutes')), /shortest reminder is 1 minute/i);
  });

  it('a fix card offers the follow-up itself, and the preset buttons work', async () => {
    const c = chat();
    const r = await atFixStep(c);
    const follow = submitsIn(r.at(-1)!).find((s) => /^Remind me in \d+ minutes$/.test(s.title));
    assert.ok(follow, 'the fix card offers its own follow-up');
    assert.match(textOf(await c.submit(follow!.data)), /I will remind you/);
    assert.match(textOf(await c.click(/^Tomorrow morning$/, r)), /I will remind you .* 09:00 \(Europe\/Berlin\)/);
  });

  it('delivers a due reminder once, and Yes closes the case as resolved at that step', async () => {
    const c = chat();
    await atFixStep(c);
    const r = await schedule(c, 500);
    const [card] = await connector.waitFor(() => { const x = reminderCards(c.conversationId); return x.length ? x : undefined; });
    await finished([r.id]);
    assert.strictEqual(reminderCards(c.conversationId).length, 1);
    assert.match(visibleText(card!), /Did it work\?/);
    assert.match(visibleText(card!), /Step A3: Turn IRM on/);
    const yes = submitsIn(card!).find((s) => /^Yes/.test(s.title))!;
    assert.match(textOf(await c.submit(yes.data)), /Resolved/);
  });

  it('No resumes the flow at the next step', async () => {
    const c = chat();
    await atFixStep(c);
    await schedule(c, 300);
    const [card] = await connector.waitFor(() => { const x = reminderCards(c.conversationId); return x.length ? x : undefined; });
    const no = submitsIn(card!).find((s) => /^No/.test(s.title))!;
    assert.match(textOf(await c.submit(no.data)), /Get-IRMConfiguration/);
  });

  it('Snooze puts a delivered reminder back for later; Cancel dismisses it', async () => {
    const c = chat();
    await atFixStep(c);
    const r = await schedule(c, 300);
    const [card] = await connector.waitFor(() => { const x = reminderCards(c.conversationId); return x.length ? x : undefined; });
    const snooze = submitsIn(card!).find((x) => x.title === 'Snooze 15 minutes')!;
    const before = Date.now();
    assert.match(textOf(await c.submit(snooze.data)), /Snoozed: I will remind you again .*\(Europe\/Berlin\)/);
    const snoozed = (await repo.get(r.id))!.value;
    assert.strictEqual(snoozed.state, 'pending');
    const dueIn = Date.parse(snoozed.dueAt) - before;
    assert.ok(dueIn > 14 * 60000 && dueIn < 16 * 60000, `due in ${dueIn} ms`);
    assert.match(textOf(await c.click(/Cancel this reminder/, await c.say('reminders'))), /Cancelled/);
    assert.strictEqual((await repo.get(r.id))!.value.state, 'cancelled');
    const cancel = submitsIn(card!).find((x) => x.title === 'Cancel')!;
    assert.match(textOf(await c.submit(cancel.data)), /dismissed|Cancelled/);
  });

  it('killed with kill -9 after scheduling and restarted: still arrives, once', async () => {
    const c = chat();
    await atFixStep(c);
    const r = await schedule(c, 1500);
    await bot.stop('SIGKILL');
    assert.strictEqual((await repo.get(r.id))!.value.state, 'pending', 'not sent before the kill');
    bot = new BotProcess(env);
    await bot.start();
    await connector.waitFor(() => reminderCards(c.conversationId).length > 0 || undefined);
    await finished([r.id]);
    assert.strictEqual(reminderCards(c.conversationId).length, 1);
  });

  it('two server processes on the same store: exactly one copy of each', async () => {
    const second = new BotProcess(env);
    await second.start();
    try {
      const c = chat();
      await atFixStep(c);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push((await schedule(c, 800, { text: `copy check ${i}` })).id);
      await connector.waitFor(() => reminderCards(c.conversationId).length >= 12 || undefined, 20000);
      await finished(ids);
      const texts = reminderCards(c.conversationId).map(visibleText);
      for (let i = 0; i < 12; i++) assert.strictEqual(texts.filter((t) => t.includes(`copy check ${i}\n`)).length, 1, `copy check ${i}`);
    } finally {
      await second.stop();
    }
  });

  it('the connector answering 429 with Retry-After twice: retried as told, delivered once, nothing lost', async () => {
    const c = chat();
    await atFixStep(c);
    // Retry-After 0: the retry is obeyed without the test waiting out a real back-off.
    connector.failNext(2, 429, { 'Retry-After': '0' }, (call) => call.conversationId === c.conversationId);
    const r = await schedule(c, 200);
    await connector.waitFor(() => reminderCards(c.conversationId).length > 0 || undefined, 15000);
    const throttled = connector.calls.filter((x) => x.conversationId === c.conversationId && x.path.includes('[failed 429]'));
    assert.strictEqual(throttled.length, 2);
    await finished([r.id]);
    assert.strictEqual(reminderCards(c.conversationId).length, 1);
  });

  it('a conversation that is gone (403/404) is dead-lettered, not retried forever', async () => {
    const c = chat();
    await atFixStep(c);
    // Gone means gone for good: every send to it fails.
    const gone = (call: { conversationId: string | null }): boolean => call.conversationId === c.conversationId;
    connector.failNext(50, 403, {}, gone);
    const r = await schedule(c, 200);
    await connector.waitFor(() => connector.calls.some((x) => gone(x) && x.path.includes('[failed 403]')) || undefined);
    await finished([r.id], 'dead');
    const tries = connector.calls.filter((x) => gone(x) && x.path.includes('[failed 403]')).length;
    assert.ok(tries <= 2, `${tries} attempts: a 403 must not be retried by us`);
    assert.strictEqual(reminderCards(c.conversationId).length, 0);
    connector.clearFailures();
  });

  it('a reminder that fell due while the bot was down is sent when it is back, marked late', async () => {
    const c = chat();
    await atFixStep(c);
    await bot.stop();
    await schedule(c, -10 * 60 * 1000);
    bot = new BotProcess(env);
    await bot.start();
    const [card] = await connector.waitFor(() => { const x = reminderCards(c.conversationId); return x.length ? x : undefined; });
    assert.match(visibleText(card!), /comes late/);
  });
});
