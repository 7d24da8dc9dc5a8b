// Helpdesk nudges with an injected clock, through the real scheduler, the real nudge delivery and a
// real sender posting over HTTP to the fake Bot Connector: an unclaimed ticket is nudged in its thread
// every UNCLAIMED_NUDGE_MINUTES at most MAX_NUDGES times, a claim stops the nudges, quiet hours
// postpone them to the morning in the recipient's zone, and a requester who owes information is nudged.
import * as assert from 'assert';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TicketRecord } from '../../src/engine/helpdesk/ticketTypes';
import { parseQuietHours } from '../../src/engine/reminders/quietHours';
import { FLOW } from '../../src/engine/flow/loadFlow';
import { HelpdeskService } from '../../src/bot/helpdesk/helpdeskService';
import { HelpdeskSettings } from '../../src/bot/helpdesk/helpdeskSettings';
import { nudgeDelivery } from '../../src/bot/helpdesk/ticketNudges';
import { TicketRepository } from '../../src/bot/helpdesk/ticketRepository';
import { ProactiveSender } from '../../src/bot/proactive/proactiveSender';
import { botbuilderTransport } from '../../src/bot/proactive/botbuilderTransport';
import { RateLimiter } from '../../src/bot/proactive/rateLimiter';
import type { ReminderConfig } from '../../src/bot/reminders/reminderConfig';
import { ReminderRepository } from '../../src/bot/reminders/reminderRepository';
import { ReminderScheduler } from '../../src/bot/reminders/reminderScheduler';
import { CaseRepository } from '../../src/bot/storage/caseRepository';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { FakeConnector } from '../helpers/fakeConnector';

describe('helpdesk nudges', function () {
  this.timeout(20000);
  const connector = new FakeConnector();
  let clock: number;
  let helpdesk: HelpdeskService;
  let tickets: TicketRepository;
  let scheduler: ReminderScheduler;
  let cases: CaseRepository;

  before(async () => { await connector.start(); });
  after(async () => { await connector.stop(); });

  function setup(quiet: string): void {
    const store = new MemoryRecordStore();
    const cfg: ReminderConfig = {
      pollMs: 1000, maxSendAttempts: 3, leaseMs: 60000, instanceId: 'test', quietHours: (parseQuietHours(quiet) as { ok: true; quiet: ReminderConfig['quietHours'] }).quiet,
      unclaimedNudgeMinutes: 30, maxNudges: 3,
    };
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const sender = new ProactiveSender(botbuilderTransport(adapter, ''), new RateLimiter(), { maxAttempts: 2, backoffMs: () => 10 });
    const reminders = new ReminderRepository(store);
    tickets = new TicketRepository(store);
    cases = new CaseRepository(store);
    helpdesk = new HelpdeskService({
      tickets, settings: new HelpdeskSettings(store, { channelId: null, teamId: null }), cases, flow: FLOW, sender, reminders, reminderConfig: cfg, now: () => new Date(clock),
    });
    scheduler = new ReminderScheduler(reminders, nudgeDelivery(helpdesk), {
      owner: 'test', pollMs: 1000, leaseMs: 60000, lateAfterMs: 3600000, maxAttempts: 3, backoffMs: () => 1000, batch: 50, concurrency: 2, now: () => new Date(clock),
    });
  }

  async function openTicket(createdAt: number, tz: string | null): Promise<TicketRecord> {
    const t: TicketRecord = {
      id: 'IRM-5', number: 5, caseId: 'case-x', requester: { id: '29:alex', name: 'Alex Admin', conversationId: 'a:alex' }, severity: 'normal', note: '',
      branch: 'A', state: 'open', assignee: null, infoRequest: null, resolution: null,
      channel: { serviceUrl: connector.url, channelId: '19:desk@thread.tacv2', teamId: '19:team', tenantId: 't', botId: '28:bot' },
      thread: { conversationId: '19:desk@thread.tacv2;messageid=77', activityId: '77' }, timeline: [], createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(createdAt).toISOString(),
    };
    await tickets.create(t);
    await helpdesk.scheduleNudge(t, 'ticket-unclaimed', t.thread!.conversationId, tz, 0);
    return t;
  }

  const nudgesIn = (conversationId: string): string[] =>
    connector.activities(conversationId).map((a) => String(a.text)).filter((t) => /Nudge|Reminder: the helpdesk is waiting/.test(t));

  it('nudges an unclaimed ticket in its thread every 30 minutes, at most 3 times', async () => {
    setup('off');
    clock = Date.parse('2026-11-26T10:00:00Z');
    const t = await openTicket(clock, 'Europe/Berlin');
    const thread = t.thread!.conversationId;
    const before = nudgesIn(thread).length;
    for (let minute = 0; minute <= 150; minute += 10) {
      clock = Date.parse('2026-11-26T10:00:00Z') + minute * 60000;
      await scheduler.tick();
    }
    const nudges = nudgesIn(thread).slice(before);
    assert.deepStrictEqual(nudges.map((x) => /Nudge (\d)\/3/.exec(x)?.[1]), ['1', '2', '3']);
    assert.match(nudges[0]!, /IRM-5 from Alex Admin has been waiting 30 minutes/);
  });

  it('stops nudging once the ticket is claimed', async () => {
    setup('off');
    clock = Date.parse('2026-11-27T10:00:00Z');
    const t = await openTicket(clock, null);
    const thread = t.thread!.conversationId;
    const before = nudgesIn(thread).length;
    clock += 31 * 60000;
    await scheduler.tick();
    const hit = (await tickets.get('IRM-5'))!;
    await tickets.save({ ...hit.value, state: 'claimed', assignee: { id: '29:eve', name: 'Eve' } }, hit.etag);
    for (let i = 0; i < 6; i++) {
      clock += 30 * 60000;
      await scheduler.tick();
    }
    assert.strictEqual(nudgesIn(thread).length - before, 1);
  });

  it('waits for the end of quiet hours in the recipient\'s zone', async () => {
    setup('20:00-07:00');
    // 19:45 in Berlin (18:45Z): the first nudge falls due at 20:15 local, inside quiet hours.
    clock = Date.parse('2026-11-28T18:45:00Z');
    const t = await openTicket(clock, 'Europe/Berlin');
    const thread = t.thread!.conversationId;
    const before = nudgesIn(thread).length;
    clock = Date.parse('2026-11-28T19:20:00Z'); // 20:20 Berlin
    await scheduler.tick();
    clock = Date.parse('2026-11-29T05:30:00Z'); // 06:30 Berlin
    await scheduler.tick();
    assert.strictEqual(nudgesIn(thread).length - before, 0, 'nothing during quiet hours');
    clock = Date.parse('2026-11-29T06:01:00Z'); // 07:01 Berlin
    await scheduler.tick();
    assert.strictEqual(nudgesIn(thread).length - before, 1);
  });

  it('nudges a requester who owes requested information, in 1:1', async () => {
    setup('off');
    clock = Date.parse('2026-11-30T10:00:00Z');
    await cases.touchConversation({
      serviceUrl: connector.url, channelId: 'msteams', conversationId: 'a:alex', conversationType: 'personal', tenantId: 't', botId: '28:bot', botName: 'IRM Doctor',
      userId: '29:alex', userName: 'Alex Admin', locale: null, timezone: 'Europe/Berlin',
    });
    const t: TicketRecord = { ...(await openTicket(clock, null)), state: 'info-requested', infoRequest: 'Paste reg query of EXCH02', assignee: { id: '29:eve', name: 'Eve' } };
    const hit = (await tickets.get('IRM-5'))!;
    await tickets.save(t, hit.etag);
    await helpdesk.scheduleNudge(t, 'info-requested', 'a:alex', 'Europe/Berlin', 0);
    clock += 31 * 60000;
    await scheduler.tick();
    assert.ok(nudgesIn('a:alex').some((x) => /waiting for your answer on IRM-5: Paste reg query of EXCH02/.test(x)), nudgesIn('a:alex').join('\n'));
  });
});

describe('unfinished escalations', () => {
  it('a ticket left "posting" by a stopped process is removed after a while and the requester told', async () => {
    const connector = await new FakeConnector().start();
    try {
      const store = new MemoryRecordStore();
      let clock = Date.parse('2026-11-26T10:00:00Z');
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
      const sender = new ProactiveSender(botbuilderTransport(adapter, ''), new RateLimiter(), { maxAttempts: 1, backoffMs: () => 0 });
      const tickets = new TicketRepository(store);
      const cases = new CaseRepository(store);
      const cfg = { pollMs: 1000, maxSendAttempts: 3, leaseMs: 60000, instanceId: 't', quietHours: null, unclaimedNudgeMinutes: 30, maxNudges: 3 };
      const helpdesk = new HelpdeskService({
        tickets, settings: new HelpdeskSettings(store, { channelId: null, teamId: null }), cases, flow: FLOW, sender,
        reminders: new ReminderRepository(store), reminderConfig: cfg, now: () => new Date(clock),
      });
      await cases.touchConversation({
        serviceUrl: connector.url, channelId: 'msteams', conversationId: 'a:req', conversationType: 'personal', tenantId: 't', botId: '28:bot', botName: null,
        userId: '29:alex', userName: 'Alex', locale: null, timezone: null,
      });
      await tickets.create({
        id: 'IRM-9', number: 9, caseId: 'c', requester: { id: '29:alex', name: 'Alex', conversationId: 'a:req' }, severity: 'normal', note: '', branch: null,
        state: 'posting', assignee: null, infoRequest: null, resolution: null,
        channel: { serviceUrl: connector.url, channelId: '19:x', teamId: null, tenantId: 't', botId: '28:bot' }, thread: null, timeline: [],
        createdAt: new Date(clock).toISOString(), updatedAt: new Date(clock).toISOString(),
      });
      assert.strictEqual(await helpdesk.recoverStuckPostings(), 0, 'a posting in progress is left alone');
      clock += 10 * 60 * 1000;
      assert.strictEqual(await helpdesk.recoverStuckPostings(), 1);
      assert.strictEqual(await tickets.get('IRM-9'), undefined);
      assert.ok(connector.activities('a:req').some((a) => /could not be completed/.test(String(a.text))));
    } finally {
      await connector.stop();
    }
  });
});
