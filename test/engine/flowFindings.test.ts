// The flow and the parsers meet only through finding ids: every id a transition tests must be one
// that the module for the node's expected kind can actually emit, or that edge can never be taken.
import * as assert from 'assert';
import { FLOW } from '../../src/engine/flow/loadFlow';
import { findingIdsIn } from '../../src/engine/flow/conditions';
import { moduleFor } from '../../src/engine/kinds';

describe('flow ↔ parsers contract', () => {
  it('every finding id in a transition is emitted by a module of a kind the node expects', () => {
    const problems: string[] = [];
    for (const node of FLOW.nodes) {
      if (node.type !== 'paste') continue;
      const emitted = new Set(node.expects.flatMap((k) => [...(moduleFor(k)?.findingIds ?? [])]));
      for (const t of node.transitions) {
        for (const id of findingIdsIn(t.when)) if (!emitted.has(id)) problems.push(`${node.id}: ${id}`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });
});
