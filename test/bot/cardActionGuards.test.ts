// Card buttons over HTTP, as an attacker and a double-clicker would press them: a case id from
// someone else's conversation is refused and changes nothing; Send and "Remind me" work once per
// card, and a used escalation draft is replaced so its buttons are gone.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector, type ConnectorCall } from '../helpers/fakeConnector';
import { ChatDriver, submitsIn, textOf } from '../helpers/chatDriver';
import { message, visibleText } from '../helpers/activities';
import { fixture } from '../helpers/fixtures';
import { SqliteRecordStore } from '../../src/bot/storage/sqliteRecordStore';
import { ReminderRepository } from '../../src/bot/reminders/reminderRepository';

const TEAM = '19:helpteam@thread.tacv2';
const CHANNEL = '19:helpdesk@thread.tacv2';
const EVE = { id: '29:eve', name: 'Eve Engineer' };

describe('card actions: only this conversation\'s cases, once per card', function () {
  this.timeout(60000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-guard-'));
  const connector = new FakeConnector();
  const bot = new BotProcess({ STORAGE: 'sqlite', DATA_DIR: dataDir, QUIET_HOURS: 'off' });
  let store: SqliteRecordStore;
  let n = 0;
  const chat = (): ChatDriver => new ChatDriver(() => bot, connector, `a:guard-${++n}`, { userId: `29:user-${n}`, userName: `User ${n}` });

  before(async () => {
    await connector.start();
    connector.teamMembers = [EVE];
    await bot.start();
    store = new SqliteRecordStore(path.join(dataDir, 'irm-doctor.sqlite'));
    const m = message({ serviceUrl: connector.url, conversationId: `${CHANNEL};messageid=root`, text: '<at>IRM Doctor</at> helpdesk here', conversationType: 'channel', userId: EVE.id, userName: EVE.name });
    await bot.post({ ...m, channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'Helpdesk' }, channel: { id: CHANNEL, name: 'IRM helpdesk' } } });
    await connector.waitFor(() => connector.activities(`${CHANNEL};messageid=root`).some((a) => /^Done/.test(String(a.text))) || undefined);
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const tickets = (): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
  const caseOf = async (c: ChatDriver): Promise<{ caseId: string; nodeId: string; status: string }> => {
    const conv = await store.get<{ currentCaseId: string }>('conversations', c.conversationId);
    const s = await store.get<{ id: string; nodeId: string; status: string }>('cases', conv!.value.currentCaseId);
    return { caseId: s!.value.id, nodeId: s!.value.nodeId, status: s!.value.status };
  };
  /** A case at branch A's "Turn IRM on" fix step; the replies end with its fix card (with "Remind me" buttons). */
  async function atFixStep(c: ChatDriver): Promise<Record<string, unknown>[]> {
    await c.say('1');
    await c.say('yes');
    await c.say('no');
    return c.say(fixture('irm-test', 'warning-irm-disabled.txt'));
  }
  function outcomes(c: ChatDriver): string[] {
    return connector.activities(c.conversationId).map((a) => String(a.text)).filter((t) => /^Sent: your ticket|could not post|could not file/.test(t));
  }

  it('Send with a case id from another conversation is refused and files nothing', async () => {
    const bob = chat();
    await bob.say('2');
    const bobDraft = await bob.say('escalate');
    const bobCase = /"caseId":"(case-[^"]+)"/.exec(JSON.stringify(bobDraft))![1]!;
    const alice = chat();
    await alice.say('1');
    const before = tickets().length;
    const r = await alice.submit({ irm: 'escalate-send', caseId: bobCase, note: 'sent by Alice' });
    assert.match(textOf(r), /belongs to a case from another conversation, so I did nothing/);
    assert.doesNotMatch(textOf(r), /Sending your case/);
    assert.strictEqual(tickets().length, before);
    // Bob's own draft is untouched: his Send still works.
    assert.match(textOf(await bob.submit({ irm: 'escalate-send', caseId: bobCase })), /Sending your case/);
    await connector.waitFor(() => outcomes(bob).length > 0);
  });

  it('"Remind me" with another conversation\'s case is refused: no reminder, and the other case cannot be closed through one', async () => {
    const bob = chat();
    await atFixStep(bob);
    const target = await caseOf(bob);
    const alice = chat();
    const r = await alice.submit({ irm: 'remind', caseId: target.caseId, nodeId: target.nodeId, preset: '15m' });
    assert.match(textOf(r), /belongs to a case from another conversation, so I did nothing/);
    assert.match(textOf(await alice.say('reminders')), /no pending reminders/);
    assert.strictEqual((await caseOf(bob)).status, 'open');
  });

  it('two Send clicks on one draft: one ticket; the draft card is replaced; its Send after a typed send files nothing', async () => {
    const c = chat();
    await c.say('2');
    const draft = await c.say('escalate');
    const card = draft.find((a) => submitsIn(a).some((s) => s.data.irm === 'escalate-send'))!;
    const send = submitsIn(card).find((s) => s.data.irm === 'escalate-send')!;
    const before = tickets().length;
    const value = { ...send.data, note: 'double click' };
    // Both clicks reach the bot at once, as a double click does.
    const statuses = await Promise.all([1, 2].map(() => c.post({ text: '', value, replyToId: connector.idOf(card) })));
    assert.deepStrictEqual(statuses, [200, 200]);
    await connector.waitFor(() => outcomes(c).length > 0);
    const texts = textOf(connector.activities(c.conversationId).slice(c.seen));
    assert.strictEqual(texts.match(/Sending your case to the helpdesk/g)?.length, 1, texts);
    assert.match(texts, /already sent \(or cancelled\), so I did not send it again/);
    assert.strictEqual(tickets().length, before + 1);
    // The clicked card itself now says it was sent (no live Send button left on screen).
    const replaced = connector.calls.find((x) => x.method === 'PUT' && x.activityId === connector.idOf(card) && !x.path.includes('[rejected'));
    assert.ok(replaced, 'the draft card was updated in place');
    assert.match(visibleText(replaced.body!), /Sent to the helpdesk/);
    assert.strictEqual(submitsIn(replaced.body!).length, 0);
    c.seen = connector.activities(c.conversationId).length;

    // A new draft sent by typing; then its card's Send button is clicked: still one ticket for it.
    const draft2 = await c.say('escalate');
    const card2 = draft2.find((a) => submitsIn(a).some((s) => s.data.irm === 'escalate-send'))!;
    assert.match(textOf(await c.say('send')), /Sending your case/);
    await connector.waitFor(() => outcomes(c).length > 1);
    const late = await c.submit(submitsIn(card2).find((s) => s.data.irm === 'escalate-send')!.data, card2);
    assert.match(textOf(late), /already sent \(or cancelled\)/);
    assert.strictEqual(tickets().length, before + 2);
  });

  it('a double click on "Remind me" sets one reminder', async () => {
    const c = chat();
    const replies = await atFixStep(c);
    const card = [...replies].reverse().find((a) => submitsIn(a).some((s) => s.data.irm === 'remind'))!;
    const remind = submitsIn(card).find((s) => s.data.irm === 'remind')!;
    const statuses = await Promise.all([1, 2].map(() => c.post({ text: '', value: remind.data, replyToId: connector.idOf(card) })));
    assert.deepStrictEqual(statuses, [200, 200]);
    const texts = textOf(connector.activities(c.conversationId).slice(c.seen));
    assert.strictEqual(texts.match(/OK, I will remind you/g)?.length, 1, texts);
    assert.match(texts, /You already set a reminder from that card/);
    const mine = await new ReminderRepository(store).forConversation(c.conversationId);
    assert.strictEqual(mine.filter((r) => r.state === 'pending').length, 1);
  });
});
