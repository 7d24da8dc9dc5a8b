// Exchange 2007 can never reach the connector's minimum build: a pasted 2007 version must not send
// the admin to the "update Exchange" step, whose advice cannot work for it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chooseBranch, newCase, paste } from '../../src/engine/case/caseMachine';
import { FLOW } from '../../src/engine/flow/loadFlow';

const sample = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/real/exchange-version/exchange-2007-beside-2013.txt'), 'utf8');

describe('an Exchange 2007 version paste', () => {
  for (const branch of ['A', 'B'] as const) {
    it(`moves branch ${branch} to the migrate question, not to "update Exchange"`, () => {
      const t0 = new Date('2026-12-04T10:00:00Z');
      const start = chooseBranch(FLOW, newCase(FLOW, 'c1', t0), branch, t0).state;
      const versionNode = FLOW.nodes.find((n) => n.id.endsWith('.version') && n.id.startsWith(branch));
      assert.ok(versionNode, 'the branch has a version step');
      const t = paste(FLOW, { ...start, nodeId: versionNode.id }, sample, t0);
      assert.ok(t.state.nodeId?.endsWith('.exchange2007'), `moved to ${t.state.nodeId}`);
      const node = FLOW.nodes.find((n) => n.id === t.state.nodeId)!;
      assert.match(node.title, /Exchange 2007 cannot use the connector/);
    });
  }
});
