// Each branch's own article steps on every card: a branch-B case (the admin cannot enable IRM) walks
// the same shared steps as branch A but under the second section's numbers, on its step cards, its
// diagnosis cards, its summary and its outcome, never under branch A's.
import * as assert from 'assert';
import { diagnosisCard, nodeCard, outcomeCard, summaryCard } from '../../src/cards/cards';
import { andThen, answer, chooseBranch, newCase, paste, skip } from '../../src/engine/case/caseMachine';
import type { CaseEffect, Transition } from '../../src/engine/case/caseTypes';
import { nodeById } from '../../src/engine/flow/flowGraph';
import { FLOW } from '../../src/engine/flow/loadFlow';
import type { OutcomeNode } from '../../src/engine/flow/flowTypes';
import { visibleText } from '../helpers/activities';
import { fixture } from '../helpers/fixtures';

const NOW = new Date('2026-12-01T09:00:00Z');
const text = (card: { contentType: string; content: unknown }): string => visibleText({ attachments: [card] });
const A_STEP = /\b(article step|Step) A\d/;

/** Branch B to its registry fix: Test-IRMConfiguration skipped, Get-IRMConfiguration skipped, tenant skipped, the registry pasted. */
function toRegistryFix(): Transition {
  let t = chooseBranch(FLOW, newCase(FLOW, 'case-b', NOW), 'B', NOW);
  for (let i = 0; i < 3; i++) t = andThen(t, (s) => skip(FLOW, s, NOW));
  assert.strictEqual(t.state.nodeId, 'B2b.registry');
  return andThen(t, (s) => paste(FLOW, s, fixture('registry', 'missing-enterprise-publishing.txt'), NOW));
}

describe('cards: a branch-B case names the second section\'s steps', () => {
  it('the diagnosis card labels the missing EnterprisePublishing key "article step B2b" (the rules say A4b)', () => {
    const t = toRegistryFix();
    assert.strictEqual(t.state.nodeId, 'B2b.fix');
    const d = t.effects.find((e): e is Extract<CaseEffect, { type: 'diagnosis' }> => e.type === 'diagnosis')!.diagnosis;
    const card = text(diagnosisCard(d, { caseId: t.state.id, matchedStep: true }));
    assert.match(card, /article step B2b/);
    assert.match(card, /EnterprisePublishing/);
    assert.doesNotMatch(card, A_STEP, card);
  });

  it('the step card and the summary say B2b, and nothing on them says A4b', () => {
    const t = toRegistryFix();
    const step = text(nodeCard(nodeById(FLOW, 'B2b.fix')!, { caseId: t.state.id, ctx: t.state.context, branchSymptom: 'B' }));
    assert.match(step, /Step B2b/);
    assert.doesNotMatch(step, A_STEP);
    const summary = text(summaryCard(t.state, FLOW.nodes));
    assert.match(summary, /B2b/);
    assert.doesNotMatch(summary, /\bA4b\b|\bA5\b|article step A/, summary);
  });

  it('the outcome card after "it works now" closes at B2b', () => {
    const t = andThen(toRegistryFix(), (s) => answer(FLOW, s, 'yes', NOW));
    assert.strictEqual(t.state.status, 'resolved');
    const node = nodeById(FLOW, t.state.nodeId!) as OutcomeNode;
    assert.strictEqual(node.seedStep, 'B2b');
    assert.doesNotMatch(text(outcomeCard(node, t.state)), A_STEP);
  });
});
