// The Agents SDK host's activity handler, the counterpart of src/bot/irmDoctorBot.ts: it reads the
// activity into the same TurnInput (src/bot/activityInput.ts) and sends the turn down the same route
// table, so both hosts hold the same conversation.
import { Activity } from '@microsoft/agents-activity';
import { ActivityHandler, type InvokeResponse, type TurnContext } from '@microsoft/agents-hosting';
import { welcomeCard } from '../../cards/cards';
import type { CaseConversation } from '../../dialogs/caseConversation';
import { routeTable, routeTurn, type Route } from '../../dialogs/routeTable';
import { invokeFailure, messageInput, storeGuard, ticketInvokeInput } from '../activityInput';
import { refFromActivity } from '../conversationRef';
import type { HelpdeskService } from '../helpdesk/helpdeskService';
import { inboundText } from '../inboundText';
import type { BotExtras, BotFactory } from '../irmDoctorBot';
import type { CaseRepository } from '../storage/caseRepository';
import { AgentsTurn } from './agentsTurn';

/** The activity as the shared readers take it (the same wire fields as botbuilder's). */
function wire(context: TurnContext): Parameters<typeof refFromActivity>[0] {
  return context.activity as unknown as Parameters<typeof refFromActivity>[0];
}

export class AgentsBot extends ActivityHandler {
  private readonly routes: readonly Route[];

  constructor(
    private readonly conversation: CaseConversation,
    private readonly repo: CaseRepository,
    helpdesk: HelpdeskService,
    private readonly extras: BotExtras = {},
  ) {
    super();
    this.routes = routeTable(conversation, { helpdesk, forget: extras.forget });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
        await storeGuard((t) => context.sendActivity(t), async () => {
          // Store where to reach this conversation at first contact (reminders, helpdesk notices).
          await this.repo.touchConversation(refFromActivity(wire(context)));
          await context.sendActivity(Activity.fromObject({ type: 'message', attachments: [welcomeCard()] }));
        });
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await storeGuard((t) => context.sendActivity(t), () => this.answer(context), this.extras.onStoreFailure);
      await next();
    });
  }

  /** Ticket card buttons (Action.Execute), handled before the SDK's own parsing as on the botbuilder host. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    try {
      const turn = new AgentsTurn(context, ticketInvokeInput(context.activity), refFromActivity(wire(context)));
      await this.route(turn);
      return { status: 200, body: turn.invokeAnswer };
    } catch (e) {
      return invokeFailure(e, this.extras.telemetry, this.extras.onStoreFailure);
    }
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const text = inboundText(activity, activity.recipient ? activity.removeRecipientMention() : activity.text);
    const { input, notice } = await messageInput(activity, text);
    if (notice) await context.sendActivity(notice);
    await this.route(new AgentsTurn(context, input, refFromActivity(wire(context))));
  }

  private route(turn: AgentsTurn): Promise<unknown> {
    return routeTurn(this.routes, turn, (t) => this.conversation.record(t));
  }
}

export const agentsBot: BotFactory<AgentsBot> = (conversation, repo, helpdesk, extras) => new AgentsBot(conversation, repo, helpdesk, extras);
