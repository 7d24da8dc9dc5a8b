// The case machine on a small hand-made flow, so these tests pin the interpreter's rules whatever the
// real flow.json says: answers, pastes that advance, pastes of other kinds, skipping steps the facts
// already answer, re-prompts that change nothing, and resuming cases from an older flow version.
import * as assert from 'assert';
import { answer, cancel, chooseBranch, newCase, paste, reopen, resolveAt, resume, skip } from '../../src/engine/case/caseMachine';
import type { CaseEffect, CaseState } from '../../src/engine/case/caseTypes';
import { isCaseState } from '../../src/engine/case/validateCase';
import { diagnose } from '../../src/engine/diagnose';
import { diagnosisFor } from '../../src/engine/flow/branchSteps';
import type { Flow } from '../../src/engine/flow/flowTypes';
import { FLOW as REAL_FLOW } from '../../src/engine/flow/loadFlow';
import { fixture } from '../helpers/fixtures';

const FLOW: Flow = {
  version: 2,
  sharedSteps: [{ key: 'config', labels: { A: 'A4a', B: 'B2a' } }, { key: 'logs', labels: { A: 'A5', B: 'B3' } }],
  branches: [
    { id: 'A', symptom: 'Users cannot use IRM', start: 'A1', fixedQuestion: 'does it work now?' },
    { id: 'B', symptom: 'Admin cannot enable IRM', start: 'B1', fixedQuestion: 'does it work now?' },
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

const notices = (effects: CaseEffect[]): string => effects.filter((e): e is Extract<CaseEffect, { type: 'notice' }> => e.type === 'notice').map((e) => e.text).join('\n');
/** Connector refusals (event 2001) and no event 1002: problems that no step of this flow deals with. */
const refusals = (): string => fixture('connector-events', 'winevent-list.txt');

describe('case machine: each branch\'s own article steps on findings', () => {
  it('a branch-B case shows the rules\' findings under its own section\'s steps, a branch-A case under A\'s', () => {
    const b = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'B', t0).state;
    const t = paste(FLOW, b, licensingOff(), t0);
    const shown = t.effects.find((e): e is Extract<CaseEffect, { type: 'diagnosis' }> => e.type === 'diagnosis')!.diagnosis;
    const off = (fs: { id: string; seedStep: string | null }[]) => fs.find((f) => f.id === 'irmconfig.internal-licensing-disabled')!.seedStep;
    assert.strictEqual(off(shown.findings), 'B2a');
    assert.strictEqual(off(t.state.findings), 'B2a');
    assert.strictEqual(off(t.newPastes![0]!.diagnosis.findings), 'B2a', 'the evidence kept for escalation says B2a too');
    const a = paste(FLOW, chooseBranch(FLOW, newCase(FLOW, 'c2', t0), 'A', t0).state, licensingOff(), t0).state;
    assert.strictEqual(off(a.findings), 'A4a');
  });

  it('findings pasted before the symptom was chosen take the chosen branch\'s steps, once', () => {
    const pasted = paste(FLOW, newCase(FLOW, 'c1', t0), licensingOff(), t0).state;
    assert.strictEqual(pasted.findings.find((f) => f.id === 'irmconfig.internal-licensing-disabled')!.seedStep, 'A4a');
    const b = chooseBranch(FLOW, pasted, 'B', t0).state;
    assert.strictEqual(b.findings.find((f) => f.id === 'irmconfig.internal-licensing-disabled')!.seedStep, 'B2a');
    const again = chooseBranch(FLOW, b, 'B', t0).state;
    assert.strictEqual(again.findings.find((f) => f.id === 'irmconfig.internal-licensing-disabled')!.seedStep, 'B2a');
  });

  it('with the real flow, "article step A4b" and "the article\'s step 4b" become B2b and 2b in a branch-B case', () => {
    const d = diagnose(fixture('registry', 'missing-enterprise-publishing.txt'));
    const a = d.findings.find((f) => f.id === 'registry.enterprise-publishing-missing')!;
    assert.strictEqual(a.seedStep, 'A4b');
    assert.match(a.articleDiffers ?? '', /step 4b/);
    const b = diagnosisFor(REAL_FLOW, 'B', d).findings.find((f) => f.id === 'registry.enterprise-publishing-missing')!;
    assert.strictEqual(b.seedStep, 'B2b');
    assert.match(b.articleDiffers ?? '', /step 2b/);
    assert.doesNotMatch(b.articleDiffers ?? '', /step 4b/);
    assert.strictEqual(b.fix, a.fix, 'the fix commands are the same');
    // Every step a rule names in branch A's terms has a branch-B label that is not branch A's.
    for (const kind of ['connector-events/winevent-list.txt', 'irm-test/kb2805976-use-license.txt', 'registry/missing-enterprise-publishing.txt']) {
      const [dir, name] = kind.split('/') as [string, string];
      for (const f of diagnosisFor(REAL_FLOW, 'B', diagnose(fixture(dir, name))).findings) {
        assert.doesNotMatch(f.seedStep ?? '', /^A/, `${kind}: ${f.id}`);
        assert.doesNotMatch(`${f.summary} ${f.detail ?? ''}`, /seed step [3-8]/, `${kind}: ${f.id} names a step in A's numbering`);
      }
    }
  });
});

describe('case machine: closing and reopening', () => {
  /** Branch A at the fix question, with connector refusals pasted earlier (at the Outlook question). */
  const atFixWithRefusals = (): CaseState => {
    let s = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    s = paste(FLOW, s, refusals(), t0).state;
    assert.ok(s.findings.some((f) => f.id === 'events.2001' && f.severity === 'problem'));
    s = answer(FLOW, s, 'yes', t0).state;
    s = paste(FLOW, s, licensingOff(), t0).state;
    assert.strictEqual(s.nodeId, 'A4.fix');
    return s;
  };

  it('a bare "yes" with connector refusals on record does not close the case: it says what is on record and asks again', () => {
    const t = answer(FLOW, atFixWithRefusals(), 'yes', t0);
    assert.strictEqual(t.state.status, 'open');
    assert.strictEqual(t.state.nodeId, 'A4.fix');
    const text = notices(t.effects);
    assert.match(text, /still on record/);
    assert.match(text, /2001/);
    assert.doesNotMatch(text, /licensing/i, 'the problem this fix was for is not listed');
    assert.match(text, /answer \*\*Yes, it works now\*\* again to close the case as resolved/);
    assert.deepStrictEqual(t.effects.at(-1), { type: 'show-node', nodeId: 'A4.fix' });
    assert.ok(isCaseState(t.state));
    // The same answer again closes it; "no" goes on instead.
    assert.strictEqual(answer(FLOW, t.state, 'yes', t0).state.status, 'resolved');
    const goOn = answer(FLOW, t.state, 'no', t0).state;
    assert.strictEqual(goOn.nodeId, 'A5');
    assert.strictEqual(goOn.confirmClose, undefined);
  });

  it('closes at once when the only problems on record are the ones the step\'s fix was for', () => {
    let s = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    s = paste(FLOW, answer(FLOW, s, 'yes', t0).state, licensingOff(), t0).state;
    const t = answer(FLOW, s, 'yes', t0);
    assert.strictEqual(t.state.status, 'resolved');
    assert.strictEqual(notices(t.effects), '');
  });

  it('a case closed from a reminder says which problems are still on record and how to reopen', () => {
    const t = resolveAt(FLOW, atFixWithRefusals(), 'A4.fix', t0, 'It worked');
    assert.strictEqual(t.state.status, 'resolved');
    assert.match(notices(t.effects), /Case closed as resolved at step A4a/);
    assert.match(notices(t.effects), /2001/);
    assert.match(notices(t.effects), /reopen/);
  });

  it('reopen takes a resolved case back to the question that closed it, and a cancelled one to where it stopped', () => {
    const closed = answer(FLOW, answer(FLOW, atFixWithRefusals(), 'yes', t0).state, 'yes', t0).state;
    assert.strictEqual(closed.status, 'resolved');
    const t = reopen(FLOW, closed, t0);
    assert.strictEqual(t.state.status, 'open');
    assert.strictEqual(t.state.nodeId, 'A4.fix');
    assert.match(notices(t.effects), /Case reopened at step A4a \(Fix\)/);
    assert.deepStrictEqual(t.effects.at(-1), { type: 'show-node', nodeId: 'A4.fix' });
    assert.strictEqual(answer(FLOW, t.state, 'no', t0).state.nodeId, 'A5', 'and the admin can answer differently');

    const cancelled = cancel(skip(FLOW, answer(FLOW, chooseBranch(FLOW, newCase(FLOW, 'c2', t0), 'A', t0).state, 'yes', t0).state, t0).state, t0);
    const back = reopen(FLOW, cancelled, t0);
    assert.strictEqual(back.state.status, 'open');
    assert.strictEqual(back.state.nodeId, 'A5');
  });

  it('reopen leaves an open case, and one that ended at the escalation step, as they are', () => {
    const open = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), 'A', t0).state;
    const t = reopen(FLOW, open, t0);
    assert.strictEqual(t.state, open);
    assert.match(notices(t.effects), /still open/);
    const escalated = answer(FLOW, chooseBranch(FLOW, newCase(FLOW, 'c2', t0), 'B', t0).state, 'go', t0).state;
    assert.strictEqual(escalated.status, 'escalate');
    assert.strictEqual(reopen(FLOW, escalated, t0).state, escalated);
  });
});
