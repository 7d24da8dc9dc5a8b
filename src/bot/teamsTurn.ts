// The conversation layer's turn port (src/dialogs/ports/turnPort.ts) on a botbuilder TurnContext:
// plain messages out as activities, and the answer to a ticket card's invoke kept for the handler.
import type { Activity, TurnContext } from 'botbuilder';
import type { ConversationRef } from '../dialogs/conversationRef';
import type { Outbound } from '../dialogs/outbound';
import type { ConversationTurn } from '../dialogs/ports/turnPort';
import type { TurnInput } from '../dialogs/turnInput';
import type { InvokeAnswer } from './helpdesk/ticketActions';

function toActivity(m: Outbound): Partial<Activity> {
  return typeof m === 'string' ? { type: 'message', text: m, inputHint: 'acceptingInput' } : m;
}

export class TeamsTurn implements ConversationTurn {
  /** Set by the ticket-invoke route: the body of the invoke response. */
  invokeAnswer: InvokeAnswer | undefined;

  constructor(readonly context: TurnContext, readonly input: TurnInput, readonly ref: ConversationRef) {}

  async send(...messages: Outbound[]): Promise<void> {
    if (messages.length === 0) return;
    await this.context.sendActivities(messages.map(toActivity));
  }
}
