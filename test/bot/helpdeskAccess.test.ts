// Who may set and move the helpdesk channel, and who sees tickets, over HTTP: the real bot, the
// fake Bot Connector answering Teams' member look-ups per team, an attacker in another team.
import * as assert from 'assert';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector, type ConnectorCall } from '../helpers/fakeConnector';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { message, visibleText } from '../helpers/activities';
import { fixture } from '../helpers/fixtures';
import { newTicketId, TICKET_ID } from '../../src/engine/helpdesk/ticketId';

const TEAM_A = '19:team-a@thread.tacv2';
const CHANNEL_A = '19:helpdesk-a@thread.tacv2';
const TEAM_B = '19:team-b@thread.tacv2';
const CHANNEL_B = '19:general-b@thread.tacv2';
const EVE = { id: '29:eve', name: 'Eve Engineer' };
const MALLORY = { id: '29:mallory', name: 'Mallory', aadObjectId: 'aad-mallory' };
const ADMIN_AAD = '7d3c1f0a-0000-4000-8000-00000000a11c';
const ADMIN = { id: '29:ada', name: 'Ada Admin', aadObjectId: ADMIN_AAD };

describe('helpdesk access over HTTP: setting, moving, listing, refreshing', function () {
  this.timeout(60000);
  const connector = new FakeConnector();
  const bot = new BotProcess({ QUIET_HOURS: 'off', HELPDESK_ADMINS: ADMIN_AAD });
  let n = 0;

  before(async () => {
    await connector.start();
    connector.teamMembers = [];
    connector.teams.set(TEAM_A, [EVE]);
    connector.teams.set(TEAM_B, [MALLORY, EVE]);
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
  });

  /** A message in a team's channel; resolves with the bot's replies in that thread. */
  async function inChannel(text: string, from: { id: string; name: string; aadObjectId?: string }, team = TEAM_A, channel = CHANNEL_A): Promise<string> {
    const conversationId = `${channel};messageid=root-${++n}`;
    const m = message({ serviceUrl: connector.url, conversationId, text: `<at>IRM Doctor</at> ${text}`, conversationType: 'channel', userId: from.id, userName: from.name, aadObjectId: from.aadObjectId });
    const res = await bot.post({ ...m, channelData: { tenant: { id: 'tenant-1' }, team: { id: team, name: team === TEAM_A ? 'Helpdesk' : 'Sales' }, channel: { id: channel, name: channel === CHANNEL_A ? 'IRM helpdesk' : 'General' } } });
    assert.strictEqual(res.status, 200, res.body);
    return textOf(connector.activities(conversationId));
  }

  const threadsIn = (channel: string): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations' &&
    (c.body?.channelData as { channel?: { id?: string } } | undefined)?.channel?.id === channel);

  /** A requester with some evidence who escalates; the ticket id from the answer. */
  async function escalate(): Promise<string> {
    const c = new ChatDriver(() => bot, connector, `a:req-${++n}`, { userId: `29:alex-${n}`, userName: 'Alex Requester' });
    await c.say('2');
    await c.say(fixture('irm-test', 'kb2805976-use-license.txt'));
    const draft = await c.say('escalate');
    const caseId = /"caseId":"(case-[^"]+)"/.exec(JSON.stringify(draft))![1]!;
    await c.submit({ irm: 'escalate-send', caseId, note: 'Berlin OWA users blocked' });
    const sent = await connector.waitFor(() => connector.activities(c.conversationId).find((a) => /^Sent: your ticket/.test(String(a.text))), 30000);
    return /IRM-[0-9A-Z]+/.exec(String(sent.text))![0];
  }

  async function invoke(verb: string, ticketId: string, from: { id: string; name: string }): Promise<{ type: string; value: unknown }> {
    const activity = {
      ...message({ serviceUrl: connector.url, conversationId: `${CHANNEL_A};messageid=x`, conversationType: 'channel', userId: from.id, userName: from.name }),
      type: 'invoke', name: 'adaptiveCard/action', text: undefined,
      value: { action: { type: 'Action.Execute', verb, data: { ticketId } }, trigger: 'automatic' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM_A }, channel: { id: CHANNEL_A } },
    };
    const res = await bot.post(activity);
    assert.strictEqual(res.status, 200, res.body);
    return JSON.parse(res.body) as { type: string; value: unknown };
  }

  it('the first "helpdesk here" needs a member of that channel\'s team', async () => {
    assert.match(await inChannel('helpdesk here', MALLORY), /Only a member of this team or an IRM Doctor administrator can make this channel the helpdesk\. Nothing was changed/);
    const c = new ChatDriver(() => bot, connector, `a:req-${++n}`);
    assert.match(textOf(await c.say('escalate')), /No helpdesk channel is configured/);
    assert.match(await inChannel('helpdesk here', EVE), /Done: escalations from IRM Doctor now come to this channel/);
  });

  it('someone outside the helpdesk team cannot move it, with or without confirm', async () => {
    const before = threadsIn(CHANNEL_A).length;
    for (const cmd of ['helpdesk here', 'helpdesk here confirm']) {
      assert.match(await inChannel(cmd, MALLORY, TEAM_B, CHANNEL_B), /Only a member of the current helpdesk team \(\*\*IRM helpdesk\*\*\) or an IRM Doctor administrator can move the helpdesk\. Nothing was changed/);
    }
    assert.strictEqual(threadsIn(CHANNEL_A).length, before, 'nothing announced: nothing moved');
    assert.match(await inChannel('tickets', EVE), /Open tickets|No open tickets|no tickets/i, 'the helpdesk is still channel A');
  });

  it('a member moves it only after confirming, and the move is announced in the old channel', async () => {
    assert.match(await inChannel('helpdesk here', EVE, TEAM_B, CHANNEL_B), /To move it, type \*\*@IRM Doctor helpdesk here confirm\*\*/);
    assert.strictEqual(threadsIn(CHANNEL_A).filter((c) => /moved to/.test(JSON.stringify(c.body))).length, 0, 'not moved before the confirmation');
    assert.match(await inChannel('helpdesk here confirm', EVE, TEAM_B, CHANNEL_B), /Done: .*announced in the old channel/);
    const notice = threadsIn(CHANNEL_A).find((c) => /moved to/.test(JSON.stringify(c.body)));
    assert.ok(notice, 'a thread in the old channel');
    assert.match(visibleText(notice.body!.activity as Record<string, unknown>), /The IRM Doctor helpdesk was moved to \*\*General\*\* \(team Sales\) by Eve Engineer/);
    // Now team B holds the helpdesk: a member of B who is not in A may move it back; Mallory is in B.
    assert.match(await inChannel('helpdesk here confirm', MALLORY), /Done/);
    assert.ok(threadsIn(CHANNEL_B).some((c) => /moved to \*\*IRM helpdesk\*\*.* by Mallory/.test(visibleText(c.body!.activity as Record<string, unknown>))));
  });

  it('an administrator (HELPDESK_ADMINS) may move it without being in the team', async () => {
    assert.match(await inChannel('helpdesk here confirm', ADMIN, TEAM_B, CHANNEL_B), /Done/);
    assert.match(await inChannel('helpdesk here confirm', ADMIN), /Done/);
  });

  it('"tickets" shows ticket contents only in the helpdesk channel, to its team', async () => {
    const id = await escalate();
    const elsewhere = await inChannel('tickets', MALLORY, TEAM_B, CHANNEL_B);
    assert.match(elsewhere, /I list tickets only in the helpdesk channel/);
    assert.ok(!elsewhere.includes(id) && !elsewhere.includes('Alex Requester'), elsewhere);
    // In the helpdesk channel, by someone Teams does not list in the team (a guest, a stale client).
    const stranger = await inChannel('tickets', MALLORY);
    assert.match(stranger, /Only members of the helpdesk team can list tickets/);
    assert.ok(!stranger.includes(id), stranger);
    const member = await inChannel('tickets', EVE);
    assert.ok(member.includes(id) && member.includes('Alex Requester'), member);
  });

  it('the ticket card\'s refresh shows the ticket only to members of the helpdesk team', async () => {
    const id = await escalate();
    const outsider = visibleText({ attachments: [{ content: (await invoke('refresh', id, MALLORY)).value }] });
    assert.match(outsider, /Only members of the helpdesk team can see this ticket/);
    for (const secret of ['Alex Requester', 'Berlin OWA', 'use license', 'Test-IRMConfiguration']) assert.ok(!outsider.includes(secret), `${secret} in: ${outsider}`);
    const member = visibleText({ attachments: [{ content: (await invoke('refresh', id, EVE)).value }] });
    assert.ok(member.includes('Alex Requester') && member.includes('Berlin OWA'), member);
  });

  it('ticket ids are random and short, not numbered', async () => {
    const [a, b] = [await escalate(), await escalate()];
    for (const id of [a, b]) assert.match(id, /^IRM-[2-9A-HJ-NP-Z]{6}$/);
    assert.notStrictEqual(a, b);
    assert.ok(!/^IRM-\d+$/.test(a) && !/^IRM-\d+$/.test(b));
  });
});

describe('newTicketId', () => {
  it('maps every byte to the alphabet; ids from a real random source differ', () => {
    const all = newTicketId(() => Uint8Array.from([0, 31, 32, 63, 255, 130]));
    assert.strictEqual(all, 'IRM-2Z2ZZ4');
    assert.match(all, TICKET_ID);
    const seen = new Set(Array.from({ length: 200 }, () => newTicketId((k) => crypto.getRandomValues(new Uint8Array(k)))));
    assert.strictEqual(seen.size, 200);
    assert.ok(TICKET_ID.test('IRM-12'), 'stored tickets from before keep their ids');
    assert.ok(!TICKET_ID.test('IRM-0OIL1A') && !TICKET_ID.test('IRM-ABC'));
  });
});
