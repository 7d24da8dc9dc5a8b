// What the conversation does for each row of the route table (routeTable.ts): the commands (start,
// help, summary, restart, cancel), the symptom choice, the case's steps through the one generic
// FlowDialog, and a paste outside a case, which still gets diagnosed: it opens a case whose facts are
// kept for when the admin picks a symptom.
import { andThen, chooseBranch, paste, reopen } from '../engine/case/caseMachine';
import type { CaseState, Transition } from '../engine/case/caseTypes';
import { matchOption } from '../engine/flow/optionMatcher';
import { summaryCard, welcomeCard } from '../cards/cards';
import type { CaseService } from './caseService';
import type { TypedCommand } from './commands';
import { settledMode, type ConversationMode, type ConversationRecord } from './conversationRecord';
import type { EscalationDesk } from './escalationDesk';
import { FlowDialog, type StepResult } from './flowDialog';
import { cardMessage } from './outbound';
import type { ConversationStore } from './ports/storePorts';
import type { ConversationTurn } from './ports/turnPort';
import type { ReminderDesk } from './reminderDesk';
import { renderEffects } from './renderEffects';

/** A draft on screen or a helpdesk question outlives a change of case; otherwise the mode follows the case. */
function modeFor(current: ConversationMode, caseId: string | null): ConversationMode {
  return current.name === 'escalation-draft' || current.name === 'awaiting-info' ? current : settledMode(caseId);
}

export class CaseConversation {
  readonly flowDialog: FlowDialog;

  constructor(
    readonly cases: CaseService,
    readonly conversations: ConversationStore,
    readonly reminders: ReminderDesk,
    readonly escalation: EscalationDesk,
  ) {
    this.flowDialog = new FlowDialog(cases);
  }

  /** The turn's conversation record, created at first contact and its reference kept fresh. */
  record(turn: ConversationTurn): Promise<ConversationRecord> {
    return this.conversations.touchConversation(turn.ref);
  }

  welcome(turn: ConversationTurn): Promise<void> {
    return turn.send(cardMessage(welcomeCard()));
  }

  /** The symptom question answered by typing: "1"/"2", "A"/"B", or the symptom's words. */
  typedBranch(text: string): 'A' | 'B' | undefined {
    if (text.length > 200 || text.includes('\n')) return undefined;
    const options = this.cases.flow.branches.map((b) => ({ id: b.id, label: b.symptom, next: b.start }));
    const hit = matchOption(options, text);
    return hit ? (hit.id as 'A' | 'B') : undefined;
  }

  /** A step of the current case; 'pass' when it is not being walked (closed, or no symptom yet). */
  async step(turn: ConversationTurn, conv: ConversationRecord): Promise<StepResult> {
    const r = await this.flowDialog.step(turn, conv.currentCaseId!);
    // The case is gone (retention, `forget me`): the conversation no longer points at it.
    if (r === 'gone') await this.conversations.updateConversation(conv, (x) => ({ ...x, currentCaseId: null, mode: modeFor(x.mode, null) }));
    return r;
  }

  /** A paste before a symptom was chosen: diagnose it and keep its facts in an open case. */
  async pasteOutsideFlow(turn: ConversationTurn, conv: ConversationRecord): Promise<void> {
    const input = turn.input;
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
    await turn.send(...renderEffects(this.cases.flow, t.state, t.effects));
    if (t.state.pastes.length === 1 && t.effects.some((e) => e.type === 'diagnosis')) {
      await turn.send('To go through the troubleshooting step by step, pick your symptom (type **start**). What you pasted is kept and I will skip the steps it already answers.');
    }
  }

  private async pointTo(conv: ConversationRecord, caseId: string | null): Promise<void> {
    await this.conversations.updateConversation(conv, (r) => {
      const previous = r.currentCaseId && r.currentCaseId !== caseId ? [r.currentCaseId, ...r.previousCaseIds.filter((id) => id !== r.currentCaseId)] : r.previousCaseIds;
      return { ...r, currentCaseId: caseId, previousCaseIds: previous.slice(0, 20), mode: modeFor(r.mode, caseId) };
    });
  }

  async startBranch(turn: ConversationTurn, conv: ConversationRecord, branch: 'A' | 'B'): Promise<void> {
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
    await this.flowDialog.show(turn, t.state, t.effects);
  }

  private async summaryOf(caseId: string | null | undefined): Promise<CaseState | undefined> {
    return caseId ? (await this.cases.load(caseId))?.state : undefined;
  }

  async command(turn: ConversationTurn, conv: ConversationRecord, cmd: TypedCommand): Promise<void> {
    switch (cmd) {
      case 'start':
      case 'help':
        await this.welcome(turn);
        return;
      case 'summary':
      case 'summary-last': {
        const id = cmd === 'summary-last' ? conv.previousCaseIds[0] : conv.currentCaseId;
        const state = await this.summaryOf(id);
        if (!state) {
          await turn.send(cmd === 'summary-last'
            ? 'There is no earlier case in this conversation.'
            : `There is no case yet. Type **start** to begin.${conv.previousCaseIds.length ? ' Your previous case: type **summary last**.' : ''}`);
          return;
        }
        await turn.send(cardMessage(summaryCard(state, this.cases.flow.nodes, { title: cmd === 'summary-last' ? 'Your previous case' : undefined })));
        return;
      }
      case 'restart':
        if (conv.currentCaseId) await this.cases.leave(conv.currentCaseId);
        await this.pointTo(conv, null);
        await turn.send(cardMessage(welcomeCard(), 'Starting a fresh case. Your previous one is kept: type **summary last** to see it.'));
        return;
      case 'cancel': {
        if (conv.currentCaseId) {
          await this.cases.mutate(conv.currentCaseId, (s, now) => ({ state: s.status === 'open' ? { ...s, status: 'cancelled', updatedAt: now.toISOString() } : s, effects: [] }));
          await this.pointTo(conv, null);
        }
        await turn.send('Cancelled. Nothing else will happen on this case. Type **start** whenever you want to begin again.');
        return;
      }
      case 'reopen': {
        // The case that just closed, or the one a cancel moved the pointer away from.
        const id = conv.currentCaseId ?? conv.previousCaseIds[0];
        if (!id || !(await this.cases.load(id))) {
          await turn.send('There is no case to reopen. Type **start** to begin one.');
          return;
        }
        const t = await this.cases.mutate(id, (s, now) => reopen(this.cases.flow, s, now));
        if (t.state.status === 'open') await this.pointTo(conv, t.state.id);
        await this.flowDialog.show(turn, t.state, t.effects);
        return;
      }
      case 'reminders':
        await this.reminders.list(turn, conv);
        return;
      case 'escalate':
        await this.escalation.start(turn, conv);
        return;
    }
  }
}
