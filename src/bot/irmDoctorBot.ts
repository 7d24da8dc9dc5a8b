// The Teams activity handler. Thin on purpose: it reads the activity into a TurnInput (text without
// the mention, card action, uploaded files) and sends the turn down the conversation's route table
// (src/dialogs/routeTable.ts); everything that decides anything lives in src/engine and src/dialogs.
import { TeamsActivityHandler, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { parseCardAction } from '../cards/cardActions';
import { welcomeCard } from '../cards/cards';
import type { CaseConversation } from '../dialogs/caseConversation';
import { routeTable, routeTurn, type Route } from '../dialogs/routeTable';
import type { TeamsChannel, TurnInput } from '../dialogs/turnInput';
import type { CaseRepository } from './storage/caseRepository';
import { StoreUnavailableError } from './storage/recordStore';
import { refFromActivity } from './conversationRef';
import { inboundText } from './inboundText';
import { readUploads } from './fileUploads';
import type { HelpdeskService } from './helpdesk/helpdeskService';
import type { ForgetUser } from '../dialogs/ports/privacyPort';
import { NO_TELEMETRY, type Telemetry } from './telemetry/telemetry';
import { TeamsTurn } from './teamsTurn';

export interface BotExtras {
  /** `forget me`: deletes what is stored about a user. */
  forget?: ForgetUser;
  telemetry?: Telemetry;
}

/** Larger pastes are read up to here: nobody's real output is this big, and a turn must answer within 15 s. */
export const MAX_PASTE_CHARS = 5 * 1024 * 1024;

export const UNAVAILABLE_TEXT = 'IRM Doctor is temporarily unavailable (its storage did not answer). Nothing you sent before was lost; please try again in a minute.';

const NO_FILES = { files: [], fileErrors: [] };

/** The Teams channel and team a channel message or ticket button came from (channelData). */
function channelOf(a: Activity): TeamsChannel | undefined {
  const d = (a.channelData ?? {}) as { channel?: { id?: unknown; name?: unknown }; team?: { id?: unknown; name?: unknown } };
  if (!d.channel && !d.team) return undefined;
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return { id: str(d.channel?.id), name: str(d.channel?.name), teamId: str(d.team?.id), teamName: str(d.team?.name) };
}

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
        await this.guard(context, async () => {
          // Store where to reach this conversation at first contact (reminders, helpdesk notices).
          await this.repo.touchConversation(refFromActivity(context.activity));
          await context.sendActivity({ type: 'message', attachments: [welcomeCard()] });
        });
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.guard(context, () => this.answer(context));
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
      const input: TurnInput = { kind: 'ticket-invoke', text: '', fromCard: true, ...NO_FILES, channel: channelOf(context.activity), invokeValue: context.activity.value };
      const turn = new TeamsTurn(context, input, refFromActivity(context.activity));
      await this.route(turn);
      return { status: 200, body: turn.invokeAnswer };
    } catch (e) {
      const text = e instanceof StoreUnavailableError ? UNAVAILABLE_TEXT : 'Sorry, something went wrong while updating the ticket. Nothing was changed; please try again.';
      console.error(`[helpdesk] invoke failed: ${(e as Error).stack ?? e}`);
      (this.extras.telemetry ?? NO_TELEMETRY).exception(e, { where: 'invoke' });
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
    }
  }

  private async guard(context: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        console.error(`[storage] ${e.message}`);
        await context.sendActivity(UNAVAILABLE_TEXT);
        return;
      }
      throw e;
    }
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    let text = inboundText(context);
    if (text.length > MAX_PASTE_CHARS) {
      await context.sendActivity(`That message is ${(text.length / 1048576).toFixed(1)} MB; I read the first 5 MB only. ` +
        'Paste just the output of one command, or upload it as a .txt file.');
      text = text.slice(0, MAX_PASTE_CHARS);
    }
    const ref = refFromActivity(activity);
    const fromCard = activity.value !== undefined;
    const action = fromCard ? parseCardAction(activity.value) : undefined;
    const uploads = await readUploads(activity.attachments, activity.conversation?.conversationType);
    const input: TurnInput = {
      kind: 'message',
      text: action ? '' : text,
      action,
      fromCard,
      invalidValue: fromCard && !action && text === '',
      files: uploads.files,
      fileErrors: uploads.errors,
      channel: channelOf(activity),
    };
    await this.route(new TeamsTurn(context, input, ref));
  }

  private route(turn: TeamsTurn): Promise<unknown> {
    return routeTurn(this.routes, turn, (t) => this.conversation.record(t));
  }
}
