// The one generic dialog: it interprets the engine's flow for a case. There is no waterfall per
// step; the flow data decides what comes next, the case machine applies it, and this class only
// moves input in and messages out. It keeps no state of its own: the case lives in the store, and
// the conversation record says which case is the current one.
import { andThen, answer, currentNode, paste, skip } from '../engine/case/caseMachine';
import type { CaseEffect, CaseState, Transition } from '../engine/case/caseTypes';
import { commandWord } from './commands';
import { CaseNotFoundError, type CaseService } from './caseService';
import type { ConversationTurn } from './ports/turnPort';
import { renderEffects } from './renderEffects';
import type { TurnInput } from './turnInput';

/** Long or multi-line text at a question is a paste, not an attempt to answer it. */
function looksLikePaste(text: string): boolean {
  return text.length > 200 || text.indexOf('\n') !== -1;
}

/** A case the flow walks: open, with its symptom chosen. */
export function walkable(s: CaseState): boolean {
  return s.status === 'open' && s.branch !== null;
}

/**
 * What a turn at the current step came to: 'pass' when the case is not being walked (closed, or no
 * symptom chosen yet: the turn is someone else's), 'gone' when the case was deleted meanwhile, else
 * the case after the step.
 */
export type StepResult = 'pass' | 'gone' | CaseState;

export class FlowDialog {
  constructor(private readonly cases: CaseService) {}

  /** One turn at the case's current step: one read and (if anything changed) one write of the case. */
  async step(turn: ConversationTurn, caseId: string): Promise<StepResult> {
    let walked = false;
    let t: Transition;
    try {
      t = await this.cases.mutate(caseId, (s, now) => {
        walked = walkable(s);
        return walked ? this.apply(s, turn.input, now) : { state: s, effects: [] };
      });
    } catch (e) {
      if (!(e instanceof CaseNotFoundError)) throw e;
      // Deleted meanwhile (retention, `forget me`): say so instead of failing every turn.
      await turn.send('That case is no longer stored (old cases are deleted after a while). Type **start** to begin a new one.');
      return 'gone';
    }
    if (!walked) return 'pass';
    await this.show(turn, t.state, t.effects);
    return t.state;
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
      else if (at?.type === 'paste' && commandWord(text) === 'skip') t = andThen(t, (st) => skip(flow, st, now));
      else t = andThen(t, (st) => paste(flow, st, text, now));
    }
    return t;
  }

  /** The case's effects as messages (cards and short texts), in order. */
  async show(turn: ConversationTurn, state: CaseState, effects: CaseEffect[]): Promise<void> {
    const messages = renderEffects(this.cases.flow, state, effects);
    if (messages.length > 0) await turn.send(...messages);
  }
}
