// The Teams activity handler. Thin on purpose: it reads the activity into a TurnInput (text without
// the mention, card action, uploaded files) and sends the turn down the conversation's route table
// (src/dialogs/routeTable.ts); everything that decides anything lives in src/engine and src/dialogs.
import { TeamsActivityHandler, TurnContext, type InvokeResponse } from 'botbuilder';
import { welcomeCard } from '../cards/cards';
import type { CaseConversation } from '../dialogs/caseConversation';
import { routeTable, routeTurn, type Route } from '../dialogs/routeTable';
import type { CaseRepository } from './storage/caseRepository';
import { refFromActivity } from './conversationRef';
import { inboundText } from './inboundText';
import { invokeFailure, messageInput, storeGuard, ticketInvokeInput } from './activityInput';
import type { HelpdeskService } from './helpdesk/helpdeskService';
import type { ForgetUser } from '../dialogs/ports/privacyPort';
import type { Telemetry } from './telemetry/telemetry';
import { TeamsTurn } from './teamsTurn';

export { MAX_PASTE_CHARS, UNAVAILABLE_TEXT } from './activityInput';

export interface BotExtras {
  /** `forget me`: deletes what is stored about a user. */
  forget?: ForgetUser;
  telemetry?: Telemetry;
  /** Told of every storage failure a turn meets (/healthz reports it). */
  onStoreFailure?: (e: Error) => void;
}

/** What builds a host's bot from the conversation (botAssembly.ts); each host has its own. */
export type BotFactory<B> = (conversation: CaseConversation, repo: CaseRepository, helpdesk: HelpdeskService, extras: BotExtras) => B;

export const irmDoctorBot: BotFactory<IrmDoctorBot> = (conversation, repo, helpdesk, extras) => new IrmDoctorBot(conversation, repo, helpdesk, extras);

export class IrmDoctorBot extends TeamsActivityHandler {
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
          await this.repo.touchConversation(refFromActivity(context.activity));
          await context.sendActivity({ type: 'message', attachments: [welcomeCard()] });
        });
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await storeGuard((t) => context.sendActivity(t), () => this.answer(context), this.extras.onStoreFailure);
      await next();
    });
  }

  /**
   * Ticket card buttons (Action.Execute) arrive as `adaptiveCard/action` invokes. They are handled
   * here, before the SDK's own parsing (which answers a malformed value with an error Teams shows as
   * "Something went wrong"), and answered with the card for everyone.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    try {
      const turn = new TeamsTurn(context, ticketInvokeInput(context.activity), refFromActivity(context.activity));
      await this.route(turn);
      return { status: 200, body: turn.invokeAnswer };
    } catch (e) {
      return invokeFailure(e, this.extras.telemetry, this.extras.onStoreFailure);
    }
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const text = inboundText(activity, activity.recipient ? TurnContext.removeRecipientMention(activity) : activity.text);
    const { input, notice } = await messageInput(activity, text);
    if (notice) await context.sendActivity(notice);
    await this.route(new TeamsTurn(context, input, refFromActivity(activity)));
  }

  private route(turn: TeamsTurn): Promise<unknown> {
    return routeTurn(this.routes, turn, (t) => this.conversation.record(t));
  }
}
