// One turn of the troubleshooting conversation: commands (start, help, summary, restart, cancel),
// the symptom choice, and everything else handed to the one generic FlowDialog. A paste outside a
// case still gets diagnosed: it opens a case whose facts are kept for when the admin picks a symptom.
import type { TurnContext } from 'botbuilder';
import { DialogSet, type DialogContext } from 'botbuilder-dialogs';
import { andThen, chooseBranch, paste } from '../engine/case/caseMachine';
import type { Transition } from '../engine/case/caseTypes';
import { matchOption } from '../engine/flow/optionMatcher';
import type { CaseState } from '../engine/case/caseTypes';
import { summaryCard, welcomeCard } from '../cards/cards';
import type { ConversationRecord } from '../bot/storage/caseRepository';
import type { ConversationRef } from '../bot/conversationRef';
import type { CaseService } from './caseService';
import type { DialogStateStore } from './dialogStateStore';
import { FlowDialog, TURN_INPUT } from './flowDialog';
import type { ReminderDesk } from './reminderDesk';
import type { EscalationDesk } from './escalationDesk';
import { renderEffects } from './renderEffects';
import { typedCommand, type TurnInput, type TypedCommand } from './turnInput';

/**
 * botbuilder-dialogs rebuilds its memory-scope configuration (stateless scope and path-resolver
 * objects) for every turn and caches it only in that turn's state under this key; building it once
 * per process and handing it to each turn saves about a tenth of a millisecond per turn.
 */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

export class CaseConversation {
  private readonly dialogs: DialogSet;
  private dialogStateManagerConfiguration: unknown;

  constructor(
    private readonly cases: CaseService,
    private readonly dialogState: DialogStateStore,
    private readonly reminders: ReminderDesk,
    private readonly escalation: EscalationDesk,
  ) {
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(new FlowDialog(cases));
  }

  async onTurn(context: TurnContext, input: TurnInput, ref: ConversationRef): Promise<void> {
    try {
      await this.route(context, input, ref);
    } finally {
      await this.dialogState.saveChanges(context);
    }
  }

  private async route(context: TurnContext, input: TurnInput, ref: ConversationRef): Promise<void> {
    context.turnState.set(TURN_INPUT, input);
    const conv = await this.cases.repo.touchConversation(ref);
    // Made on first use: a command that only shows a card (start, help, summary) never loads the stack.
    let made: Promise<DialogContext> | undefined;
    const dc = (): Promise<DialogContext> => (made ??= this.dialogContext(context));
    for (const err of input.fileErrors) await context.sendActivity(err);
    if (input.invalidValue) {
      await context.sendActivity('I could not read what that button sent (it may come from an old card). Type **summary** to see where your case stands.');
      return;
    }
    const a = input.action;
    if (a?.irm === 'escalate-send') return this.escalation.send(context, conv, a.caseId, a.note ?? '', a.severity ?? 'normal');
    if (a?.irm === 'escalate-cancel') return this.escalation.cancel(context, conv);
    // With an escalation draft on screen, typed "send" / "cancel" answer the draft.
    const typedWord = input.files.length === 0 ? input.text.trim().toLowerCase() : '';
    if (conv.pendingEscalation && !a && (typedWord === 'send' || typedWord === 'cancel')) {
      return typedWord === 'send' ? this.escalation.send(context, conv, conv.pendingEscalation, '', 'normal') : this.escalation.cancel(context, conv);
    }
    const cmd = a?.irm === 'command' ? a.command : input.files.length === 0 ? typedCommand(input.text) : undefined;
    if (cmd) return this.command(context, dc, conv, cmd);
    // The helpdesk asked this user for information: their next message goes to the ticket.
    if (!a && conv.awaitingInfoFor && (await this.escalation.forwardInfo(context, conv, input))) return;
    if (input.action?.irm === 'branch') return this.startBranch(dc, conv, input.action.branch);
    if (input.action?.irm === 'remind') return this.reminders.fromCard(context, conv, input.action);
    if (input.action?.irm === 'reminder') {
      const changed = await this.reminders.onAction(context, conv, input.action);
      // The reminder closed the case (or moved it): keep the dialog in step with it.
      if (changed && changed.status !== 'open') await (await dc()).cancelAllDialogs();
      return;
    }
    if (!input.action && input.files.length === 0 && (await this.reminders.typed(context, conv, input.text))) return;

    const flow = await dc();
    if (!flow.activeDialog) {
      const current = conv.currentCaseId ? await this.cases.load(conv.currentCaseId) : undefined;
      if (current && current.state.status === 'open' && current.state.branch) {
        // The dialog stack was lost (or never saved) but the case is open: pick it up again.
        await flow.beginDialog(FlowDialog.dialogId, { caseId: current.state.id, silent: true });
      }
    }
    if (flow.activeDialog) {
      await flow.continueDialog();
      return;
    }
    if (input.action) {
      await context.sendActivity('That card belongs to a case that has ended. Type **start** to begin a new one, or **summary last** to see it.');
      return;
    }
    if (!input.text.trim() && input.files.length === 0) {
      await context.sendActivity({ type: 'message', attachments: [welcomeCard()] });
      return;
    }
    const branch = input.files.length === 0 ? this.typedBranch(input.text) : undefined;
    if (branch) return this.startBranch(dc, conv, branch);
    await this.pasteOutsideFlow(context, conv, input);
  }

  private async dialogContext(context: TurnContext): Promise<DialogContext> {
    if (this.dialogStateManagerConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.dialogStateManagerConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.dialogStateManagerConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION);
    return dc;
  }

  /** The symptom question answered by typing: "1"/"2", "A"/"B", or the symptom's words. */
  private typedBranch(text: string): 'A' | 'B' | undefined {
    if (text.length > 200 || text.includes('\n')) return undefined;
    const options = this.cases.flow.branches.map((b) => ({ id: b.id, label: b.symptom, next: b.start }));
    const hit = matchOption(options, text);
    return hit ? (hit.id as 'A' | 'B') : undefined;
  }

  /** A paste before a symptom was chosen: diagnose it and keep its facts in an open case. */
  private async pasteOutsideFlow(context: TurnContext, conv: ConversationRecord, input: TurnInput): Promise<void> {
    const texts = [...input.files.map((f) => f.text), input.text].filter((x) => x.trim() !== '');
    const pasteAll = (s: CaseState, now: Date): Transition => {
      let r: Transition = { state: s, effects: [] };
      for (const text of texts) r = andThen(r, (st) => paste(this.cases.flow, st, text, now));
      return r;
    };
    const existing = conv.currentCaseId ? await this.cases.load(conv.currentCaseId) : undefined;
    let t: Transition;
    if (existing && existing.state.status === 'open') {
      t = await this.cases.mutate(existing.state.id, pasteAll);
    } else {
      t = await this.cases.create(pasteAll);
      await this.pointTo(conv, t.state.id);
    }
    await context.sendActivities(renderEffects(this.cases.flow, t.state, t.effects));
    if (t.state.pastes.length === 1 && t.effects.some((e) => e.type === 'diagnosis')) {
      await context.sendActivity('To go through the troubleshooting step by step, pick your symptom (type **start**). What you pasted is kept and I will skip the steps it already answers.');
    }
  }

  private async pointTo(conv: ConversationRecord, caseId: string | null): Promise<void> {
    await this.cases.repo.updateConversation(conv, (r) => {
      const previous = r.currentCaseId && r.currentCaseId !== caseId ? [r.currentCaseId, ...r.previousCaseIds.filter((id) => id !== r.currentCaseId)] : r.previousCaseIds;
      return { ...r, currentCaseId: caseId, previousCaseIds: previous.slice(0, 20) };
    });
  }

  private async startBranch(lazyDc: () => Promise<DialogContext>, conv: ConversationRecord, branch: 'A' | 'B'): Promise<void> {
    const current = conv.currentCaseId ? await this.cases.load(conv.currentCaseId) : undefined;
    const choose = (s: CaseState, now: Date): Transition => chooseBranch(this.cases.flow, s, branch, now);
    let t: Transition;
    if (current && current.state.status === 'open' && current.state.branch === null) {
      t = await this.cases.mutate(current.state.id, choose); // keep what was pasted before the symptom was chosen
    } else {
      // Picking a symptom mid-case starts over, like restart: the open case is left behind.
      if (current && current.state.status === 'open') await this.cases.leave(current.state.id);
      t = await this.cases.create(choose);
      await this.pointTo(conv, t.state.id);
    }
    const dc = await lazyDc();
    await dc.cancelAllDialogs();
    await dc.beginDialog(FlowDialog.dialogId, { caseId: t.state.id, silent: true });
    await dc.context.sendActivities(renderEffects(this.cases.flow, t.state, t.effects));
    if (t.state.status !== 'open') await dc.cancelAllDialogs();
  }

  private async summaryOf(caseId: string | null | undefined): Promise<CaseState | undefined> {
    return caseId ? (await this.cases.load(caseId))?.state : undefined;
  }

  private async command(ctx: TurnContext, dc: () => Promise<DialogContext>, conv: ConversationRecord, cmd: TypedCommand): Promise<void> {
    switch (cmd) {
      case 'start':
      case 'help':
        await ctx.sendActivity({ type: 'message', attachments: [welcomeCard()] });
        return;
      case 'summary':
      case 'summary-last': {
        const id = cmd === 'summary-last' ? conv.previousCaseIds[0] : conv.currentCaseId;
        const state = await this.summaryOf(id);
        if (!state) {
          await ctx.sendActivity(cmd === 'summary-last'
            ? 'There is no earlier case in this conversation.'
            : `There is no case yet. Type **start** to begin.${conv.previousCaseIds.length ? ' Your previous case: type **summary last**.' : ''}`);
          return;
        }
        await ctx.sendActivity({ type: 'message', attachments: [summaryCard(state, this.cases.flow.nodes, { title: cmd === 'summary-last' ? 'Your previous case' : undefined })] });
        return;
      }
      case 'restart':
        await (await dc()).cancelAllDialogs();
        if (conv.currentCaseId) await this.cases.leave(conv.currentCaseId);
        await this.pointTo(conv, null);
        await ctx.sendActivity({ type: 'message', text: 'Starting a fresh case. Your previous one is kept: type **summary last** to see it.', attachments: [welcomeCard()] });
        return;
      case 'cancel': {
        await (await dc()).cancelAllDialogs();
        if (conv.currentCaseId) {
          await this.cases.mutate(conv.currentCaseId, (s, now) => ({ state: s.status === 'open' ? { ...s, status: 'cancelled', updatedAt: now.toISOString() } : s, effects: [] }));
          await this.pointTo(conv, null);
        }
        await ctx.sendActivity('Cancelled. Nothing else will happen on this case. Type **start** whenever you want to begin again.');
        return;
      }
      case 'reminders':
        await this.reminders.list(ctx, conv);
        return;
      case 'escalate':
        await this.escalation.start(ctx, conv);
        return;
    }
  }
}
