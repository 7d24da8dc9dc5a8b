// The reminder and helpdesk cards, rendered with realistic data and put through the same checks as
// every other card: the adaptivecards package, the official schema 1.5, 28 KB, our own actions only.
import * as assert from 'assert';
import { parseCardAction } from '../../src/cards/cardActions';
import { escalationCard, noticeCard, reminderCard, reminderListCard, ticketCard, ticketListCard, type CardAttachment } from '../../src/cards/cards';
import { chooseBranch, newCase, paste } from '../../src/engine/case/caseMachine';
import type { StoredPaste } from '../../src/engine/case/caseTypes';
import { FLOW } from '../../src/engine/flow/loadFlow';
import type { TicketRecord } from '../../src/engine/helpdesk/ticketTypes';
import type { ReminderRecord } from '../../src/engine/reminders/reminderRecord';
import { adaptiveCardsErrors, objectsOf, schemaErrors, submitData } from '../helpers/cardValidator';
import { fixture } from '../helpers/fixtures';

const now = new Date('2026-11-26T10:00:00Z');

function sampleCase(): { state: ReturnType<typeof newCase>; pastes: StoredPaste[] } {
  let t = chooseBranch(FLOW, newCase(FLOW, 'case-1', now), 'A', now);
  const pastes: StoredPaste[] = [];
  for (const raw of [fixture('irm-test', 'kb2805976-use-license.txt'), fixture('registry', 'three-exports-one-differs.reg'), fixture('connector-events', 'winevent-list.txt')]) {
    const r = paste(FLOW, t.state, raw, now);
    pastes.push(...(r.newPastes ?? []));
    t = r;
  }
  return { state: t.state, pastes };
}

function ticket(extra: Partial<TicketRecord> = {}): TicketRecord {
  return {
    id: 'IRM-7', number: 7, caseId: 'case-1', requester: { id: '29:alex', name: 'Alex Admin', conversationId: 'a:1' }, severity: 'urgent',
    note: 'OWA users in Berlin cannot open protected mail since Monday.', branch: 'A', state: 'open', assignee: null, infoRequest: null, resolution: null,
    channel: { serviceUrl: 'https://smba.example/', channelId: '19:help@thread.tacv2', teamId: '19:team', tenantId: 't', botId: '28:bot' },
    thread: null, timeline: [{ at: now.toISOString(), actor: { id: '29:alex', name: 'Alex Admin' }, action: 'created', text: null }],
    createdAt: now.toISOString(), updatedAt: now.toISOString(), ...extra,
  };
}

function reminder(extra: Partial<ReminderRecord> = {}): ReminderRecord {
  return {
    id: 'rem-1', kind: 'follow-up', conversationId: 'a:1', userId: 'u', caseId: 'case-1', nodeId: 'A4b.fix', ticketId: null, text: 'check the purge',
    timeZone: 'Europe/Berlin', dueAt: now.toISOString(), notBefore: null, state: 'pending', lease: null, attempts: 0, repeats: 0, late: false,
    lastError: null, sentAt: null, createdAt: now.toISOString(), ...extra,
  };
}

const members = Array.from({ length: 75 }, (_, i) => ({ id: `29:m${i}`, name: `Engineer ${i}` }));
const { state, pastes } = sampleCase();

const cards: Record<string, () => CardAttachment> = {
  'escalation draft': () => escalationCard('case-1', 'IRM helpdesk'),
  'ticket: open, with evidence': () => ticketCard({ ticket: ticket(), state, pastes, flowNodes: FLOW.nodes, members: members.slice(0, 5) }),
  'ticket: claimed, 75 members (refresh lists userIds)': () =>
    ticketCard({ ticket: ticket({ state: 'claimed', assignee: { id: '29:m3', name: 'Engineer 3' } }), state, pastes, flowNodes: FLOW.nodes, members }),
  'ticket: resolved': () => ticketCard({ ticket: ticket({ state: 'resolved', resolution: 'Authorised the Exchange Servers group.' }), state, pastes, flowNodes: FLOW.nodes, members: [] }),
  'ticket: escalated before any step': () => ticketCard({ ticket: ticket(), state: undefined, pastes: [], flowNodes: FLOW.nodes, members: [] }),
  'ticket list': () => ticketListCard([ticket(), ticket({ id: 'IRM-8', number: 8, state: 'claimed', assignee: { id: 'x', name: 'Sam' } })]),
  'ticket list: empty': () => ticketListCard([]),
  notice: () => noticeCard('Not allowed', 'Only members of the helpdesk team can act on tickets.'),
  'reminder: step still open': () => reminderCard({ reminder: reminder(), caseLine: 'Users cannot use… · Step A4b: Fix the registry', stepOpen: true }),
  'reminder: late, no case': () => reminderCard({ reminder: reminder({ late: true, caseId: null, nodeId: null }), caseLine: null, stepOpen: false }),
  'reminder list': () => reminderListCard([reminder(), reminder({ id: 'rem-2', text: null })], 'Europe/Berlin'),
  'reminder list: empty': () => reminderListCard([], null),
};

describe('reminder and helpdesk cards: valid, small enough, our own actions only', () => {
  for (const [name, make] of Object.entries(cards)) {
    it(name, function () {
      const a = make();
      assert.deepStrictEqual(adaptiveCardsErrors(a.content), []);
      assert.deepStrictEqual(schemaErrors(a.content), []);
      assert.ok(Buffer.byteLength(JSON.stringify(a.content)) < 28 * 1024);
      assert.ok(!JSON.stringify(a.content).includes('${'));
      for (const data of submitData(a.content)) assert.deepStrictEqual(parseCardAction(data), data);
    });
  }

  it('the ticket card carries the evidence: requester, note, findings of each paste, steps, timeline', () => {
    const text = objectsOf(cards['ticket: open, with evidence']!().content).map((o) => [o.text, o.title, o.value].filter((x) => typeof x === 'string').join(' ')).join('\n');
    for (const want of ['IRM-7', 'URGENT', 'Alex Admin', 'OWA users in Berlin', 'Test-IRMConfiguration output', 'registry settings', 'RMS connector event log', '2001', 'Timeline']) {
      assert.ok(text.includes(want), want);
    }
  });

  it('ticket buttons are Action.Execute with the ticket id; refresh lists users only beyond 60 members', () => {
    const small = cards['ticket: open, with evidence']!().content;
    const verbs = objectsOf(small).filter((o) => o.type === 'Action.Execute').map((o) => o.verb);
    assert.deepStrictEqual(verbs, ['refresh', 'claim', 'assign', 'requestInfo', 'resolve', 'showPastes']);
    assert.ok(objectsOf(small).filter((o) => o.type === 'Action.Execute').every((o) => (o.data as { ticketId: string }).ticketId === 'IRM-7'));
    assert.strictEqual((small.refresh as { userIds?: string[] }).userIds, undefined);
    const big = cards['ticket: claimed, 75 members (refresh lists userIds)']!().content;
    const ids = (big.refresh as { userIds: string[] }).userIds;
    assert.strictEqual(ids.length, 60);
    assert.strictEqual(ids[0], '29:m3', 'the assignee first');
    const resolved = cards['ticket: resolved']!().content;
    assert.deepStrictEqual(objectsOf(resolved).filter((o) => o.type === 'Action.Execute').map((o) => o.verb), ['refresh', 'reopen', 'showPastes']);
  });
});
