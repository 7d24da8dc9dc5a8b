// Walks a case through the flow. Pure: (flow, state, input, now) -> (new state, effects to show).
// The dialog layer only stores the state and renders the effects, so every decision here is
// testable without a bot.
import { diagnoseInContext } from '../diagnose';
import type { Finding } from '../types';
import { diagnosisFor, findingFor } from '../flow/branchSteps';
import { holds, type ConditionInput } from '../flow/conditions';
import { nodeById } from '../flow/flowGraph';
import type { Flow, FlowNode, PasteNode, QuestionNode } from '../flow/flowTypes';
import { matchOption } from '../flow/optionMatcher';
import { MAX_STORED_PASTE_CHARS, type CaseEffect, type CaseState, type PasteRecord, type StepRecord, type StoredPaste, type Transition } from './caseTypes';

export class CaseError extends Error {}

function requireNode(flow: Flow, id: string): FlowNode {
  const n = nodeById(flow, id);
  if (!n) throw new CaseError(`flow has no node ${id}`);
  return n;
}

export function newCase(flow: Flow, id: string, now: Date): CaseState {
  const at = now.toISOString();
  return { id, flowVersion: flow.version, branch: null, nodeId: null, status: 'open', steps: [], pastes: [], context: {}, findings: [], createdAt: at, updatedAt: at };
}

function step(node: FlowNode, via: StepRecord['via'], at: string, extra: Partial<StepRecord> = {}): StepRecord {
  return { nodeId: node.id, seedStep: node.seedStep, title: node.title, via, at, ...extra };
}

/** A paste not yet used to answer a step, of a kind this node expects, that the node can judge. */
function usablePaste(state: CaseState, node: PasteNode): PasteRecord | undefined {
  for (let i = state.pastes.length - 1; i >= 0; i--) {
    const p = state.pastes[i]!;
    if (p.consumedBy) continue;
    if (!node.expects.includes(p.kind)) continue;
    if (p.status === 'ok' || p.status === 'problem') return p;
  }
  return undefined;
}

function nextFor(node: PasteNode, d: ConditionInput): { next: string; say?: string } {
  for (const t of node.transitions) if (holds(t.when, d)) return { next: t.next, say: t.say };
  return { next: node.otherwise };
}

/**
 * Moves onto `nodeId`, then keeps going while the facts already gathered answer the step
 * (a paste of the expected kind that no step has used yet). Stops at a node that needs the admin,
 * or at an outcome.
 */
function enter(flow: Flow, s: CaseState, nodeId: string, at: string, effects: CaseEffect[]): void {
  delete s.confirmClose;
  const seen = new Set<string>();
  let id = nodeId;
  for (;;) {
    const node = requireNode(flow, id);
    if (node.type === 'outcome') {
      s.nodeId = node.id;
      s.status = node.outcome;
      effects.push({ type: 'outcome', nodeId: node.id, outcome: node.outcome });
      return;
    }
    const paste = node.type === 'paste' && !seen.has(node.id) ? usablePaste(s, node) : undefined;
    if (node.type === 'paste' && paste) {
      seen.add(node.id);
      const { next, say } = nextFor(node, paste);
      paste.consumedBy = node.id;
      s.steps.push(step(node, 'facts', at, { pasteKind: paste.kind, pasteStatus: paste.status, findingIds: paste.findingIds }));
      effects.push({ type: 'moved', fromNodeId: node.id, toNodeId: next, say, via: 'facts' });
      id = next;
      continue;
    }
    s.nodeId = node.id;
    effects.push({ type: 'show-node', nodeId: node.id });
    return;
  }
}

/**
 * The copy a transition works on. Only what the machine changes in place is copied: the case, its
 * step, paste and finding lists, and the paste records (a step marks the paste it used). Steps,
 * findings and the context are replaced, never edited, so they are shared. A deep clone cost about
 * 25 µs per turn for a 4 KB case; the test that freezes every input keeps this honest.
 */
function clone(s: CaseState, now: Date): CaseState {
  return { ...s, steps: [...s.steps], pastes: s.pastes.map((p) => ({ ...p })), findings: [...s.findings], updatedAt: now.toISOString() };
}

export function chooseBranch(flow: Flow, state: CaseState, branchId: 'A' | 'B', now: Date): Transition {
  const branch = flow.branches.find((b) => b.id === branchId);
  if (!branch) throw new CaseError(`flow has no branch ${branchId}`);
  const s = clone(state, now);
  // Findings from pastes made before the symptom was chosen are in the rules' (branch A) terms.
  if (state.branch === null) s.findings = s.findings.map((f) => findingFor(flow, branchId, f));
  s.branch = branchId;
  s.status = 'open';
  const effects: CaseEffect[] = [];
  enter(flow, s, branch.start, s.updatedAt, effects);
  return { state: s, effects };
}

export function currentNode(flow: Flow, state: CaseState): FlowNode | undefined {
  return state.nodeId ? nodeById(flow, state.nodeId) : undefined;
}

/** A click or a typed answer to the current question. Unknown answers leave the case unchanged. */
export function answer(flow: Flow, state: CaseState, typedOrOptionId: string, now: Date): Transition {
  const node = currentNode(flow, state);
  if (!node || node.type !== 'question' || state.status !== 'open') {
    return { state, effects: [] };
  }
  const option = (node as QuestionNode).options.find((o) => o.id === typedOrOptionId) ?? matchOption(node.options, typedOrOptionId);
  if (!option) {
    return { state, effects: [{ type: 'reprompt', nodeId: node.id, reason: `Please answer with ${node.options.map((o, i) => `${i + 1} (${o.label})`).join(' or ')}.` }] };
  }
  const target = nodeById(flow, option.next);
  const open = target?.type === 'outcome' && target.outcome === 'resolved' && state.confirmClose !== node.id ? openProblems(state) : [];
  if (open.length > 0) {
    // "It works now" with problems on record that this step did not deal with: say so, and close
    // only when the admin gives the same answer again.
    const s = clone(state, now);
    s.confirmClose = node.id;
    const others = node.options.filter((o) => o !== option).map((o) => `**${o.label}**`).join(' or ');
    return {
      state: s,
      effects: [
        { type: 'notice', text: `Before I close this case as resolved: ${problemList(open)}\n\nIf the fix dealt with ${open.length === 1 ? 'it' : 'them'} too, answer **${option.label}** again to close the case as resolved; otherwise answer ${others} and we go on.` },
        { type: 'show-node', nodeId: node.id },
      ],
    };
  }
  const s = clone(state, now);
  s.steps.push(step(node, 'answer', s.updatedAt, { answer: option.label }));
  const effects: CaseEffect[] = [{ type: 'moved', fromNodeId: node.id, toNodeId: option.next, via: 'answer' }];
  enter(flow, s, option.next, s.updatedAt, effects);
  return { state: s, effects };
}

/**
 * Problems on record that the step being answered did not come from: everything of severity
 * "problem" except the findings of the paste that led straight to this step (the ones its fix is
 * for). A question reached by answers (one server different? membership?) deals with none of them.
 */
export function openProblems(state: CaseState): Finding[] {
  const dealtWith = new Set(state.steps.at(-1)?.findingIds ?? []);
  return state.findings.filter((f) => f.severity === 'problem' && !dealtWith.has(f.id));
}

const MAX_LISTED = 5;

function problemList(problems: Finding[]): string {
  const lines = problems.slice(0, MAX_LISTED).map((f) => `- ${f.summary}${f.server ? ` (${f.server})` : ''}${f.seedStep ? ` (article step ${f.seedStep})` : ''}`);
  if (problems.length > MAX_LISTED) lines.push(`- and ${problems.length - MAX_LISTED} more (type **summary** to see them all)`);
  return `${problems.length === 1 ? 'this problem found earlier is' : `these ${problems.length} problems found earlier are`} still on record:\n\n${lines.join('\n')}`;
}

/** The admin cannot run the current step's command: take the node's skip edge. */
export function skip(flow: Flow, state: CaseState, now: Date): Transition {
  const node = currentNode(flow, state);
  if (!node || node.type !== 'paste' || !node.skip || state.status !== 'open') return { state, effects: [] };
  const s = clone(state, now);
  s.steps.push(step(node, 'skip', s.updatedAt));
  const effects: CaseEffect[] = [{ type: 'moved', fromNodeId: node.id, toNodeId: node.skip, via: 'skip' }];
  enter(flow, s, node.skip, s.updatedAt, effects);
  return { state: s, effects };
}

function mergeFindings(existing: Finding[], added: Finding[]): Finding[] {
  const key = (f: Finding): string => `${f.id}|${f.server ?? ''}`;
  const map = new Map(existing.map((f) => [key(f), f]));
  for (const f of added) map.set(key(f), f);
  return [...map.values()];
}

/**
 * A paste. Readable output joins the case (facts, findings, context for later fixes); if it is the
 * kind the current step asks for, the flow moves on as the engine decides. Unreadable output
 * (empty, unknown, wrong input, not enough to judge) re-prompts and changes nothing.
 */
export function paste(flow: Flow, state: CaseState, raw: string, now: Date): Transition {
  const node = currentNode(flow, state);
  const read = diagnoseInContext(raw, state.context);
  const context = read.context;
  const d = diagnosisFor(flow, state.branch, read.diagnosis);
  if (d.status === 'wrong_input' || d.status === 'incomplete') {
    const target = node && node.type === 'paste' ? node.id : (state.nodeId ?? '');
    return { state, effects: [{ type: 'reprompt', nodeId: target, reason: d.next, diagnosis: d }] };
  }
  const s = clone(state, now);
  s.context = context;
  s.findings = mergeFindings(s.findings, d.findings);
  const id = `p${s.pastes.length + 1}`;
  const record: PasteRecord = {
    id, at: s.updatedAt, nodeId: s.nodeId, kind: d.detected, status: d.status, findingIds: d.findings.map((f) => f.id), chars: raw.length,
  };
  const stored: StoredPaste = {
    caseId: s.id, pasteId: id, at: s.updatedAt,
    raw: raw.length > MAX_STORED_PASTE_CHARS ? raw.slice(0, MAX_STORED_PASTE_CHARS) : raw,
    rawTruncated: raw.length > MAX_STORED_PASTE_CHARS,
    diagnosis: d,
  };
  s.pastes.push(record);
  const matches = !!node && node.type === 'paste' && s.status === 'open' && node.expects.includes(d.detected);
  const effects: CaseEffect[] = [{ type: 'diagnosis', diagnosis: d, matchedStep: matches }];
  if (matches) {
    const pn = node as PasteNode;
    const { next, say } = nextFor(pn, record);
    record.consumedBy = pn.id;
    s.steps.push(step(pn, 'paste', s.updatedAt, { pasteKind: d.detected, pasteStatus: d.status, findingIds: record.findingIds }));
    effects.push({ type: 'moved', fromNodeId: pn.id, toNodeId: next, say, via: 'paste' });
    enter(flow, s, next, s.updatedAt, effects);
  }
  return { state: s, effects, newPastes: [stored] };
}

export function cancel(state: CaseState, now: Date): CaseState {
  const s = clone(state, now);
  if (s.status === 'open') s.status = 'cancelled';
  return s;
}

/**
 * A case stored under an older flow version: keep its node if the node still exists, otherwise
 * restart its branch and say so.
 */
export function resume(flow: Flow, state: CaseState, now: Date): Transition {
  if (state.flowVersion === flow.version) return { state, effects: [] };
  const s = clone(state, now);
  s.flowVersion = flow.version;
  if (!s.nodeId || nodeById(flow, s.nodeId) || s.status !== 'open') return { state: s, effects: [] };
  const branch = flow.branches.find((b) => b.id === s.branch);
  const effects: CaseEffect[] = [{ type: 'notice', text: 'IRM Doctor was updated and the step you were on no longer exists, so this case starts again at the beginning of its branch. Everything you pasted is kept.' }];
  if (!branch) {
    s.nodeId = null;
    return { state: s, effects };
  }
  enter(flow, s, branch.start, s.updatedAt, effects);
  return { state: s, effects };
}

/**
 * The admin confirmed (e.g. from a reminder) that the fix at `nodeId` worked although the case has
 * moved on: close it as resolved and record at which step.
 */
export function resolveAt(flow: Flow, state: CaseState, nodeId: string, now: Date, answerText: string): Transition {
  if (state.status !== 'open') return { state, effects: [] };
  const node = nodeById(flow, nodeId);
  const open = openProblems(state);
  const s = clone(state, now);
  s.status = 'resolved';
  if (node) s.steps.push(step(node, 'answer', s.updatedAt, { answer: answerText }));
  const closed = `Case closed as resolved at step ${node?.seedStep ?? nodeId}${node ? ` (${node.title})` : ''}.`;
  // Closed on the admin's word, so say what is still on record and how to take it back.
  const text = open.length === 0 ? closed : `${closed} Note that ${problemList(open)}\n\nType **reopen** if ${open.length === 1 ? 'it still matters' : 'they still matter'}.`;
  return { state: s, effects: [{ type: 'notice', text }] };
}

/** Closed cases that `reopen` can take up again (a case sent to the helpdesk stays with the helpdesk). */
const REOPENABLE = new Set(['resolved', 'cancelled', 'not-connector']);

/**
 * `reopen`: the admin takes back a closed case (it was not fixed after all, or was cancelled by
 * mistake). It goes back to the question that closed it, or to the step it was cancelled at, and
 * the step list says so.
 */
export function reopen(flow: Flow, state: CaseState, now: Date): Transition {
  if (!REOPENABLE.has(state.status)) {
    const why = state.status === 'open' ? 'This case is still open.' : 'This case ended at the escalation step: type **escalate** to send it to the helpdesk, or **start** for a new case.';
    return { state, effects: [{ type: 'notice', text: why }] };
  }
  const at = nodeById(flow, state.nodeId ?? '');
  const back = at && at.type !== 'outcome' ? at : nodeById(flow, [...state.steps].reverse().find((st) => nodeById(flow, st.nodeId)?.type === 'question')?.nodeId ?? '');
  if (!back) return { state, effects: [{ type: 'notice', text: 'This case has no step to go back to. Type **start** to begin a new one.' }] };
  const s = clone(state, now);
  s.status = 'open';
  s.nodeId = back.id;
  delete s.confirmClose;
  return { state: s, effects: [{ type: 'notice', text: `Case reopened at step ${back.seedStep} (${back.title}).` }, { type: 'show-node', nodeId: back.id }] };
}

/** Runs `next` on the state `t` left, keeping both transitions' effects and new pastes in order. */
export function andThen(t: Transition, next: (s: CaseState) => Transition): Transition {
  const u = next(t.state);
  return { state: u.state, effects: [...t.effects, ...u.effects], newPastes: [...(t.newPastes ?? []), ...(u.newPastes ?? [])] };
}
