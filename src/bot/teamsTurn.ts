// The conversation layer's turn port (src/dialogs/ports/turnPort.ts) on a botbuilder TurnContext:
// plain messages out as activities, a posted card replaced in place, the team's roster from Teams,
// and the answer to a ticket button's invoke kept for the handler to return.
import { TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import type { Person } from '../engine/helpdesk/ticketTypes';
import type { ConversationRef } from '../dialogs/conversationRef';
import type { Outbound, OutboundMessage } from '../dialogs/outbound';
import type { ConversationTurn, InvokeAnswer } from '../dialogs/ports/turnPort';
import type { TurnInput } from '../dialogs/turnInput';

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

  async update(activityId: string, message: OutboundMessage): Promise<void> {
    await this.context.updateActivity({ ...message, id: activityId });
  }

  async teamMembers(teamId: string): Promise<Person[] | null> {
    try {
      const out: Person[] = [];
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedTeamMembers(this.context, teamId, 500, token);
        for (const m of page.members ?? []) out.push({ id: m.id, name: m.name ?? m.id });
        token = page.continuationToken;
      } while (token && out.length < 5000);
      return out;
    } catch (e) {
      console.error(`[helpdesk] could not list the members of ${teamId}: ${(e as Error).message}`);
      return null;
    }
  }

  answerInvoke(answer: InvokeAnswer): void {
    this.invokeAnswer = answer;
  }
}
