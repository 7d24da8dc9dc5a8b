// One turn as the conversation sees it, implemented by each host (src/bot/teamsTurn.ts for
// botbuilder): the input already read from the activity, where the conversation is, and a way to
// answer. Nothing here is an SDK type, so a second host (Microsoft 365 Agents SDK) drives the same
// conversation.
import type { ConversationRef } from '../conversationRef';
import type { Outbound } from '../outbound';
import type { TurnInput } from '../turnInput';

export interface ConversationTurn {
  readonly input: TurnInput;
  readonly ref: ConversationRef;
  /** Sends the messages in order (a string is a plain text message). */
  send(...messages: Outbound[]): Promise<void>;
}

/**
 * The rows of the route table whose work belongs to the host: they need what only the host has
 * (the Teams roster for ticket buttons, the channel's team, the whole store for `forget me`).
 * Generic in the host's own turn type, so the host gets its own turn back without a cast.
 */
export interface HostRoutes<T extends ConversationTurn> {
  /** A ticket card button (Adaptive Card Action.Execute, an `adaptiveCard/action` invoke). */
  ticketInvoke(turn: T): Promise<void>;
  /** `helpdesk here` / `tickets` typed in a channel. */
  channelCommand(turn: T, command: 'helpdesk-here' | 'tickets'): Promise<void>;
  /** `forget me`; absent when the host keeps nothing to forget. */
  forgetMe?(turn: T): Promise<void>;
}
