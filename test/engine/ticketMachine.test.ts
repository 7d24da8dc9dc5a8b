// The ticket rules as one table: every action × every ticket state × who acts, and what comes out
// (the new state and holder, or the refusal the person is shown). The table is the specification;
// a rule change has to change a row here.
import * as assert from 'assert';
import { applyTicketAction, type Actor, type TicketAction } from '../../src/engine/helpdesk/ticketMachine';
import type { Person, TicketRecord, TicketState } from '../../src/engine/helpdesk/ticketTypes';

const NOW = new Date('2026-12-01T09:00:00Z');
const ENGINEER: Person = { id: 'u-eng', name: 'Eva Engineer' };
const OTHER: Person = { id: 'u-other', name: 'Otto Other' };
const NEWCOMER: Person = { id: 'u-new', name: 'Nina New' };
const REQUESTER: Person = { id: 'u-req', name: 'Rita Requester' };
const STRANGER: Person = { id: 'u-x', name: 'Sam Stranger' };

type Who = 'holder' | 'other engineer' | 'requester' | 'stranger';
const ACTORS: Record<Who, Actor> = {
  holder: { ...ENGINEER, helpdesk: true },
  'other engineer': { ...OTHER, helpdesk: true },
  requester: { ...REQUESTER, helpdesk: false },
  stranger: { ...STRANGER, helpdesk: false },
};
const STATES: TicketState[] = ['posting', 'open', 'claimed', 'info-requested', 'resolved'];

/** A ticket in `state`; from "claimed" on, Eva holds it (an open or posting ticket has no holder). */
function ticket(state: TicketState): TicketRecord {
  const held = state !== 'open' && state !== 'posting';
  return {
    id: 'IRM-7', number: 7, caseId: 'case-7', requester: { ...REQUESTER, conversationId: 'a:rita' }, severity: 'normal', note: 'OWA fails',
    branch: 'A', state, assignee: held ? ENGINEER : null, infoRequest: state === 'info-requested' ? 'Which Exchange build?' : null,
    resolution: state === 'resolved' ? 'Registry fixed' : null,
    channel: { serviceUrl: 'http://127.0.0.1:1/', channelId: '19:desk@thread.tacv2', teamId: 'team-1', tenantId: 't-1', botId: 'bot' },
    thread: state === 'posting' ? null : { conversationId: '19:desk@thread.tacv2;messageid=1', activityId: '1' },
    timeline: [{ at: '2026-12-01T08:00:00.000Z', actor: REQUESTER, action: 'created', text: null }],
    createdAt: '2026-12-01T08:00:00.000Z', updatedAt: '2026-12-01T08:00:00.000Z',
  };
}

const ACTIONS: Record<string, TicketAction> = {
  claim: { verb: 'claim' },
  'assign to Nina': { verb: 'assign', assignee: NEWCOMER },
  'assign to Eva': { verb: 'assign', assignee: ENGINEER },
  requestInfo: { verb: 'requestInfo', question: 'Please paste Get-IRMConfiguration.' },
  'requestInfo, empty': { verb: 'requestInfo', question: '   ' },
  resolve: { verb: 'resolve', resolution: 'Authorised the servers on the connector.' },
  'resolve, empty': { verb: 'resolve', resolution: '' },
  reopen: { verb: 'reopen' },
  addInfo: { verb: 'addInfo', text: 'Build 15.2.1544.4' },
  'addInfo, empty': { verb: 'addInfo', text: ' ' },
};

/** Allowed: the ticket's new state, who holds it, and the timeline entry. Refused: the message shown. */
type Outcome = { state: TicketState; holder: string | null; event: string } | RegExp;
const POSTING = /IRM-7 is still being posted; try again in a moment/;
const REOPEN_FIRST = /IRM-7 is resolved; reopen it first\./;
const ONLY_HELPDESK = /^Only members of the helpdesk team can act on tickets\.$/;
const REQUESTER_ONLY_ADDS = /^As the requester you can add information to your ticket, but only the helpdesk team can claim, assign or resolve it\.$/;

/**
 * What a helpdesk member gets, per action and state; `holder` rows differ only where the person
 * acting already holds the ticket. The requester and a stranger get the rows further down.
 */
const HELPDESK: Record<string, Record<TicketState, Outcome | { holder: Outcome; 'other engineer': Outcome }>> = {
  claim: {
    posting: POSTING,
    open: { holder: { state: 'claimed', holder: 'Eva Engineer', event: 'claimed' }, 'other engineer': { state: 'claimed', holder: 'Otto Other', event: 'claimed' } },
    claimed: { holder: /^You already have IRM-7\.$/, 'other engineer': /^Eva Engineer already has IRM-7\.$/ },
    'info-requested': { holder: /^You already have IRM-7\.$/, 'other engineer': /^Eva Engineer already has IRM-7\.$/ },
    resolved: REOPEN_FIRST,
  },
  'assign to Nina': {
    posting: POSTING,
    open: { state: 'claimed', holder: 'Nina New', event: 'assigned' },
    claimed: { state: 'claimed', holder: 'Nina New', event: 'assigned' },
    'info-requested': { state: 'info-requested', holder: 'Nina New', event: 'assigned' },
    resolved: REOPEN_FIRST,
  },
  'assign to Eva': {
    posting: POSTING,
    open: { state: 'claimed', holder: 'Eva Engineer', event: 'assigned' },
    claimed: /^Eva Engineer already has IRM-7\.$/,
    'info-requested': /^Eva Engineer already has IRM-7\.$/,
    resolved: REOPEN_FIRST,
  },
  requestInfo: {
    posting: POSTING,
    open: { holder: { state: 'info-requested', holder: 'Eva Engineer', event: 'info-requested' }, 'other engineer': { state: 'info-requested', holder: 'Otto Other', event: 'info-requested' } },
    claimed: { state: 'info-requested', holder: 'Eva Engineer', event: 'info-requested' },
    'info-requested': { state: 'info-requested', holder: 'Eva Engineer', event: 'info-requested' },
    resolved: REOPEN_FIRST,
  },
  'requestInfo, empty': {
    posting: POSTING, open: /^Write what you need from the requester\.$/, claimed: /^Write what you need/, 'info-requested': /^Write what you need/, resolved: /^Write what you need/,
  },
  resolve: {
    posting: POSTING,
    open: { holder: { state: 'resolved', holder: 'Eva Engineer', event: 'resolved' }, 'other engineer': { state: 'resolved', holder: 'Otto Other', event: 'resolved' } },
    claimed: { state: 'resolved', holder: 'Eva Engineer', event: 'resolved' },
    'info-requested': { state: 'resolved', holder: 'Eva Engineer', event: 'resolved' },
    resolved: /^IRM-7 is already resolved\.$/,
  },
  'resolve, empty': {
    posting: POSTING, open: /^Write a resolution note: what fixed it\.$/, claimed: /^Write a resolution note/, 'info-requested': /^Write a resolution note/, resolved: /^Write a resolution note/,
  },
  reopen: {
    posting: POSTING, open: /^IRM-7 is not resolved\.$/, claimed: /^IRM-7 is not resolved\.$/, 'info-requested': /^IRM-7 is not resolved\.$/,
    resolved: { state: 'claimed', holder: 'Eva Engineer', event: 'reopened' },
  },
  addInfo: {
    posting: POSTING,
    open: { state: 'open', holder: null, event: 'info-added' },
    claimed: { state: 'claimed', holder: 'Eva Engineer', event: 'info-added' },
    'info-requested': { state: 'claimed', holder: 'Eva Engineer', event: 'info-added' },
    resolved: /^IRM-7 is resolved; reopen it first or start a new case\.$/,
  },
  'addInfo, empty': {
    posting: POSTING, open: /^There is no information to add\.$/, claimed: /^There is no information/, 'info-requested': /^There is no information/, resolved: /^There is no information/,
  },
};

function expected(action: string, state: TicketState, who: Who): Outcome {
  // Only the requester (besides the helpdesk) may add information; nobody else outside the helpdesk may do anything.
  if (who === 'stranger') return action.startsWith('addInfo') ? /^Only the requester or the helpdesk can add information to this ticket\.$/ : ONLY_HELPDESK;
  if (who === 'requester' && !action.startsWith('addInfo')) return REQUESTER_ONLY_ADDS;
  const row = HELPDESK[action]![state];
  if (row instanceof RegExp || 'state' in row) return row;
  // The requester adds information as anyone allowed to would; "holder" and "other engineer" differ only here.
  return row[who === 'requester' ? 'other engineer' : who];
}

describe('ticket rules: every action × every state × who acts', () => {
  for (const action of Object.keys(ACTIONS)) {
    for (const state of STATES) {
      for (const who of Object.keys(ACTORS) as Who[]) {
        const want = expected(action, state, who);
        const label = want instanceof RegExp ? `refused: ${want.source.replace(/^\^|\$$|\\/g, '')}` : `→ ${want.state}, held by ${want.holder ?? 'nobody'}`;
        it(`${action} on a ${state} ticket by the ${who}: ${label}`, () => {
          const before = ticket(state);
          const snapshot = JSON.stringify(before);
          const got = applyTicketAction(before, ACTIONS[action]!, ACTORS[who], NOW);
          assert.strictEqual(JSON.stringify(before), snapshot, 'the ticket given is never changed');
          if (want instanceof RegExp) {
            assert.ok(!got.ok, `expected a refusal, got ${got.ok ? got.ticket.state : ''}`);
            assert.match(got.error, want);
            return;
          }
          assert.ok(got.ok, got.ok ? '' : got.error);
          assert.strictEqual(got.ticket.state, want.state);
          assert.strictEqual(got.ticket.assignee?.name ?? null, want.holder);
          assert.strictEqual(got.event.action, want.event);
          assert.deepStrictEqual(got.event.actor, { id: ACTORS[who].id, name: ACTORS[who].name });
          assert.deepStrictEqual(got.ticket.timeline, [...before.timeline, got.event]);
          assert.strictEqual(got.ticket.updatedAt, NOW.toISOString());
          assert.match(got.notice, /IRM-7/, 'the requester is told which ticket changed');
          // What each action leaves behind beside the state.
          if (want.state === 'info-requested') assert.strictEqual(got.ticket.infoRequest, action === 'requestInfo' ? 'Please paste Get-IRMConfiguration.' : before.infoRequest);
          if (want.event === 'info-added' || want.event === 'resolved') assert.strictEqual(got.ticket.infoRequest, null);
          if (want.event === 'resolved') assert.strictEqual(got.ticket.resolution, 'Authorised the servers on the connector.');
          if (want.event === 'reopened') assert.strictEqual(got.ticket.resolution, null);
        });
      }
    }
  }

  it('reopens a resolved ticket nobody held as open, and trims long texts to 2,000 characters', () => {
    const unheld = { ...ticket('resolved'), assignee: null };
    const r = applyTicketAction(unheld, { verb: 'reopen' }, ACTORS['other engineer'], NOW);
    assert.ok(r.ok && r.ticket.state === 'open' && r.ticket.assignee === null);
    const long = applyTicketAction(ticket('claimed'), { verb: 'addInfo', text: `  ${'x'.repeat(5000)}  ` }, ACTORS.requester, NOW);
    assert.ok(long.ok && long.event.text?.length === 2000);
  });
});
