// A helpdesk ticket: an escalated case, its thread in the helpdesk channel, and what happened to it.
// Plain JSON, stored with an ETag so two engineers clicking at once never overwrite each other.

export type TicketState = 'posting' | 'open' | 'claimed' | 'info-requested' | 'resolved';
export type Severity = 'normal' | 'urgent';

export interface Person {
  id: string;
  name: string;
}

export interface TicketEvent {
  at: string;
  actor: Person;
  action: 'created' | 'claimed' | 'assigned' | 'info-requested' | 'info-added' | 'resolved' | 'reopened' | 'nudged';
  text: string | null;
}

export interface ChannelTarget {
  serviceUrl: string;
  /** The Teams channel id (19:…@thread.tacv2). */
  channelId: string;
  /** The team's id (for membership checks); null when only the channel id was configured. */
  teamId: string | null;
  tenantId: string | null;
  botId: string;
}

export interface TicketRecord {
  /** "IRM-<6 random letters and digits>" (older tickets: "IRM-<n>"). */
  id: string;
  /** Creation order (sorting the list); never shown, the id is what people see. */
  number: number;
  caseId: string;
  requester: Person & { conversationId: string };
  severity: Severity;
  note: string;
  branch: 'A' | 'B' | null;
  state: TicketState;
  assignee: Person | null;
  /** The open question to the requester while info is requested. */
  infoRequest: string | null;
  resolution: string | null;
  channel: ChannelTarget;
  /** The thread's conversation id and the ticket card's activity id, once posted. */
  thread: { conversationId: string; activityId: string | null } | null;
  timeline: TicketEvent[];
  createdAt: string;
  updatedAt: string;
  /** Set when the case was deleted (retention, `forget me`): the ticket is a stub without personal data. */
  redactedAt?: string;
}

export { TICKET_ID } from './ticketId';
import { TICKET_ID } from './ticketId';

const str = (v: unknown): v is string => typeof v === 'string';
const obj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const person = (v: unknown): boolean => obj(v) && str(v.id) && str(v.name);

/** Checks a stored ticket before anything renders or changes it (a hand-edited or truncated record is refused). */
export function isTicketRecord(v: unknown): v is TicketRecord {
  if (!obj(v)) return false;
  const t = v;
  const r = t.requester;
  const c = t.channel;
  const th = t.thread;
  return str(t.id) && TICKET_ID.test(t.id) && Number.isInteger(t.number) && str(t.caseId) && str(t.note) &&
    obj(r) && person(r) && str(r.conversationId) &&
    ['posting', 'open', 'claimed', 'info-requested', 'resolved'].includes(t.state as string) &&
    (t.assignee === null || person(t.assignee)) &&
    obj(c) && str(c.serviceUrl) && str(c.channelId) && str(c.botId) &&
    (th === null || (obj(th) && str(th.conversationId))) &&
    Array.isArray(t.timeline) && t.timeline.every((e) => obj(e) && str(e.at) && str(e.action) && person(e.actor)) &&
    str(t.createdAt) && str(t.updatedAt);
}
