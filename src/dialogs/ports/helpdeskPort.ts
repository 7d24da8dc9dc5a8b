// What the conversation needs from the helpdesk side and from proactive sending, declared here and
// implemented by the host (src/bot/helpdesk/helpdeskService.ts, src/bot/proactive/proactiveSender.ts).
import type { CaseState } from '../../engine/case/caseTypes';
import type { Severity, TicketRecord } from '../../engine/helpdesk/ticketTypes';
import type { ConversationRecord } from '../conversationRecord';
import type { ConversationRef } from '../conversationRef';
import type { OutboundMessage } from '../outbound';

export type EscalationResult = { ok: true; ticket: TicketRecord; link: string } | { ok: false; reason: string };

export interface HelpdeskPort {
  /** The helpdesk channel escalations from this conversation go to; null when none is configured. */
  target(ref: ConversationRef): Promise<{ channelName: string | null } | null>;
  /** Files the ticket and posts its thread; on a final failure nothing is left behind. */
  escalate(conv: ConversationRecord, state: CaseState, note: string, severity: Severity): Promise<EscalationResult>;
  /** The ticket, if it exists and still waits for information from its requester. */
  openInfoRequest(ticketId: string): Promise<TicketRecord | undefined>;
  /** A reply in the ticket's thread (the audit trail). */
  replyInThread(t: TicketRecord, message: OutboundMessage): Promise<void>;
  /** Records the requester's answer on the ticket and refreshes the ticket card. */
  addInfo(t: TicketRecord, requester: { id: string; name: string }, text: string): Promise<void>;
}

/** Sends outside the user's turn (the outcome of an escalation posted in the background). */
export interface ProactivePort {
  send(ref: ConversationRef, message: OutboundMessage): Promise<{ ok: boolean }>;
}
