// The one generic dialog: it interprets the engine's flow for a case. There is no waterfall per
// step; the flow data decides what comes next, the case machine applies it, and this dialog only
// moves input in and cards out. Its own state is just the case id: the case lives in the store.
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { andThen, answer, currentNode, paste, skip } from '../engine/case/caseMachine';
import type { CaseEffect, CaseState, Transition } from '../engine/case/caseTypes';
import { CaseNotFoundError, type CaseService } from './caseService';
import { renderEffects } from './renderEffects';
import type { TurnInput } from './turnInput';

export const TURN_INPUT = Symbol('irmDoctor.turnInput');

interface FlowDialogState {
  caseId: string;
}

/** Long or multi-line text at a question is a paste, not an attempt to answer it. */
function looksLikePaste(text: string): boolean {
  return text.length > 200 || text.indexOf('\n') !== -1;
}

export interface FlowDialogOptions {
  caseId: string;
  /** Take over the case without showing anything (the caller already showed the step). */
  silent?: boolean;
}

export class FlowDialog extends Dialog<FlowDialogOptions> {
  static readonly dialogId = 'irmDoctor.flow';

  constructor(private readonly cases: CaseService) {
    super(FlowDialog.dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: FlowDialogOptions): Promise<DialogTurnResult> {
    if (!options?.caseId) throw new Error('FlowDialog needs a caseId');
    (dc.activeDialog!.state as FlowDialogState).caseId = options.caseId;
    if (options.silent) return Dialog.EndOfTurn;
    const loaded = await this.cases.load(options.caseId);
    if (!loaded) return dc.endDialog();
    const effects: CaseEffect[] = [...loaded.effects];
    if (loaded.state.nodeId && loaded.state.status === 'open') effects.push({ type: 'show-node', nodeId: loaded.state.nodeId });
    await this.send(dc, loaded.state, effects);
    return loaded.state.status === 'open' ? Dialog.EndOfTurn : dc.endDialog(loaded.state.status);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const input = dc.context.turnState.get(TURN_INPUT) as TurnInput | undefined;
    const { caseId } = dc.activeDialog!.state as FlowDialogState;
    if (!input) return Dialog.EndOfTurn;
    let t: Transition;
    try {
      t = await this.cases.mutate(caseId, (s, now) => this.apply(s, input, now));
    } catch (e) {
      if (!(e instanceof CaseNotFoundError)) throw e;
      // Deleted meanwhile (retention, `forget me`): end the dialog instead of failing every turn.
      await dc.context.sendActivity('That case is no longer stored (old cases are deleted after a while). Type **start** to begin a new one.');
      return dc.endDialog();
    }
    await this.send(dc, t.state, t.effects);
    return t.state.status === 'open' ? Dialog.EndOfTurn : dc.endDialog(t.state.status);
  }

  /** Decides what the input means at the current node and runs it through the case machine. */
  private apply(s: CaseState, input: TurnInput, now: Date): Transition {
    const flow = this.cases.flow;
    const a = input.action;
    if (a && (a.irm === 'answer' || a.irm === 'skip')) {
      if (a.caseId !== s.id || a.nodeId !== s.nodeId) {
        const effects: CaseEffect[] = [{ type: 'notice', text: 'That card belongs to an earlier step, so I did not act on it. This is where we are now:' }];
        if (s.nodeId && s.status === 'open') effects.push({ type: 'show-node', nodeId: s.nodeId });
        return { state: s, effects };
      }
      return a.irm === 'answer' ? answer(flow, s, a.optionId, now) : skip(flow, s, now);
    }
    let t: Transition = { state: s, effects: [] };
    for (const f of input.files) {
      t = andThen({ ...t, effects: [...t.effects, { type: 'notice', text: `Reading ${f.name} …` }] }, (st) => paste(flow, st, f.text, now));
    }
    const text = input.text.trim();
    if (text) {
      const at = currentNode(flow, t.state);
      if (at?.type === 'question' && !looksLikePaste(text)) t = andThen(t, (st) => answer(flow, st, text, now));
      else if (at?.type === 'paste' && /^skip( this step)?$/i.test(text)) t = andThen(t, (st) => skip(flow, st, now));
      else t = andThen(t, (st) => paste(flow, st, text, now));
    }
    return t;
  }

  private async send(dc: DialogContext, state: CaseState, effects: CaseEffect[]): Promise<void> {
    const activities = renderEffects(this.cases.flow, state, effects);
    if (activities.length > 0) await dc.context.sendActivities(activities);
  }
}
