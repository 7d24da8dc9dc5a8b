// What the conversation needs from the helpdesk side and from proactive sending, declared here and
// implemented by the host (src/bot/helpdesk/helpdeskService.ts, src/bot/proactive/proactiveSender.ts).
import type { CaseState, StoredPaste } from '../../engine/case/caseTypes';
import type { Actor, TicketAction, TicketChange } from '../../engine/helpdesk/ticketMachine';
import type { ChannelTarget, Person, Severity, TicketRecord } from '../../engine/helpdesk/ticketTypes';
import type { CardAttachment } from '../../cards/cards';
import type { ConversationRecord } from '../conversationRecord';
import type { ConversationRef } from '../conversationRef';
import type { OutboundMessage } from '../outbound';

export type EscalationResult = { ok: true; ticket: TicketRecord; link: string } | { ok: false; reason: string };

export type TicketActionResult =
  | { kind: 'changed'; change: Extract<TicketChange, { ok: true }> }
  | { kind: 'refused'; error: string; ticket: TicketRecord }
  | { kind: 'missing' };

/** The helpdesk channel as chosen with `helpdesk here`. */
export interface HelpdeskChannelChoice extends ChannelTarget {
  channelName: string | null;
  setBy: string | null;
  /** IANA zone of whoever set it: quiet hours for nudges in the channel use it. */
  timeZone: string | null;
  setAt: string;
}

export interface HelpdeskPort {
  now(): Date;
  /** The helpdesk channel escalations from this conversation go to; null when none is configured. */
  target(ref: ConversationRef): Promise<{ channelName: string | null } | null>;
  /** Files the ticket and posts its thread; on a final failure nothing is left behind. */
  escalate(conv: ConversationRecord, state: CaseState, note: string, severity: Severity): Promise<EscalationResult>;
  /** A ticket by id (undefined when there is none). */
  ticket(ticketId: string): Promise<TicketRecord | undefined>;
  /** The open tickets and who holds them. */
  listTickets(): Promise<TicketRecord[]>;
  /** The ticket, if it exists and still waits for information from its requester. */
  openInfoRequest(ticketId: string): Promise<TicketRecord | undefined>;
  /** The ticket card as it is now (with the team's members for the assign list). */
  cardFor(t: TicketRecord, members?: Person[]): Promise<CardAttachment>;
  /** Every output pasted into the ticket's case, oldest first. */
  pastesOf(caseId: string): Promise<StoredPaste[]>;
  /** Applies a ticket action with compare-and-swap (a lost race is re-applied to the fresh ticket). */
  applyAction(ticketId: string, action: TicketAction, actor: Actor): Promise<TicketActionResult>;
  /** Tells the requester in their 1:1 chat (best effort). */
  notifyRequester(t: TicketRecord, text: string): Promise<void>;
  /** The helpdesk asked the requester for information: their next message goes to the ticket, and they are nudged. */
  awaitInfo(t: TicketRecord): Promise<void>;
  /** A reply in the ticket's thread (the audit trail). */
  replyInThread(t: TicketRecord, message: OutboundMessage): Promise<void>;
  /** Records the requester's answer on the ticket and refreshes the ticket card. */
  addInfo(t: TicketRecord, requester: { id: string; name: string }, text: string): Promise<void>;
  /** `helpdesk here`: escalations go to this channel from now on. */
  useChannel(choice: HelpdeskChannelChoice): Promise<void>;
  /** HELPDESK_CHANNEL_ID, which wins over a channel chosen with `helpdesk here`. */
  readonly envChannelId: string | null;
}

/** Sends outside the user's turn (the outcome of an escalation posted in the background). */
export interface ProactivePort {
  send(ref: ConversationRef, message: OutboundMessage): Promise<{ ok: boolean }>;
}
