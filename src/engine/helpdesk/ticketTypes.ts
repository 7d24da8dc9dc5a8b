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
  /** "IRM-<n>" */
  id: string;
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
}

export const TICKET_ID = /^IRM-(\d{1,9})$/;

export function isTicketRecord(v: unknown): v is TicketRecord {
  if (!v || typeof v !== 'object') return false;
  const t = v as Record<string, unknown>;
  return typeof t.id === 'string' && TICKET_ID.test(t.id) && typeof t.caseId === 'string' && !!t.requester && typeof t.requester === 'object' &&
    ['posting', 'open', 'claimed', 'info-requested', 'resolved'].includes(t.state as string) && Array.isArray(t.timeline) && !!t.channel;
}
