// What IRM Doctor would send to Application Insights, read back from TELEMETRY_RECORD_FILE after real
// conversations over HTTP (realistic pastes, a cancel, a restart, a helpdesk escalation and claim, a
// delivered reminder): the expected events with their properties, and nothing that was pasted or
// typed, no names, addresses, hosts or raw ids anywhere in it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FLOW } from '../../src/engine/flow/loadFlow';
import { KIND_MODULES } from '../../src/engine/kinds';
import { PASTE_KINDS } from '../../src/engine/types';
import type { ReminderRecord } from '../../src/engine/reminders/reminderRecord';
import { ReminderRepository } from '../../src/bot/reminders/reminderRepository';
import { SqliteRecordStore } from '../../src/bot/storage/sqliteRecordStore';
import { hashId } from '../../src/bot/telemetry/hashing';
import { readRecording, type RecordedItem } from '../../src/bot/telemetry/recordingTelemetry';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector } from '../helpers/fakeConnector';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { message } from '../helpers/activities';
import { fixture } from '../helpers/fixtures';

const TENANT = '3f9a1c2e-7b4d-4e8a-9c1f-2d3e4f5a6b7c';
const SALT = 'telemetry-test-salt';
const USER_ID = '29:1Xq8-raw-user-id-for-telemetry';
const USER_NAME = 'Brunhilde Testadmin';
const TEAM = '19:helpteam@thread.tacv2';
const CHANNEL = '19:helpdesk@thread.tacv2';
const ENGINEER = { id: '29:eve-engineer-raw-id', name: 'Evelyn Engineerova' };
const NOTE = 'Fabrikam Berlin OWA users blocked since Tuesday';
const REMINDER_TEXT = 'check the purge on EXCH-BER-07';
const WRONG_INPUT = 'I ran it but I am not sure what it says\nit printed a lot';

/** Everything telemetry may legitimately say: event and property names, flow ids, kinds, catalogue finding ids, fixed words. */
function vocabulary(): Set<string> {
  const words = [
    'case.started', 'case.step', 'paste', 'finding', 'case.resolved', 'case.escalated', 'case.abandoned', 'case.outcome', 'turn', 'ticket.changed',
    'reminder.sent', 'reminder.late', 'reminder.dead-lettered', 'retention.purged',
    'case', 'branch', 'nodeId', 'seedStep', 'via', 'pasteKind', 'kind', 'status', 'matchedStep', 'ids', 'how', 'outcome', 'ticket', 'severity', 'verb', 'state',
    'tenant', 'user', 'activity', 'conversationType', 'where', 'diagnoseMs', 'count', 'ageMinutes', 'turnMs', 'attempts',
    'A', 'B', 'answer', 'facts', 'skip', 'true', 'false', 'ok', 'problem', 'wrong_input', 'incomplete', 'cancel', 'restart', 'flow', 'helpdesk',
    'normal', 'urgent', 'claim', 'claimed', 'open', 'refused', 'error', 'message', 'conversationUpdate', 'invoke', 'personal', 'channel', 'groupChat',
    'follow-up', 'ticket-unclaimed', 'info-requested', 'not-connector',
    ...PASTE_KINDS, ...FLOW.nodes.flatMap((n) => [n.id, n.seedStep]), ...KIND_MODULES.flatMap((m) => m.findingIds),
  ];
  return new Set(words);
}

describe('telemetry over HTTP (TELEMETRY_RECORD_FILE)', function () {
  this.timeout(90000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-tele-'));
  const recordFile = path.join(dataDir, 'telemetry.jsonl');
  const connector = new FakeConnector();
  const bot = new BotProcess({
    STORAGE: 'sqlite', DATA_DIR: dataDir, TELEMETRY_RECORD_FILE: recordFile, TELEMETRY_SALT: SALT, QUIET_HOURS: 'off', REMINDER_POLL_MS: '150',
    HELPDESK_CHANNEL_ID: CHANNEL, HELPDESK_TEAM_ID: TEAM,
  });
  const pasted: string[] = [];
  let n = 0;
  let items: RecordedItem[] = [];
  const chat = (): ChatDriver => new ChatDriver(() => bot, connector, `a:tele-${++n}`, { userId: USER_ID, userName: USER_NAME, tenantId: TENANT });
  const pasteInto = (c: ChatDriver, text: string): Promise<Record<string, unknown>[]> => {
    pasted.push(text);
    return c.say(text);
  };
  const events = (name: string): Extract<RecordedItem, { type: 'event' }>[] =>
    items.filter((i): i is Extract<RecordedItem, { type: 'event' }> => i.type === 'event' && i.name === name);

  before(async () => {
    await connector.start();
    connector.teamMembers = [ENGINEER];
    await bot.start();

    // 1. Branch A by typed answers, an unreadable paste, the Test-IRMConfiguration warning, resolved.
    const a = chat();
    await a.install();
    await a.say('1');
    await a.say('yes');
    await a.say('no');
    assert.match(textOf(await pasteInto(a, WRONG_INPUT)), /could not use that output/i);
    await pasteInto(a, fixture('irm-test', 'warning-irm-disabled.txt'));
    assert.match(textOf(await a.say('yes')), /Resolved/);

    // 2. A registry paste before any symptom, then a branch, then cancel.
    const b = chat();
    await pasteInto(b, fixture('registry', 'seed-full-path.txt'));
    await b.say('1');
    assert.match(textOf(await b.say('cancel')), /Cancelled/);

    // 3. A case left by restart.
    const c = chat();
    await c.say('2');
    await pasteInto(c, fixture('irm-test', 'kb2805976-use-license.txt'));
    assert.match(textOf(await c.say('restart')), /fresh case/);

    // 4. Escalated to the helpdesk with a note, and claimed by an engineer.
    const d = chat();
    await d.say('1');
    await d.say('yes');
    await d.say('no');
    await pasteInto(d, fixture('irm-test', 'kb2805976-use-license.txt'));
    const draft = await d.say('escalate');
    const caseId = /"caseId":"(case-[^"]+)"/.exec(JSON.stringify(draft))![1]!;
    await d.submit({ irm: 'escalate-send', caseId, note: NOTE, severity: 'normal' });
    const sent = await connector.waitFor(() => connector.activities(d.conversationId).find((x) => /^Sent: your ticket/.test(String(x.text))), 30000);
    const ticketId = /IRM-[0-9A-Z]+/.exec(String(sent.text))![0];
    const invoke = {
      ...message({ serviceUrl: connector.url, conversationId: `${CHANNEL};messageid=x`, conversationType: 'channel', userId: ENGINEER.id, userName: ENGINEER.name, tenantId: TENANT }),
      type: 'invoke', name: 'adaptiveCard/action', text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'claim', data: { ticketId } }, trigger: 'manual' },
      channelData: { tenant: { id: TENANT }, team: { id: TEAM }, channel: { id: CHANNEL } },
    };
    const res = await bot.post(invoke);
    assert.match(res.body, /Claimed by/);

    // 5. A follow-up reminder with its own text, delivered by the scheduler.
    const store = new SqliteRecordStore(path.join(dataDir, 'irm-doctor.sqlite'));
    const repo = new ReminderRepository(store);
    const now = Date.now();
    const r: ReminderRecord = {
      id: repo.newId(), kind: 'follow-up', conversationId: a.conversationId, userId: USER_ID, caseId: null, nodeId: null, ticketId: null, text: REMINDER_TEXT,
      timeZone: 'Europe/Berlin', dueAt: new Date(now + 200).toISOString(), notBefore: null, state: 'pending', lease: null, attempts: 0, repeats: 0, late: false,
      lastError: null, sentAt: null, createdAt: new Date(now).toISOString(),
    };
    await repo.create(r);
    await store.close();
    await connector.waitFor(() => readRecording(recordFile).some((i) => i.type === 'event' && i.name === 'reminder.sent') || undefined, 20000);
    items = readRecording(recordFile);
  });

  after(async () => {
    await bot.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the case events with flow ids and seed steps', () => {
    assert.ok(events('case.started').some((e) => e.props.branch === 'A'));
    assert.ok(events('case.started').some((e) => e.props.branch === 'B'));
    const steps = events('case.step');
    assert.ok(steps.some((e) => e.props.seedStep === 'A1' && e.props.via === 'answer' && e.props.nodeId.startsWith('A1')), JSON.stringify(steps.map((s) => s.props)));
    assert.ok(steps.some((e) => e.props.via === 'paste' && e.props.pasteKind === 'irm-test'));
    const resolved = events('case.resolved');
    assert.strictEqual(resolved.length, 1);
    assert.strictEqual(resolved[0]!.props.seedStep, 'A3');
    assert.ok(FLOW.nodes.some((x) => x.id === resolved[0]!.props.nodeId));
    assert.ok(resolved[0]!.measurements.ageMinutes >= 0);
  });

  it('records pastes by kind and status, findings by catalogue id, with the diagnosis time', () => {
    const pastes = events('paste');
    assert.ok(pastes.some((e) => e.props.kind === 'irm-test' && e.props.status === 'problem' && e.props.matchedStep === 'true'), JSON.stringify(pastes.map((p) => p.props)));
    assert.ok(pastes.some((e) => e.props.kind === 'registry'));
    assert.ok(pastes.some((e) => e.props.status === 'wrong_input' || e.props.status === 'incomplete'), 'the unreadable paste counts too');
    assert.ok(pastes.every((e) => typeof e.measurements.diagnoseMs === 'number'));
    const catalogue = new Set(KIND_MODULES.flatMap((m) => m.findingIds));
    const findings = events('finding');
    assert.ok(findings.some((f) => f.props.kind === 'irm-test' && f.props.ids.split(',').includes('irmtest.irm-disabled')), JSON.stringify(findings.map((f) => f.props)));
    assert.ok(findings.some((f) => f.props.kind === 'registry' && f.props.ids.startsWith('registry.')));
    for (const f of findings) {
      assert.ok(f.measurements.count >= 1);
      for (const id of f.props.ids.split(',')) assert.ok(catalogue.has(id), id);
    }
  });

  it('records cancel and restart of open cases as abandoned, escalation by ticket number, the claim', () => {
    const abandoned = events('case.abandoned');
    assert.deepStrictEqual(abandoned.map((e) => e.props.how).sort(), ['cancel', 'restart']);
    const escalated = events('case.escalated').filter((e) => e.props.via === 'helpdesk');
    assert.strictEqual(escalated.length, 1);
    assert.match(escalated[0]!.props.ticket!, /^\d+$/);
    assert.strictEqual(escalated[0]!.props.seedStep, 'A4');
    const changed = events('ticket.changed');
    assert.ok(changed.some((e) => e.props.verb === 'claim' && e.props.ticket === escalated[0]!.props.ticket));
  });

  it('records reminders by kind, and every turn with its duration and hashed tenant and user', () => {
    assert.ok(events('reminder.sent').some((e) => e.props.kind === 'follow-up'));
    const turns = events('turn');
    assert.ok(turns.length >= 20, `${turns.length} turns`);
    const tenant = hashId(TENANT, SALT);
    const user = hashId(USER_ID, SALT);
    assert.match(tenant, /^[0-9a-f]{32}$/);
    assert.ok(turns.every((t) => t.props.tenant === tenant && typeof t.measurements.turnMs === 'number'));
    assert.ok(turns.some((t) => t.props.user === user));
    // Case events in a turn carry the turn's scope too.
    assert.ok(events('case.resolved').every((e) => e.props.tenant === tenant && e.props.user === user));
  });

  it('sends nothing that was pasted or typed, no names, addresses, hosts or raw ids', () => {
    const serialized = JSON.stringify(items).toLowerCase();
    const vocab = vocabulary();
    const vocabText = [...vocab].join(' ').toLowerCase();
    const secrets = new Set<string>([
      TENANT, USER_ID, USER_NAME, 'Brunhilde', 'Testadmin', ENGINEER.id, ENGINEER.name, NOTE, REMINDER_TEXT, 'EXCH-BER-07', WRONG_INPUT, 'printed a lot',
      '7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b', '7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com', 'rmsconnector.woodfin.com', 'admin@woodfin.com', 'contoso',
      connector.url, new URL(connector.url).host, 'a:tele-', CHANNEL, TEAM, 'helpteam',
    ]);
    for (const text of pasted) {
      for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 6)) secrets.add(line);
      // Words of 6+ characters, unless the word is part of the catalogue (a paste kind named "registry" is no leak).
      for (const word of text.split(/[^A-Za-z0-9@._-]+/).flatMap((w) => [w, ...w.split(/[^A-Za-z0-9]+/)])) {
        if (word.length >= 6 && !vocabText.includes(word.toLowerCase())) secrets.add(word);
      }
    }
    assert.ok(secrets.size > 100, `only ${secrets.size} strings to look for`);
    const leaks = [...secrets].filter((s) => serialized.includes(s.toLowerCase()));
    assert.deepStrictEqual(leaks, []);
  });

  it('every property value is a catalogue value, a hash, a number or a list of finding ids', () => {
    const vocab = vocabulary();
    for (const item of items) {
      for (const [k, v] of Object.entries(item.props)) {
        assert.ok(vocab.has(k), `property name ${k}`);
        const ok = v === '' || vocab.has(v) || /^[0-9a-f]{32}$/.test(v) || /^\d+$/.test(v) || v.split(',').every((id) => vocab.has(id));
        assert.ok(ok, `${item.type === 'event' ? item.name : 'exception'}.${k} = ${v}`);
      }
    }
  });
});
