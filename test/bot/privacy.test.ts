// ALLOWED_TENANTS and `forget me` over HTTP against the real server on SQLite, checked in the
// database file itself: a refused tenant leaves no trace, and a forgotten user's cases, pastes,
// reminders and conversation records are gone while their ticket stays as a stub.
import * as assert from 'assert';
import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NOT_ENABLED_TEXT } from '../../src/bot/tenantGate';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector } from '../helpers/fakeConnector';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { membersAdded, message } from '../helpers/activities';
import { fixture } from '../helpers/fixtures';

const ALLOWED = '6a1f3e2d-0b4c-4d5e-8f90-123456789abc';
const OTHER = 'deadbeef-0000-4000-8000-00000000beef';
const CHANNEL = '19:helpdesk@thread.tacv2';
const TEAM = '19:helpteam@thread.tacv2';

interface Row { collection: string; key: string; value: string }

describe('privacy over HTTP: ALLOWED_TENANTS and forget me', function () {
  this.timeout(60000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-priv-'));
  const connector = new FakeConnector();
  const bot = new BotProcess({
    STORAGE: 'sqlite', DATA_DIR: dataDir, ALLOWED_TENANTS: ` ${ALLOWED.toUpperCase()} `, QUIET_HOURS: 'off', HELPDESK_CHANNEL_ID: CHANNEL, HELPDESK_TEAM_ID: TEAM,
  });

  /** Every record in the bot's SQLite file, as stored. */
  function rows(): Row[] {
    const db = new Database(path.join(dataDir, 'irm-doctor.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT collection, key, value FROM records').all() as Row[];
    } finally {
      db.close();
    }
  }
  const mentioning = (s: string): Row[] => rows().filter((r) => r.key.includes(s) || r.value.includes(s));

  before(async () => {
    await connector.start();
    connector.teamMembers = [{ id: '29:eve', name: 'Eve Engineer' }];
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('ALLOWED_TENANTS', () => {
    it('refuses install, messages, pastes and card actions from another tenant politely, and stores nothing about them', async () => {
      const c = new ChatDriver(() => bot, connector, 'a:outsider-1', { tenantId: OTHER, userId: '29:outsider-user', userName: 'Olga Outsider' });
      assert.strictEqual(textOf(await c.install()), NOT_ENABLED_TEXT);
      assert.strictEqual(textOf(await c.say('1')), NOT_ENABLED_TEXT);
      assert.strictEqual(textOf(await c.say(fixture('irm-test', 'warning-irm-disabled.txt'))), NOT_ENABLED_TEXT);
      assert.strictEqual(textOf(await c.submit({ irm: 'branch', branch: 'A' })), NOT_ENABLED_TEXT);
      const invoke = {
        ...message({ serviceUrl: connector.url, conversationId: `${CHANNEL};messageid=x`, conversationType: 'channel', tenantId: OTHER, userId: '29:outsider-user' }),
        type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'claim', data: { ticketId: 'IRM-1' } } },
      };
      const res = await bot.post(invoke);
      assert.strictEqual(res.status, 200);
      assert.deepStrictEqual(JSON.parse(res.body), { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: NOT_ENABLED_TEXT });
      for (const s of ['a:outsider-1', '29:outsider-user', 'Olga', OTHER]) assert.deepStrictEqual(mentioning(s), [], s);
    });

    it('refuses an activity that names no tenant, or two different ones', async () => {
      const none = message({ serviceUrl: connector.url, conversationId: 'a:outsider-2', text: 'hello' });
      delete (none.conversation as Record<string, unknown>).tenantId;
      delete none.channelData;
      await bot.post(none);
      const mixed = message({ serviceUrl: connector.url, conversationId: 'a:outsider-3', text: 'hello', tenantId: ALLOWED });
      mixed.channelData = { tenant: { id: OTHER } };
      await bot.post(mixed);
      for (const id of ['a:outsider-2', 'a:outsider-3']) {
        assert.strictEqual(textOf(await connector.waitForActivities(id, 1)), NOT_ENABLED_TEXT);
        assert.deepStrictEqual(mentioning(id), []);
      }
    });

    it('serves the allowed tenant (ids compared without regard to case)', async () => {
      const c = new ChatDriver(() => bot, connector, 'a:insider-1', { tenantId: ALLOWED });
      assert.match(textOf(await c.install()), /What is the problem\?/);
      assert.match(textOf(await c.say('1')), /Outlook/);
      assert.deepStrictEqual(mentioning('a:insider-1').map((r) => r.collection), ['conversations'], 'the conversation record (and no other state)');
    });
  });

  describe('forget me', () => {
    const USER = '29:forget-me-user';
    const NAME = 'Frieda Forgetful';

    it('deletes the user\'s cases, pastes, reminders and conversation record; their ticket becomes a stub', async () => {
      const c = new ChatDriver(() => bot, connector, 'a:forget-1', { tenantId: ALLOWED, userId: USER, userName: NAME });
      const other = new ChatDriver(() => bot, connector, 'a:keep-1', { tenantId: ALLOWED, userId: '29:someone-else' });
      await other.say('2');
      await c.say('1');
      await c.say('yes');
      await c.say('no');
      await c.say(fixture('irm-test', 'kb2805976-use-license.txt'));
      assert.match(textOf(await c.say('remind me in 2 hours to check the purge on EXCH-BER-07')), /I will remind you/);
      const draft = await c.say('escalate');
      const caseId = /"caseId":"(case-[^"]+)"/.exec(JSON.stringify(draft))![1]!;
      await c.submit({ irm: 'escalate-send', caseId, note: 'Frieda needs this fixed for the Fabrikam board', severity: 'normal' });
      await connector.waitFor(() => connector.activities(c.conversationId).find((x) => /^Sent: your ticket/.test(String(x.text))), 30000);
      c.seen = connector.activities(c.conversationId).length;
      await c.say('restart');
      await c.say('2');
      await c.say(fixture('registry', 'seed-full-path.txt'));
      assert.ok(mentioning(USER).length > 0);

      const answer = textOf(await c.say('Forget me.'));
      assert.match(answer, /^Done\. I deleted what I kept about you: 2 cases \(with 2 pasted outputs\), 1 reminder, 1 conversation record\. 1 helpdesk ticket keeps only its number, status and dates\./);

      for (const s of [USER, NAME, 'Frieda', 'a:forget-1', caseId, 'EXCH-BER-07', 'Fabrikam', 'use license']) {
        const left = mentioning(s).filter((r) => !(s === caseId && (r.collection === 'tickets' || r.collection === 'reminders' || r.collection === 'reminderDue' || r.collection === 'reminderByConversation')));
        assert.deepStrictEqual(left.map((r) => `${r.collection}/${r.key}`), [], s);
      }
      const stub = rows().find((r) => r.collection === 'tickets');
      assert.ok(stub, 'the ticket is still there');
      const t = JSON.parse(stub.value) as { note: string; requester: { name: string }; number: number; redactedAt?: string };
      assert.deepStrictEqual([t.note, t.requester.name, t.number, typeof t.redactedAt], ['', 'Deleted', 1, 'string']);
      assert.ok(mentioning('a:keep-1').length > 0, 'other users keep their data');
    });

    it('starts from scratch when the user writes again', async () => {
      const c = new ChatDriver(() => bot, connector, 'a:forget-1', { tenantId: ALLOWED, userId: USER, userName: NAME });
      c.seen = connector.activities(c.conversationId).length;
      assert.match(textOf(await c.say('summary')), /There is no case yet/);
      assert.match(textOf(await c.say('1')), /Outlook/);
    });

    it('in a channel, points to the 1:1 chat and deletes nothing', async () => {
      const before = rows().length;
      const c = new ChatDriver(() => bot, connector, '19:team-chat@thread.tacv2', { tenantId: ALLOWED, userId: USER, conversationType: 'channel' });
      assert.match(textOf(await c.say('<at>IRM Doctor</at> forget me', { html: '<p><at>IRM Doctor</at> forget me</p>' })), /1:1 chat/);
      assert.strictEqual(rows().length, before);
    });
  });

  it('a conversationUpdate from the allowed tenant still greets (sanity check of the gate)', async () => {
    const res = await bot.post(membersAdded({ serviceUrl: connector.url, conversationId: 'a:insider-2', tenantId: ALLOWED }));
    assert.ok(res.status < 300);
    assert.match(textOf(await connector.waitForActivities('a:insider-2', 1)), /What is the problem\?/);
  });
});
