// Teams clients drop a message past their size limit before the bot sees it, without a word (a
// 200 KB event log pasted in the client vanished). The steps whose output can be that long say how
// to send it instead, and the event-log step's own command keeps the output small.
import * as assert from 'assert';
import { nodeCard } from '../../src/cards/cards';
import { FLOW } from '../../src/engine/flow/loadFlow';
import type { PasteNode } from '../../src/engine/flow/flowTypes';
import { elementsOfType, objectsOf } from '../helpers/cardValidator';

const pasteNodes = FLOW.nodes.filter((n): n is PasteNode => n.type === 'paste');

function cardText(node: PasteNode): { text: string; code: string } {
  const a = nodeCard(node, { caseId: 'c', ctx: {}, branchSymptom: 'A' });
  const text = objectsOf(a.content).filter((o) => o.type === 'TextBlock').map((o) => String(o.text)).join('\n');
  return { text, code: elementsOfType(a.content, 'CodeBlock').map((c) => String(c.codeSnippet)).join('\n') };
}

describe('steps with long output steer it to a file upload or a filter', () => {
  const events = pasteNodes.filter((n) => n.expects.includes('connector-events'));

  it('the event-log step card filters by event ID and caps the count in its command', () => {
    assert.ok(events.length >= 2, 'both branches have the event-log step');
    for (const n of events) {
      const { code } = cardText(n);
      assert.match(code, /Id=1002,1003,2000,2001,2002,2003,3000,3001\} -MaxEvents 50 \| Format-List/, n.id);
      assert.match(code, /Id=1004\} -MaxEvents 1 \| Format-List/, n.id);
      assert.doesNotMatch(code, /-MaxEvents 200/, n.id);
    }
  });

  it('the event-log step card says to upload long output as a file in 1:1 chat, or to lower -MaxEvents', () => {
    for (const n of events) {
      const { text } = cardText(n);
      assert.match(text, /Teams drops a message over about 28 KB without a word: upload the output as a \.txt file here in our 1:1 chat \(up to 5 MB\)/, n.id);
      assert.match(text, /lower -MaxEvents/, n.id);
    }
  });

  it('every step whose output can be long says the same; short ones do not clutter the card with it', () => {
    for (const n of pasteNodes) {
      const long = n.expects.some((k) => k === 'connector-events' || k === 'certificate-check' || k === 'registry');
      assert.strictEqual(/upload the output as a \.txt/.test(cardText(n).text), long, n.id);
    }
  });
});
