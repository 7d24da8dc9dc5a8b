// The ticket card's Action.Execute buttons (claim, assign, request info, resolve, reopen, show raw
// output, refresh). The invoke is validated here before the SDK touches it; the change is applied
// with compare-and-swap (two engineers claiming at once: exactly one wins, the other's card shows
// who has it); only helpdesk team members may act; the answer is the card for everyone.
import type { Actor, TicketAction } from '../engine/helpdesk/ticketMachine';
import { TICKET_ID, type Person, type TicketRecord } from '../engine/helpdesk/ticketTypes';
import { noticeCard } from '../cards/cards';
import { fitMessage } from './messageSize';
import { cardMessage } from './outbound';
import type { HelpdeskPort } from './ports/helpdeskPort';
import type { ConversationTurn, InvokeAnswer } from './ports/turnPort';

const VERBS = new Set(['claim', 'assign', 'requestInfo', 'resolve', 'reopen', 'showPastes', 'refresh']);

interface ParsedInvoke {
  verb: string;
  ticketId: string;
  data: Record<string, unknown>;
}

/** Checks an adaptiveCard/action value; a string says what is wrong with it. */
export function parseTicketInvoke(value: unknown): ParsedInvoke | string {
  const v = (value ?? {}) as { action?: { type?: unknown; verb?: unknown; data?: unknown } };
  const action = v.action;
  if (!action || typeof action !== 'object' || action.type !== 'Action.Execute') return 'That card action could not be read.';
  if (typeof action.verb !== 'string' || !VERBS.has(action.verb)) return `Unknown ticket action "${String(action.verb).slice(0, 40)}".`;
  const data = (action.data && typeof action.data === 'object' && !Array.isArray(action.data) ? action.data : {}) as Record<string, unknown>;
  if (typeof data.ticketId !== 'string' || !TICKET_ID.test(data.ticketId)) return 'That card names no valid ticket (expected an id like IRM-12).';
  return { verb: action.verb, ticketId: data.ticketId, data };
}

const card = (c: { content: unknown }): InvokeAnswer => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: c.content });
const message = (text: string): InvokeAnswer => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });

/** The team's members, for the membership check and the assign list; null when they cannot be listed. */
async function teamMembers(turn: ConversationTurn, teamId: string | null): Promise<Person[] | null> {
  return teamId ? turn.teamMembers(teamId) : null;
}

function actionOf(p: ParsedInvoke, members: Person[]): TicketAction | string {
  const text = (k: string): string => (typeof p.data[k] === 'string' ? (p.data[k] as string) : '');
  switch (p.verb) {
    case 'claim':
      return { verb: 'claim' };
    case 'reopen':
      return { verb: 'reopen' };
    case 'assign': {
      const who = members.find((m) => m.id === text('assigneeId'));
      return who ? { verb: 'assign', assignee: who } : 'Pick a member of the helpdesk team to assign the ticket to.';
    }
    case 'requestInfo':
      return { verb: 'requestInfo', question: text('question') };
    case 'resolve':
      return { verb: 'resolve', resolution: text('resolution') };
    default:
      return `Unknown ticket action "${p.verb}".`;
  }
}

/** A ticket button, answered with the card as it is now (or a message in its place). */
export async function ticketInvoke(turn: ConversationTurn, helpdesk: HelpdeskPort): Promise<void> {
  turn.answerInvoke(await answerTicketInvoke(turn, helpdesk));
}

async function answerTicketInvoke(turn: ConversationTurn, helpdesk: HelpdeskPort): Promise<InvokeAnswer> {
  const p = parseTicketInvoke(turn.input.invokeValue);
  if (typeof p === 'string') return card(noticeCard('IRM Doctor could not do that', p));
  const ticket = await helpdesk.ticket(p.ticketId);
  if (!ticket || ticket.state === 'posting') return card(noticeCard(`${p.ticketId} not found`, `There is no ticket ${p.ticketId}. It may have been removed, or the card is from another IRM Doctor installation.`));
  const members = await teamMembers(turn, ticket.channel.teamId ?? turn.input.channel?.teamId ?? null);
  const from = { id: turn.ref.userId ?? '', name: turn.ref.userName };
  const actor: Actor = { id: from.id, name: from.name ?? 'Someone', helpdesk: !!members?.some((m) => m.id === from.id) };

  if (p.verb === 'refresh') return card(await helpdesk.cardFor(ticket, members ?? []));
  if (p.verb === 'showPastes') {
    if (!actor.helpdesk) return message('Only members of the helpdesk team can see the raw output on a ticket.');
    const pastes = await helpdesk.pastesOf(ticket.caseId);
    if (pastes.length === 0) await turn.send(`${p.ticketId}: no output was pasted.`);
    for (const s of pastes.slice(-5)) {
      await turn.send(fitMessage(`${p.ticketId}, output pasted ${s.at}${s.rawTruncated ? ' (stored cut to 64 KB)' : ''}:\n\n\`\`\`\n${s.raw}\n\`\`\``));
    }
    return card(await helpdesk.cardFor(ticket, members ?? []));
  }
  if (!members) return message('I could not check that you are a member of the helpdesk team, so I did not change the ticket. Please try again.');
  const action = actionOf(p, members);
  if (typeof action === 'string') return message(action);

  const result = await helpdesk.applyAction(p.ticketId, action, actor);
  if (result.kind === 'missing') return card(noticeCard(`${p.ticketId} not found`, 'The ticket was removed meanwhile.'));
  if (result.kind === 'refused') {
    if (!actor.helpdesk) return message(result.error);
    await turn.send(`${actor.name}: ${result.error}`).catch(() => undefined);
    // The card as it is now shows who has the ticket.
    return card(await helpdesk.cardFor(result.ticket, members));
  }
  const { change } = result;
  await afterChange(turn, helpdesk, change.ticket, change.event.action, change.notice, members);
  return card(await helpdesk.cardFor(change.ticket, members));
}

async function afterChange(turn: ConversationTurn, helpdesk: HelpdeskPort, t: TicketRecord, action: string, notice: string, members: Person[]): Promise<void> {
  const last = t.timeline[t.timeline.length - 1]!;
  // The thread is the audit trail: one reply per change.
  await turn.send(`${t.id} ${action} by ${last.actor.name}${last.text ? `: ${last.text}` : ''}`);
  // Update the posted card for everyone (Teams refreshes automatically only in small teams).
  if (t.thread?.activityId) {
    await turn.update(t.thread.activityId, cardMessage(await helpdesk.cardFor(t, members))).catch((e: Error) => {
      console.error(`[helpdesk] could not update the card of ${t.id}: ${e.message}`);
    });
  }
  await helpdesk.notifyRequester(t, action === 'info-requested'
    ? `${notice}\n\nReply here: your next message (text, pasted output or a file) goes to the helpdesk.`
    : notice);
  if (action === 'info-requested') await helpdesk.awaitInfo(t);
}
