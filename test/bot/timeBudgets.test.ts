// Time and size budgets at the Teams edge, over HTTP: a Bot Connector that never answers or asks
// for a long Retry-After must not hold a turn (Teams waits 15 s), and a message with a thousand
// uploads is read within caps and answered in one message about what was skipped.
import * as assert from 'assert';
import { describeEachHost } from '../helpers/botHosts';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector, type ConnectorCall } from '../helpers/fakeConnector';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { message } from '../helpers/activities';
import { fixture } from '../helpers/fixtures';

const TEAM = '19:helpteam@thread.tacv2';
const CHANNEL = '19:helpdesk@thread.tacv2';
const EVE = { id: '29:eve', name: 'Eve Engineer' };

describeEachHost('time and size budgets over HTTP', function (host) {
  this.timeout(30000);
  const connector = new FakeConnector();
  // A short per-call budget, so a hung connector shows in a second rather than in ten.
  const bot = new BotProcess({ BOT_HOST: host, CONNECTOR_TIMEOUT_MS: '1000', QUIET_HOURS: 'off' });
  let n = 0;
  const chat = (): ChatDriver => new ChatDriver(() => bot, connector, `a:budget-${++n}`);
  const replyTo = (conversationId: string) => (c: ConnectorCall): boolean => c.method === 'POST' && c.conversationId === conversationId && c.path.includes('/activities');

  before(async () => {
    await connector.start();
    connector.teamMembers = [EVE];
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('a reply POST that never answers: the turn still ends, and the user gets the apology', async () => {
    const c = chat();
    connector.hangNext(1, replyTo(c.conversationId));
    const res = await bot.post(message({ serviceUrl: connector.url, conversationId: c.conversationId, text: 'hello' }));
    assert.strictEqual(res.status, 200);
    const [apology] = await connector.waitForActivities(c.conversationId, 1);
    assert.match(String(apology!.text), /something went wrong on my side.*Nothing you sent was lost/);
    assert.match(bot.output, /\[connector\] POST \/v3\/conversations\/\S+\/activities\S* gave up after \d+ ms/, bot.output);
  });

  it('a reply answered 503 twice is retried in the turn and delivered, with no apology', async () => {
    const c = chat();
    connector.failNext(2, 503, {}, replyTo(c.conversationId));
    const res = await bot.post(message({ serviceUrl: connector.url, conversationId: c.conversationId, text: 'hello' }));
    assert.strictEqual(res.status, 200);
    const [reply] = await connector.waitForActivities(c.conversationId, 1);
    const posts = connector.calls.filter((x) => x.method === 'POST' && x.conversationId === c.conversationId);
    assert.strictEqual(posts.filter((x) => x.path.endsWith('[failed 503]')).length, 2);
    assert.doesNotMatch(String(reply!.text), /something went wrong/);
  });

  it('a reply answered with 429 and Retry-After: 120 is not waited for past the budget', async () => {
    const c = chat();
    connector.failNext(1, 429, { 'Retry-After': '120' }, replyTo(c.conversationId));
    const res = await bot.post(message({ serviceUrl: connector.url, conversationId: c.conversationId, text: 'hello' }));
    assert.strictEqual(res.status, 200);
    await connector.waitForActivities(c.conversationId, 1);
  });

  it('a channel post throttled with a long Retry-After: the escalation gives up and the requester is told', async () => {
    const m = message({ serviceUrl: connector.url, conversationId: `${CHANNEL};messageid=root`, text: '<at>IRM Doctor</at> helpdesk here', conversationType: 'channel', userId: EVE.id, userName: EVE.name });
    await bot.post({ ...m, channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'Helpdesk' }, channel: { id: CHANNEL, name: 'IRM helpdesk' } } });
    const c = chat();
    await c.say('1');
    const draft = await c.say('escalate');
    connector.failNext(20, 429, { 'Retry-After': '300' }, (x) => x.method === 'POST' && x.path === '/v3/conversations');
    await c.submit({ irm: 'escalate-send', caseId: /"caseId":"(case-[^"]+)"/.exec(JSON.stringify(draft))![1]! });
    const told = await connector.waitFor(() => connector.activities(c.conversationId).find((a) => /could not post your ticket/.test(String(a.text))), 25000);
    connector.clearFailures();
    assert.match(String(told.text), /Nothing was filed/);
  });

  const upload = (name: string): Record<string, unknown> => ({
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    name,
    content: { downloadUrl: `${connector.url}files/${name}`, uniqueId: name, fileType: name.split('.').pop() },
  });
  const downloads = (): number => connector.calls.filter((x) => x.method === 'GET' && x.path.startsWith('/files/')).length;

  it('1,000 attachments: at most 5 are downloaded, and one message says what was skipped', async () => {
    const c = chat();
    connector.files.set('irm.txt', Buffer.from(fixture('bot', 'irmconfig-licensing-off.txt')));
    const before = downloads();
    const replies = await c.say('', { attachments: Array.from({ length: 1000 }, (_, i) => upload(i < 990 ? 'irm.txt' : `picture-${i}.png`)) });
    assert.strictEqual(downloads() - before, 5);
    assert.ok(replies.length <= 3, `${replies.length} messages`);
    const skipped = replies.filter((r) => /not read/.test(textOf([r])));
    assert.strictEqual(skipped.length, 1, textOf(replies));
    assert.match(textOf(skipped), /I read at most 5 files per message, so 985 more \(irm\.txt, irm\.txt, irm\.txt, …\) were not read/);
    assert.match(textOf(skipped), /picture-990\.png: I can read \.txt/);
    assert.match(textOf(skipped), /…and 3 more\./);
  });

  it('20 files of 4.4 MB: no more than 10 MB is read, and the user is told which were skipped', async () => {
    const c = chat();
    const big = Buffer.alloc(Math.round(4.4 * 1024 * 1024), 'a');
    for (let i = 0; i < 20; i++) connector.files.set(`big-${i}.log`, big);
    const replies = await c.say('', { attachments: Array.from({ length: 20 }, (_, i) => upload(`big-${i}.log`)) });
    const text = textOf(replies);
    assert.match(text, /may have 10 MB in all; send it again on its own/);
    assert.match(text, /I read at most 5 files per message, so 15 more/);
    const servedFully = connector.calls.filter((x) => x.method === 'GET' && x.path.startsWith('/files/big-')).length;
    assert.ok(servedFully <= 5, `${servedFully} downloads`);
  });
});
