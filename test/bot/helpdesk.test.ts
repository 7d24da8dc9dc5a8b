// Helpdesk escalations over HTTP: the real server, the fake Bot Connector standing in for Teams
// (channel threads, invokes, card updates, team membership), and the requester's 1:1 chat.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeEachHost } from '../helpers/botHosts';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector, type ConnectorCall } from '../helpers/fakeConnector';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { message, visibleText } from '../helpers/activities';
import { fixture } from '../helpers/fixtures';
import { makeEventLogDump } from '../helpers/eventLogGenerator';

const TEAM = '19:helpteam@thread.tacv2';
const CHANNEL = '19:helpdesk@thread.tacv2';
const ENGINEERS = [{ id: '29:eve', name: 'Eve Engineer' }, { id: '29:sam', name: 'Sam Support' }];

describeEachHost('helpdesk escalations over HTTP', function (host) {
  this.timeout(60000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-help-'));
  const connector = new FakeConnector();
  const bot = new BotProcess({ BOT_HOST: host, STORAGE: 'sqlite', DATA_DIR: dataDir, QUIET_HOURS: 'off' });
  let n = 0;

  before(async () => {
    await connector.start();
    connector.teamMembers = ENGINEERS;
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const requester = (): ChatDriver => new ChatDriver(() => bot, connector, `a:req-${++n}`, { userId: `29:alex-${n}`, userName: 'Alex Admin' });

  function channelMessage(text: string, from = ENGINEERS[0]!): Record<string, unknown> {
    const m = message({ serviceUrl: connector.url, conversationId: `${CHANNEL};messageid=root-${++n}`, text: `<at>IRM Doctor</at> ${text}`, conversationType: 'channel', userId: from.id, userName: from.name });
    return { ...m, channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'Helpdesk' }, channel: { id: CHANNEL, name: 'IRM helpdesk' } } };
  }

  async function invoke(verb: string, ticketId: unknown, from: { id: string; name: string }, extra: Record<string, unknown> = {}, threadId = `${CHANNEL};messageid=x`): Promise<{ statusCode: number; type: string; value: unknown }> {
    const activity = {
      ...message({ serviceUrl: connector.url, conversationId: threadId, conversationType: 'channel', userId: from.id, userName: from.name }),
      type: 'invoke', name: 'adaptiveCard/action', text: undefined,
      value: { action: { type: 'Action.Execute', verb, data: { ticketId, ...extra } }, trigger: 'manual' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM }, channel: { id: CHANNEL } },
    };
    const res = await bot.post(activity);
    assert.strictEqual(res.status, 200, res.body);
    return JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
  }

  const threadPosts = (): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
  const cardText = (v: unknown): string => visibleText({ attachments: [{ content: v }] });

  /** A requester with a case at step A3 (a Test-IRMConfiguration pasted), who escalates. */
  async function escalate(c: ChatDriver, severity: 'normal' | 'urgent' = 'normal'): Promise<{ ticketId: string; reply: string }> {
    await c.say('1');
    await c.say('yes');
    await c.say('no');
    await c.say(fixture('irm-test', 'kb2805976-use-license.txt'));
    const draft = await c.say('escalate');
    assert.match(textOf(draft), /RMS Analyzer/);
    // The Send button; Teams merges the card's inputs (note, severity) into the submitted data.
    assert.match(textOf(await c.submit({ irm: 'escalate-send', caseId: caseIdOf(draft), note: 'Berlin OWA users blocked', severity })), /Sending your case/);
    const reply = await outcomeFor(c);
    const id = /IRM-[0-9A-Z]+/.exec(reply)?.[0];
    assert.ok(id, reply);
    return { ticketId: id, reply };
  }

  /** The proactive message that says how the escalation went. */
  async function outcomeFor(c: ChatDriver): Promise<string> {
    const a = await connector.waitFor(() => connector.activities(c.conversationId).find((x) => /^Sent: your ticket|could not post your ticket|could not file/.test(String(x.text))), 30000);
    return String(a.text);
  }

  function caseIdOf(replies: Record<string, unknown>[]): string {
    const m = /"caseId":"(case-[^"]+)"/.exec(JSON.stringify(replies));
    assert.ok(m, 'draft card names its case');
    return m[1]!;
  }

  it('without a helpdesk channel, escalate says how to set one', async () => {
    const c = requester();
    assert.match(textOf(await c.say('escalate')), /No helpdesk channel is configured[\s\S]*helpdesk here/);
  });

  it('"helpdesk here" in a channel sets it, and the bot confirms', async () => {
    const before = connector.activities().length;
    await bot.post(channelMessage('helpdesk here'));
    const [reply] = (await connector.waitFor(() => (connector.activities().length > before ? connector.activities().slice(before) : undefined)));
    assert.match(String(reply!.text), /escalations from IRM Doctor now come to this channel/);
  });

  it('escalating posts a new thread in the channel with the evidence; the requester gets the number and a link', async () => {
    const c = requester();
    const posts = threadPosts().length;
    const { ticketId, reply } = await escalate(c, 'urgent');
    assert.match(reply, /\[Open its thread in the helpdesk channel\]\(https:\/\/teams\.microsoft\.com\/l\/message\//);
    const post = threadPosts()[posts]!;
    assert.strictEqual((post.body!.channelData as { channel: { id: string } }).channel.id, CHANNEL);
    assert.strictEqual(post.body!.isGroup, true);
    const card = visibleText(post.body!.activity as Record<string, unknown>);
    for (const want of [ticketId, 'URGENT', 'Alex Admin', 'Berlin OWA users blocked', 'Test-IRMConfiguration output', 'use license', 'Timeline']) assert.ok(card.includes(want), want);
  });

  it('claim: the card updates for everyone, the thread gets a reply, the requester is told in 1:1', async () => {
    const c = requester();
    const { ticketId } = await escalate(c);
    const res = await invoke('claim', ticketId, ENGINEERS[0]!);
    assert.strictEqual(res.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(res.value), /Claimed by Eve Engineer/);
    // The posted card itself is updated (by its message id, not the thread's id), so everyone sees it.
    await connector.waitFor(() => connector.calls.some((x) => x.method === 'PUT' && !x.path.includes('[rejected') &&
      visibleText((x.body ?? {}) as Record<string, unknown>).includes('Claimed by Eve Engineer')) || undefined);
    await connector.waitFor(() => connector.activities().some((a) => String(a.text).includes(`${ticketId} claimed by Eve Engineer`)) || undefined);
    await connector.waitFor(() => connector.activities(c.conversationId).some((a) => /Eve Engineer from the helpdesk has taken your ticket/.test(String(a.text))) || undefined);
  });

  it('two engineers claiming at once: exactly one wins, the other sees who has it', async () => {
    const c = requester();
    const { ticketId } = await escalate(c);
    const [a, b] = await Promise.all([invoke('claim', ticketId, ENGINEERS[0]!), invoke('claim', ticketId, ENGINEERS[1]!)]);
    const texts = [cardText(a.value), cardText(b.value)];
    const winner = texts[0]!.match(/Claimed by (Eve Engineer|Sam Support)/)?.[1];
    assert.ok(winner, texts[0]);
    assert.ok(texts.every((t) => t.includes(`Claimed by ${winner}`)), 'both cards show the same holder');
    const claims = connector.activities().filter((x) => new RegExp(`^${ticketId} claimed by`).test(String(x.text)));
    assert.strictEqual(claims.length, 1);
  });

  it('non-members cannot act; the requester may not claim; unknown and malformed tickets get an error card', async () => {
    const c = requester();
    const me = `29:alex-${n}`;
    const { ticketId } = await escalate(c);
    const outsider = await invoke('claim', ticketId, { id: '29:mallory', name: 'Mallory' });
    assert.strictEqual(outsider.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(outsider.value), /Only members of the helpdesk team/);
    // The requester (not in the helpdesk team) may add information but not claim.
    const self = await invoke('claim', ticketId, { id: me, name: 'Alex Admin' });
    assert.strictEqual(self.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(self.value), /As the requester you can add information to your ticket, but only the helpdesk team can claim/);
    const unknown = await invoke('claim', 'IRM-99999', ENGINEERS[0]!);
    assert.match(cardText(unknown.value), /IRM-99999 not found/);
    const malformed = await invoke('claim', '../../etc', ENGINEERS[0]!);
    assert.match(cardText(malformed.value), /no valid ticket/);
    const badVerb = await invoke('delete-everything', ticketId, ENGINEERS[0]!);
    assert.match(cardText(badVerb.value), /Unknown ticket action/);
  });

  it('request info: the requester is asked in 1:1, their paste goes to the thread and is diagnosed; resolve and reopen', async () => {
    const c = requester();
    const { ticketId } = await escalate(c);
    await invoke('claim', ticketId, ENGINEERS[1]!);
    const asked = await invoke('requestInfo', ticketId, ENGINEERS[1]!, { question: 'Please paste reg query of the IRM keys' });
    assert.match(cardText(asked.value), /Waiting for information from the requester/);
    await connector.waitFor(() => connector.activities(c.conversationId).some((a) => /needs more information .*Please paste reg query/.test(String(a.text))) || undefined);
    c.seen = connector.activities(c.conversationId).length;
    const r = await c.say(fixture('registry', 'missing-enterprise-publishing.txt'));
    assert.match(textOf(r), new RegExp(`added that to ${ticketId}`));
    await connector.waitFor(() => connector.activities().some((a) => String(a.text).includes(`${ticketId}: Alex Admin added information`)) || undefined);
    await connector.waitFor(() => connector.activities().some((a) => /EnterprisePublishing/.test(visibleText(a)) && /registry settings/.test(visibleText(a))) || undefined);
    const resolved = await invoke('resolve', ticketId, ENGINEERS[1]!, { resolution: 'Added the EnterprisePublishing key on EXCH02' });
    assert.match(cardText(resolved.value), /Resolved: Added the EnterprisePublishing key/);
    await connector.waitFor(() => connector.activities(c.conversationId).some((a) => /was resolved by Sam Support/.test(String(a.text))) || undefined);
    const reopened = await invoke('reopen', ticketId, ENGINEERS[0]!);
    assert.match(cardText(reopened.value), /Claimed by Sam Support/);
  });

  it('assign: to any member of the team, and only to a member', async () => {
    const c = requester();
    const { ticketId } = await escalate(c);
    const assigned = await invoke('assign', ticketId, ENGINEERS[0]!, { assigneeId: ENGINEERS[1]!.id });
    assert.match(cardText(assigned.value), /Claimed by Sam Support/);
    await connector.waitFor(() => connector.activities(c.conversationId).some((a) => /is now with Sam Support from the helpdesk/.test(String(a.text))) || undefined);
    const stranger = await invoke('assign', ticketId, ENGINEERS[0]!, { assigneeId: '29:mallory' });
    assert.strictEqual(stranger.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(stranger.value), /Pick a member of the helpdesk team/);
  });

  it('show raw output: the stored pastes go to the thread, cut to fit a Teams message', async () => {
    const c = requester();
    await c.say(makeEventLogDump(200 * 1024));
    const { ticketId } = await escalate(c);
    const before = connector.activities().length;
    const res = await invoke('showPastes', ticketId, ENGINEERS[0]!);
    assert.strictEqual(res.type, 'application/vnd.microsoft.card.adaptive');
    const posted = connector.activities().slice(before).map((a) => String(a.text)).filter((t) => t.startsWith(`${ticketId}, output pasted`));
    assert.strictEqual(posted.length, 2, 'the event log and the Test-IRMConfiguration output');
    assert.ok(posted.some((t) => t.includes('FederatedEmail')), 'the raw Test-IRMConfiguration text');
    const log = posted.find((t) => t.includes('stored cut to 64 KB'))!;
    assert.match(log, /cut to fit a Teams message/);
    for (const t of posted) assert.ok(Buffer.byteLength(t) < 28 * 1024);
    const outsider = await invoke('showPastes', ticketId, { id: '29:mallory', name: 'Mallory' });
    assert.match(String(outsider.value), /Only members of the helpdesk team can see the raw output/);
  });

  it('a channel post that fails twice then succeeds: one ticket, one card', async () => {
    const c = requester();
    const posts = threadPosts().length;
    connector.failNext(2, 503, {}, (call) => call.method === 'POST' && call.path === '/v3/conversations');
    const { ticketId } = await escalate(c);
    assert.strictEqual(threadPosts().length, posts + 1);
    const listed = await bot.post(channelMessage('tickets'));
    assert.strictEqual(listed.status, 200);
    await connector.waitFor(() => connector.activities().some((a) => visibleText(a).includes(ticketId) && /Open tickets/.test(visibleText(a))) || undefined);
  });

  it('a channel post that keeps failing: the requester is told and no ticket is left behind', async () => {
    const c = requester();
    const isThreadPost = (call: ConnectorCall): boolean => call.method === 'POST' && call.path === '/v3/conversations';
    connector.failNext(50, 503, {}, isThreadPost);
    await c.say('1');
    const draft = await c.say('escalate');
    // The connector records a failed call with " [failed 503]" after its path.
    const threadTries = (): number => connector.calls.filter((call) => call.method === 'POST' && /^\/v3\/conversations \[failed 503\]$/.test(call.path)).length;
    const before = threadTries();
    await c.submit({ irm: 'escalate-send', caseId: caseIdOf(draft) });
    const reply = await outcomeFor(c);
    connector.clearFailures();
    assert.match(reply, /could not post your ticket/);
    // Three tries in all, the proactive sender's: the connector client under it adds no retries of its own.
    assert.strictEqual(threadTries() - before, 3);
    const id = /IRM-[0-9A-Z]+/.exec(reply);
    assert.strictEqual(id, null, 'no ticket number was given');
  });
});
