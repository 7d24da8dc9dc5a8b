// The conversation layer's turn port (src/dialogs/ports/turnPort.ts) on the Agents SDK's TurnContext,
// as src/bot/teamsTurn.ts is on botbuilder's: plain messages out as activities, a posted card
// replaced in place, the team's roster from the connector, and the invoke answer kept for the handler.
import { Activity } from '@microsoft/agents-activity';
import type { CloudAdapter, ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import type { Person } from '../../engine/helpdesk/ticketTypes';
import type { ConversationRef } from '../../dialogs/conversationRef';
import type { Outbound, OutboundMessage } from '../../dialogs/outbound';
import type { ConversationTurn, InvokeAnswer } from '../../dialogs/ports/turnPort';
import type { TurnInput } from '../../dialogs/turnInput';
import { log } from '../../dialogs/logger';

function toActivity(m: Outbound): Activity {
  return Activity.fromObject(typeof m === 'string' ? { type: 'message', text: m, inputHint: 'acceptingInput' } : m);
}

interface MembersPage {
  members?: { id?: string; name?: string }[];
  continuationToken?: string;
}

export class AgentsTurn implements ConversationTurn {
  /** Set by the ticket-invoke route: the body of the invoke response. */
  invokeAnswer: InvokeAnswer | undefined;

  constructor(readonly context: TurnContext, readonly input: TurnInput, readonly ref: ConversationRef) {}

  async send(...messages: Outbound[]): Promise<void> {
    if (messages.length === 0) return;
    await this.context.sendActivities(messages.map(toActivity));
  }

  async update(activityId: string, message: OutboundMessage): Promise<void> {
    await this.context.updateActivity(Activity.fromObject({ ...message, id: activityId }));
  }

  /**
   * The connector's paged members route (what botbuilder's TeamsInfo.getPagedTeamMembers calls), on
   * the turn's authenticated connector client: the SDK's Teams extension is deprecated on the registry
   * with no successor published, so the bot does not depend on it.
   */
  async teamMembers(teamId: string): Promise<Person[] | null> {
    try {
      // The key is the adapter instance's own symbol.
      const client = this.context.turnState.get<ConnectorClient>((this.context.adapter as CloudAdapter).ConnectorClientKey);
      if (!client) throw new Error('no connector client on this turn');
      const out: Person[] = [];
      let token: string | undefined;
      do {
        const page = await client.httpClient.get<MembersPage>(`v3/conversations/${encodeURIComponent(teamId)}/pagedmembers`, {
          params: { pageSize: '500', continuationToken: token },
          headers: { 'Content-Type': 'application/json' },
        });
        for (const m of page.data.members ?? []) if (m.id) out.push({ id: m.id, name: m.name ?? m.id });
        token = page.data.continuationToken;
      } while (token && out.length < 5000);
      return out;
    } catch (e) {
      log.warn('helpdesk.members-failed', { team: teamId }, e);
      return null;
    }
  }

  answerInvoke(answer: InvokeAnswer): void {
    this.invokeAnswer = answer;
  }
}
