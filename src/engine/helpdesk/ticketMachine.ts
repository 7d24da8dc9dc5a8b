// What may happen to a ticket, and who may make it happen. Pure: (ticket, action, actor) ->
// changed ticket and the sentence for the thread and the requester, or a refusal saying why.
import type { Person, TicketEvent, TicketRecord } from './ticketTypes';

export type TicketAction =
  | { verb: 'claim' }
  | { verb: 'assign'; assignee: Person }
  | { verb: 'requestInfo'; question: string }
  | { verb: 'resolve'; resolution: string }
  | { verb: 'reopen' }
  | { verb: 'addInfo'; text: string };

export interface Actor extends Person {
  /** A member of the helpdesk team (may act on tickets). */
  helpdesk: boolean;
}

export type TicketChange =
  | { ok: true; ticket: TicketRecord; event: TicketEvent; /** What the requester is told in 1:1. */ notice: string }
  | { ok: false; error: string };

const MAX_TEXT = 2000;

function clean(s: string): string {
  return s.trim().slice(0, MAX_TEXT);
}

function refuse(error: string): TicketChange {
  return { ok: false, error };
}

export function applyTicketAction(t: TicketRecord, a: TicketAction, actor: Actor, now: Date): TicketChange {
  const isRequester = actor.id === t.requester.id;
  if (a.verb === 'addInfo') {
    if (!isRequester && !actor.helpdesk) return refuse('Only the requester or the helpdesk can add information to this ticket.');
  } else if (!actor.helpdesk) {
    return refuse(isRequester
      ? 'As the requester you can add information to your ticket, but only the helpdesk team can claim, assign or resolve it.'
      : 'Only members of the helpdesk team can act on tickets.');
  }
  if (t.state === 'posting') return refuse(`${t.id} is still being posted; try again in a moment.`);
  const at = now.toISOString();
  const base = { ...t, updatedAt: at };
  const ev = (action: TicketEvent['action'], text: string | null): TicketEvent => ({ at, actor: { id: actor.id, name: actor.name }, action, text });
  const done = (ticket: TicketRecord, event: TicketEvent, notice: string): TicketChange =>
    ({ ok: true, ticket: { ...ticket, timeline: [...t.timeline, event] }, event, notice });

  switch (a.verb) {
    case 'claim':
      if (t.state === 'resolved') return refuse(`${t.id} is resolved; reopen it first.`);
      if (t.assignee) return refuse(t.assignee.id === actor.id ? `You already have ${t.id}.` : `${t.assignee.name} already has ${t.id}.`);
      return done({ ...base, state: t.state === 'info-requested' ? t.state : 'claimed', assignee: { id: actor.id, name: actor.name } },
        ev('claimed', null), `${actor.name} from the helpdesk has taken your ticket ${t.id}.`);
    case 'assign': {
      if (t.state === 'resolved') return refuse(`${t.id} is resolved; reopen it first.`);
      if (t.assignee?.id === a.assignee.id) return refuse(`${a.assignee.name} already has ${t.id}.`);
      return done({ ...base, state: t.state === 'info-requested' ? t.state : 'claimed', assignee: a.assignee },
        ev('assigned', a.assignee.name), `Your ticket ${t.id} is now with ${a.assignee.name} from the helpdesk.`);
    }
    case 'requestInfo': {
      const q = clean(a.question);
      if (!q) return refuse('Write what you need from the requester.');
      if (t.state === 'resolved') return refuse(`${t.id} is resolved; reopen it first.`);
      return done({ ...base, state: 'info-requested', infoRequest: q, assignee: t.assignee ?? { id: actor.id, name: actor.name } },
        ev('info-requested', q), `The helpdesk (${actor.name}) needs more information for ${t.id}: ${q}`);
    }
    case 'addInfo': {
      const text = clean(a.text);
      if (!text) return refuse('There is no information to add.');
      if (t.state === 'resolved') return refuse(`${t.id} is resolved; reopen it first or start a new case.`);
      return done({ ...base, state: t.assignee ? 'claimed' : 'open', infoRequest: null }, ev('info-added', text),
        `Thanks, your information was added to ${t.id}.`);
    }
    case 'resolve': {
      const r = clean(a.resolution);
      if (!r) return refuse('Write a resolution note: what fixed it.');
      if (t.state === 'resolved') return refuse(`${t.id} is already resolved.`);
      return done({ ...base, state: 'resolved', resolution: r, infoRequest: null, assignee: t.assignee ?? { id: actor.id, name: actor.name } },
        ev('resolved', r), `Your ticket ${t.id} was resolved by ${actor.name}: ${r}`);
    }
    case 'reopen':
      if (t.state !== 'resolved') return refuse(`${t.id} is not resolved.`);
      return done({ ...base, state: t.assignee ? 'claimed' : 'open', resolution: null }, ev('reopened', null),
        `Your ticket ${t.id} was reopened by ${actor.name}.`);
  }
}
