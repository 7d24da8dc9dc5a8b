// The case machine on a small hand-made flow, so these tests pin the interpreter's rules whatever the
// real flow.json says: answers, pastes that advance, pastes of other kinds, skipping steps the facts
// already answer, re-prompts that change nothing, and resuming cases from an older flow version.
import * as assert from 'assert';
import { answer, cancel, chooseBranch, newCase, paste, resolveAt, resume, skip } from '../../src/engine/case/caseMachine';
import type { CaseState } from '../../src/engine/case/caseTypes';
import type { Flow } from '../../src/engine/flow/flowTypes';
import { fixture } from '../helpers/fixtures';

const FLOW: Flow = {
  version: 2,
  branches: [
    { id: 'A', symptom: 'Users cannot use IRM', start: 'A1' },
    { id: 'B', symptom: 'Admin cannot enable IRM', start: 'B1' },
  ],
  nodes: [
    { id: 'A1', type: 'question', seedStep: 'A1', title: 'Outlook?', why: 'w', question: 'Can the user open it in Outlook?', options: [
      { id: 'yes', label: 'Yes', next: 'A4' },
      { id: 'no', label: 'No', next: 'OUT.not' },
    ] },
    { id: 'A4', type: 'paste', seedStep: 'A4a', title: 'Config', why: 'w', command: 'Get-IRMConfiguration | fl', runOn: 'EMS', pasteBack: 'all', expects: ['irm-configuration'],
      transitions: [{ when: { finding: 'irmconfig.internal-licensing-disabled' }, next: 'A4.fix', say: 'IRM is off.' }], otherwise: 'A5', skip: 'A5' },
    { id: 'A4.fix', type: 'question', seedStep: 'A4a', title: 'Fix', why: 'w', question: 'Did it work?', options: [
      { id: 'yes', label: 'Yes, it works now', next: 'OUT.ok' },
      { id: 'no', label: 'No, still broken', next: 'A5' },
    ] },
    { id: 'A5', type: 'paste', seedStep: 'A5', title: 'Registry', why: 'w', command: 'reg query', runOn: 'Exchange', pasteBack: 'all', expects: ['registry'],
      transitions: [], otherwise: 'OUT.esc' },
    { id: 'B1', type: 'question', seedStep: 'B1', title: 'b', why: 'w', question: '?', options: [{ id: 'go', label: 'Go on', next: 'OUT.esc' }] },
    { id: 'OUT.ok', type: 'outcome', seedStep: 'A4a', title: 'Resolved', why: 'w', outcome: 'resolved', message: 'done' },
    { id: 'OUT.not', type: 'outcome', seedStep: 'A1', title: 'Not connector', why: 'w', outcome: 'not-connector', message: 'support' },
    { id: 'OUT.esc', type: 'outcome', seedStep: 'L0', title: 'Escalate', why: 'w', outcome: 'escalate', message: 'logs' },
  ],
};

const t0 = new Date('2026-11-26T10:00:00Z');
const licensingOff = (): string => fixture('bot', 'irmconfig-licensing-off.txt');

describe('case machine', () => {
  it('starts a branch at its first step', () => {
    const t = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0);
    assert.strictEqual(t.state.nodeId, 'A1');
    assert.deepStrictEqual(t.effects, [{ type: 'show-node', nodeId: 'A1' }]);
  });

  it('takes typed answers (yes/no, numbers, words) and clicks alike', () => {
    const start = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    for (const typed of ['yes', 'Y', '1', 'yes!', 'Yes']) assert.strictEqual(answer(FLOW, start, typed, t0).state.nodeId, 'A4', typed);
    for (const typed of ['no', 'n', '2']) assert.strictEqual(answer(FLOW, start, typed, t0).state.status, 'not-connector', typed);
    assert.strictEqual(answer(FLOW, start, 'no', t0).state.steps[0]!.answer, 'No');
  });

  it('re-prompts an answer it cannot match, changing nothing', () => {
    const start = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    const t = answer(FLOW, start, 'maybe later', t0);
    assert.strictEqual(t.state, start);
    assert.strictEqual(t.effects[0]!.type, 'reprompt');
  });

  it('a paste of the expected kind advances as the findings decide', () => {
    let s = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    s = answer(FLOW, s, 'yes', t0).state;
    const t = paste(FLOW, s, licensingOff(), t0);
    assert.strictEqual(t.state.nodeId, 'A4.fix');
    assert.ok(t.effects.some((e) => e.type === 'moved' && e.say === 'IRM is off.'));
    assert.ok(t.state.findings.some((f) => f.id === 'irmconfig.internal-licensing-disabled'));
    assert.strictEqual(t.state.steps.at(-1)!.via, 'paste');
    assert.strictEqual(answer(FLOW, t.state, 'yes', t0).state.status, 'resolved');
  });

  it('an unreadable paste re-prompts and leaves the step and the case unchanged', () => {
    let s = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    s = answer(FLOW, s, 'yes', t0).state;
    for (const junk of ['', 'lorem ipsum dolor sit amet\nconsectetur', '\u0001\u0002\u0003'.repeat(100)]) {
      const t = paste(FLOW, s, junk, t0);
      assert.strictEqual(t.state, s);
      assert.strictEqual(t.effects[0]!.type, 'reprompt');
    }
  });

  it('a paste of another kind joins the case, and the flow later skips the step it answers', () => {
    let s = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    // At the Outlook question the admin pastes Get-IRMConfiguration: diagnosed, kept, step unchanged.
    const t = paste(FLOW, s, licensingOff(), t0);
    assert.strictEqual(t.state.nodeId, 'A1');
    assert.strictEqual(t.effects[0]!.type, 'diagnosis');
    s = t.state;
    // Answering "yes" would reach A4 (Get-IRMConfiguration), which the paste already answers.
    const t2 = answer(FLOW, s, 'yes', t0);
    assert.strictEqual(t2.state.nodeId, 'A4.fix');
    assert.ok(t2.effects.some((e) => e.type === 'moved' && e.via === 'facts' && e.fromNodeId === 'A4'));
    assert.strictEqual(t2.state.steps.find((x) => x.nodeId === 'A4')!.via, 'facts');
  });

  it('one paste answers one step only (a re-test asks again)', () => {
    let s = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    s = answer(FLOW, s, 'yes', t0).state;
    s = paste(FLOW, s, licensingOff(), t0).state;
    assert.strictEqual(s.pastes[0]!.consumedBy, 'A4');
  });

  it('skip takes the step\'s skip edge', () => {
    let s = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    s = answer(FLOW, s, 'yes', t0).state;
    assert.strictEqual(skip(FLOW, s, t0).state.nodeId, 'A5');
  });

  it('resumes a case from an older flow: keeps a node that still exists, restarts the branch otherwise', () => {
    const s = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    const kept = resume(FLOW, { ...s, flowVersion: 1 }, t0);
    assert.strictEqual(kept.state.nodeId, 'A1');
    assert.strictEqual(kept.state.flowVersion, 2);
    assert.deepStrictEqual(kept.effects, []);
    const gone = resume(FLOW, { ...s, flowVersion: 1, nodeId: 'A3.removed' }, t0);
    assert.strictEqual(gone.state.nodeId, 'A1');
    assert.ok(gone.effects.some((e) => e.type === 'notice' && /no longer exists/.test(e.text)));
  });

  it('never changes the state it is given (every input frozen), also when a step uses an earlier paste', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object' && !Object.isFrozen(o)) {
        Object.freeze(o);
        for (const v of Object.values(o)) deepFreeze(v);
      }
      return o;
    };
    const frozen = (st: CaseState): CaseState => deepFreeze(structuredClone(st));
    const copyOf = (st: CaseState): string => JSON.stringify(st);

    const empty = frozen(newCase(FLOW, 'c1', t0));
    const atA1 = frozen(chooseBranch(FLOW, empty, 'A', t0).state);
    // A Get-IRMConfiguration paste at the Outlook question: kept, not yet used by any step.
    const pasted = frozen(paste(FLOW, atA1, licensingOff(), t0).state);
    const before = copyOf(pasted);
    // Answering moves to A4, which the kept paste answers: the paste record is marked as used.
    const t = answer(FLOW, pasted, 'yes', t0);
    assert.strictEqual(t.state.steps.at(-1)!.via, 'facts');
    assert.strictEqual(t.state.pastes[0]!.consumedBy, 'A4');
    assert.strictEqual(copyOf(pasted), before);

    const atA4 = frozen(answer(FLOW, atA1, 'yes', t0).state);
    assert.strictEqual(skip(FLOW, atA4, t0).state.nodeId, 'A5');
    assert.strictEqual(paste(FLOW, atA4, licensingOff(), t0).state.nodeId, 'A4.fix');
    assert.strictEqual(resolveAt(FLOW, atA4, 'A4', t0, 'It works').state.status, 'resolved');
    assert.strictEqual(cancel(atA4, t0).status, 'cancelled');
    assert.strictEqual(resume({ ...FLOW, version: 3 }, atA4, t0).state.flowVersion, 3);
    assert.strictEqual(copyOf(atA4), copyOf(frozen(answer(FLOW, atA1, 'yes', t0).state)));
  });
});
