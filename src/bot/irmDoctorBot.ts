// The Teams activity handler. Thin on purpose: it reads the activity into a TurnInput (text without
// the mention, card action, uploaded files) and hands it to the conversation; everything that
// decides anything lives in src/engine and src/dialogs.
import { TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { parseCardAction } from '../cards/cardActions';
import { welcomeCard } from '../cards/cards';
import type { CaseConversation } from '../dialogs/caseConversation';
import type { TurnInput } from '../dialogs/turnInput';
import type { CaseRepository } from './storage/caseRepository';
import { storeFailureIn } from './storage/storeFailure';
import { refFromActivity } from './conversationRef';
import { inboundText } from './inboundText';
import { readUploads } from './fileUploads';
import type { HelpdeskService } from './helpdesk/helpdeskService';
import { channelCommand, runChannelCommand } from './helpdesk/helpdeskTurns';
import { handleTicketInvoke } from './helpdesk/ticketActions';
import { isForgetMe, runForgetMe } from './forgetMe';
import type { ForgetCounts } from './storage/forgetUser';
import { NO_TELEMETRY, type Telemetry } from './telemetry/telemetry';

export interface BotExtras {
  /** `forget me`: deletes what is stored about a user. */
  forget?: (userId: string) => Promise<ForgetCounts>;
  telemetry?: Telemetry;
  /** Told of every storage failure a turn meets (/healthz reports it). */
  onStoreFailure?: (e: Error) => void;
}

/** Larger pastes are read up to here: nobody's real output is this big, and a turn must answer within 15 s. */
export const MAX_PASTE_CHARS = 5 * 1024 * 1024;

export const UNAVAILABLE_TEXT = 'IRM Doctor is temporarily unavailable (its storage did not answer). Nothing you sent before was lost; please try again in a minute.';

export class IrmDoctorBot extends TeamsActivityHandler {
  constructor(
    private readonly conversation: CaseConversation,
    private readonly repo: CaseRepository,
    private readonly helpdesk: HelpdeskService,
    private readonly extras: BotExtras = {},
  ) {
    super();
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
      return { status: 200, body: await handleTicketInvoke(context, this.helpdesk, context.activity.value) };
    } catch (e) {
      const storage = storeFailureIn(e);
      if (storage) this.extras.onStoreFailure?.(storage);
      const text = storage ? UNAVAILABLE_TEXT : 'Sorry, something went wrong while updating the ticket. Nothing was changed; please try again.';
      console.error(`[helpdesk] invoke failed: ${(e as Error).stack ?? e}`);
      (this.extras.telemetry ?? NO_TELEMETRY).exception(e, { where: 'invoke' });
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
    }
  }

  private async guard(context: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      // The dialogs library wraps what a dialog throws: look inside for the storage failure.
      const storage = storeFailureIn(e);
      if (!storage) throw e;
      console.error(`[storage] ${storage.message}`);
      this.extras.onStoreFailure?.(storage);
      await context.sendActivity(UNAVAILABLE_TEXT);
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
    // Helpdesk commands typed in a channel ("helpdesk here", "tickets").
    const channelCmd = activity.conversation?.conversationType === 'channel' && activity.value === undefined ? channelCommand(text) : undefined;
    if (channelCmd) {
      await this.repo.touchConversation(ref);
      await runChannelCommand(context, this.helpdesk, channelCmd, ref);
      return;
    }
    // Before the conversation loads or saves anything for this chat: it is about to be deleted.
    if (this.extras.forget && activity.value === undefined && isForgetMe(text)) {
      await runForgetMe(context, this.extras.forget);
      return;
    }
    const action = activity.value !== undefined ? parseCardAction(activity.value) : undefined;
    const uploads = await readUploads(activity.attachments, activity.conversation?.conversationType);
    const input: TurnInput = {
      text: action ? '' : text,
      action,
      invalidValue: activity.value !== undefined && !action && text === '',
      files: uploads.files,
      fileErrors: uploads.errors,
    };
    await this.conversation.onTurn(context, input, ref);
  }
}
