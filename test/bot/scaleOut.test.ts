// Scale-out: two real bot processes share one Azure Blob storage (Azurite), and a Teams
// conversation whose turns land on either instance keeps its case. A storage outage in the middle
// tells the user "temporarily unavailable" and, once the storage is back, the case goes on where it was.
import * as assert from 'assert';
import { UNAVAILABLE_TEXT } from '../../src/bot/irmDoctorBot';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { BotProcess } from '../helpers/botProcess';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { waitUntil } from '../helpers/waitUntil';
import { FakeConnector } from '../helpers/fakeConnector';
import { fixture } from '../helpers/fixtures';
import { message, visibleText } from '../helpers/activities';
import { openAzureBlobStore } from '../../src/bot/storage/azureBlobRecordStore';
import { ReminderRepository } from '../../src/bot/reminders/reminderRepository';
import type { ReminderRecord } from '../../src/engine/reminders/reminderRecord';

describe('scale-out: two bot processes on one Azure Blob storage', function () {
  this.timeout(60000);
  const connector = new FakeConnector();
  let az: Azurite;
  let bots: BotProcess[] = [];
  let n = 0;
  /** A conversation whose every turn goes to the other instance than the one before. */
  const alternating = (): ChatDriver => {
    let turn = 0;
    return new ChatDriver(() => bots[turn++ % 2]!, connector, `a:scale-${++n}`);
  };

  const container = `scale-${Date.now().toString(36)}`;

  before(async () => {
    az = await startAzurite();
    await connector.start();
    connector.teamMembers = [{ id: '29:eve', name: 'Eve Engineer' }, { id: '29:sam', name: 'Sam Support' }];
    const env = {
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: az.connectionString,
      AZURE_STORAGE_ACCOUNT_URL: '',
      AZURE_STORAGE_CONTAINER: container,
      REMINDER_POLL_MS: '150',
      QUIET_HOURS: 'off',
    };
    bots = [new BotProcess(env), new BotProcess(env)];
    await Promise.all(bots.map((b) => b.start()));
  });
  after(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await connector.stop();
    await az?.stop();
  });

  it('a conversation alternating between the instances keeps its case to the resolution', async () => {
    const c = alternating();
    assert.match(textOf(await c.say('start')), /What is the problem\?/);
    assert.match(textOf(await c.say('1')), /Outlook/);
    assert.match(textOf(await c.say('yes')), /One user or one piece of content\?/);
    assert.match(textOf(await c.say('no')), /Test-IRMConfiguration -Sender/);
    const r = textOf(await c.say(fixture('irm-test', 'warning-irm-disabled.txt')));
    assert.ok(r.includes('Set-IRMConfiguration -InternalLicensingEnabled $true'), r);
    assert.match(r, /Turn IRM on/);
    assert.match(textOf(await c.say('yes')), /Resolved/);
  });

  it('storage down mid-conversation: "temporarily unavailable", then the case goes on at the same step', async () => {
    const c = alternating();
    assert.match(textOf(await c.say('start')), /What is the problem\?/);
    assert.match(textOf(await c.say('1')), /Outlook/);
    await az.down();
    try {
      // Both instances answer, quickly enough for Teams, and neither loses the step.
      assert.strictEqual(textOf(await c.say('yes')), UNAVAILABLE_TEXT);
      assert.strictEqual(textOf(await c.say('yes')), UNAVAILABLE_TEXT);
    } finally {
      await az.restart();
    }
    assert.match(textOf(await c.say('yes')), /One user or one piece of content\?/);
    assert.match(textOf(await c.say('no')), /Test-IRMConfiguration -Sender/);
  });

  it('two engineers claim at once through different instances: exactly one wins', async () => {
    const TEAM = '19:team@thread.tacv2';
    const CHANNEL = '19:desk@thread.tacv2';
    const channelData = { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'Helpdesk' }, channel: { id: CHANNEL, name: 'IRM helpdesk' } };
    await bots[0]!.post({ ...message({ serviceUrl: connector.url, conversationId: `${CHANNEL};messageid=1`, text: 'helpdesk here', conversationType: 'channel', userId: '29:eve' }), channelData });
    const c = alternating();
    await c.say('1');
    const draft = await c.say('escalate');
    const caseId = /"caseId":"(case-[^"]+)"/.exec(JSON.stringify(draft))![1];
    await c.submit({ irm: 'escalate-send', caseId });
    const sent = await connector.waitFor(() => connector.activities(c.conversationId).find((a) => /^Sent: your ticket/.test(String(a.text))), 20000);
    const ticketId = /IRM-\d+/.exec(String(sent.text))![0];
    const claim = (bot: BotProcess, who: { id: string; name: string }): Promise<{ status: number; body: string }> => bot.post({
      ...message({ serviceUrl: connector.url, conversationId: `${CHANNEL};messageid=x`, conversationType: 'channel', userId: who.id, userName: who.name }),
      type: 'invoke', name: 'adaptiveCard/action', text: undefined, channelData,
      value: { action: { type: 'Action.Execute', verb: 'claim', data: { ticketId } }, trigger: 'manual' },
    });
    const [a, b] = await Promise.all([claim(bots[0]!, { id: '29:eve', name: 'Eve Engineer' }), claim(bots[1]!, { id: '29:sam', name: 'Sam Support' })]);
    const holders = [a, b].map((r) => /Claimed by (Eve Engineer|Sam Support)/.exec(visibleText({ attachments: [{ content: (JSON.parse(r.body) as { value: unknown }).value }] }))?.[1]);
    assert.ok(holders[0] && holders[0] === holders[1], `both cards show one holder: ${holders.join(' / ')}`);
    assert.strictEqual(connector.activities().filter((x) => new RegExp(`^${ticketId} claimed by`).test(String(x.text))).length, 1);
  });

  it('a reminder due while both instances poll the same store fires once', async () => {
    const c = alternating();
    await c.say('1');
    const store = openAzureBlobStore({ connectionString: az.connectionString, accountUrl: '', container });
    await store.init();
    const repo = new ReminderRepository(store);
    const now = Date.now();
    const r: ReminderRecord = {
      id: repo.newId(), kind: 'follow-up', conversationId: c.conversationId, userId: '29:user-1', caseId: null, nodeId: null, ticketId: null,
      text: 'scale-out once', timeZone: 'UTC', dueAt: new Date(now + 500).toISOString(), notBefore: null, state: 'pending', lease: null, attempts: 0,
      repeats: 0, late: false, lastError: null, sentAt: null, createdAt: new Date(now).toISOString(),
    };
    await repo.create(r);
    await connector.waitFor(() => connector.activities(c.conversationId).some((a) => visibleText(a).includes('scale-out once')) || undefined, 15000);
    // Sent and unclaimed: no instance can still be sending a second copy (sends happen only under a claim).
    await waitUntil('the reminder marked sent', async () => (await repo.get(r.id))?.value.state === 'sent', 15000);
    assert.strictEqual(connector.activities(c.conversationId).filter((a) => visibleText(a).includes('scale-out once')).length, 1);
    await store.close();
  });
});
