// One turn as the conversation sees it, implemented by each host (src/bot/teamsTurn.ts for
// botbuilder): the input already read from the activity, where the conversation is, and the ways to
// answer. Nothing here is an SDK type, so a second host (Microsoft 365 Agents SDK) drives the same
// conversation through the same route table.
import type { Person } from '../../engine/helpdesk/ticketTypes';
import type { ConversationRef } from '../conversationRef';
import type { Outbound, OutboundMessage } from '../outbound';
import type { TurnInput } from '../turnInput';

/** The body of the response to an Adaptive Card Action.Execute invoke: a card or a message shown in place of the card. */
export interface InvokeAnswer {
  statusCode: number;
  type: 'application/vnd.microsoft.card.adaptive' | 'application/vnd.microsoft.activity.message';
  value: unknown;
}

export interface ConversationTurn {
  readonly input: TurnInput;
  readonly ref: ConversationRef;
  /** Sends the messages in order (a string is a plain text message). */
  send(...messages: Outbound[]): Promise<void>;
  /** Replaces a message posted earlier in this conversation (a ticket card, for everyone who sees it). */
  update(activityId: string, message: OutboundMessage): Promise<void>;
  /** The members of a Teams team; null when they cannot be listed (the caller says so). */
  teamMembers(teamId: string): Promise<Person[] | null>;
  /** The answer to this turn's invoke (a ticket button). */
  answerInvoke(answer: InvokeAnswer): void;
}
