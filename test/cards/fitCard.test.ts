import * as assert from 'assert';
import { CARD_BUDGET_BYTES, cardBytes, DROPPABLE_ID_PREFIX, fitCard } from '../../src/cards/fitCard';
import type { AdaptiveCardJson } from '../../src/cards/renderCard';
import { adaptiveCardsErrors, elementsOfType } from '../helpers/cardValidator';

function card(body: Record<string, unknown>[]): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    actions: [{ type: 'Action.Submit', title: 'Summary', data: { irm: 'command', command: 'summary' } }],
  };
}

const notice = (c: AdaptiveCardJson): string => String(c.body[0]!.text);

describe('fitCard', () => {
  it('returns a card that fits unchanged (same object)', () => {
    const c = card([{ type: 'TextBlock', text: 'short', wrap: true }]);
    assert.strictEqual(fitCard(c), c);
  });

  it('cuts the longest text first and leaves short text whole', () => {
    const long = 'word '.repeat(10000);
    const c = card([
      { type: 'TextBlock', text: 'Title stays', wrap: true },
      { type: 'TextBlock', text: long, wrap: true },
      { type: 'FactSet', facts: [{ title: 'Tenant', value: 'https://x.rms.na.aadrm.com' }] },
    ]);
    const f = fitCard(c);
    assert.notStrictEqual(f, c);
    assert.ok(cardBytes(f) <= CARD_BUDGET_BYTES);
    assert.match(notice(f), /^Shortened to fit the Teams message size limit \(1 long text cut\)/);
    assert.strictEqual(f.body[1]!.text, 'Title stays');
    assert.match(String(f.body[2]!.text), /^word word .* … \(shortened\)$/);
    assert.ok(String(f.body[2]!.text).length > 10000, 'cut only as far as needed');
    assert.deepStrictEqual(f.body[3], c.body[2]);
    assert.strictEqual(c.body[1]!.text, long, 'the input card is not modified');
    assert.deepStrictEqual(adaptiveCardsErrors(f), []);
  });

  it('cuts code on whole lines and ends it with a comment line', () => {
    const code = Array.from({ length: 2000 }, (_, i) => `reg add "HKLM\\SOFTWARE\\X\\${i}" /v "a" /d "b" /f`).join('\n');
    const f = fitCard(card([{ type: 'CodeBlock', codeSnippet: code, language: 'PowerShell' }]));
    assert.ok(cardBytes(f) <= CARD_BUDGET_BYTES);
    const lines = String(elementsOfType(f, 'CodeBlock')[0]!.codeSnippet).split('\n');
    const kept = lines.length - 1;
    assert.strictEqual(lines[kept], `# … shortened: ${2000 - kept} more lines not shown`);
    assert.deepStrictEqual(lines.slice(0, kept), code.split('\n').slice(0, kept));
  });

  it('several long fields are cut to a common length, so no one field loses everything', () => {
    const body = Array.from({ length: 4 }, (_, i) => ({ type: 'TextBlock', text: `${i} `.repeat(6000 + i * 1000), wrap: true }));
    const f = fitCard(card(body));
    const lengths = f.body.slice(1).map((b) => String(b.text).length);
    assert.ok(Math.max(...lengths) - Math.min(...lengths) < 100, lengths.join(','));
    assert.match(notice(f), /4 long texts cut/);
  });

  it('leaves whole list items out, last first, when cutting text is not enough', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({
      type: 'Container',
      id: `${DROPPABLE_ID_PREFIX}finding-${i}`,
      items: [{ type: 'TextBlock', text: `Finding ${i}`, wrap: true }],
    }));
    const f = fitCard(card([{ type: 'TextBlock', text: 'Header', wrap: true }, ...items]));
    assert.ok(cardBytes(f) <= CARD_BUDGET_BYTES);
    const left = f.body.filter((b) => String(b.id ?? '').startsWith(DROPPABLE_ID_PREFIX));
    assert.ok(left.length > 0 && left.length < 400);
    assert.deepStrictEqual(left.map((b) => b.id), items.slice(0, left.length).map((b) => b.id));
    assert.match(notice(f), new RegExp(`\\(${400 - left.length} items left out\\)`));
    assert.deepStrictEqual(adaptiveCardsErrors(f), []);
  });

  it('never returns a card over the limit, even when nothing can be cut or left out', () => {
    const body = Array.from({ length: 3000 }, (_, i) => ({ type: 'TextBlock', text: `Line ${i}`, wrap: true }));
    const f = fitCard(card(body));
    assert.ok(cardBytes(f) <= CARD_BUDGET_BYTES);
    assert.strictEqual(f.body.length, 1);
    assert.match(notice(f), /too large for a Teams message/);
    assert.ok(f.actions, 'the buttons stay');
  });

  it('does not split a surrogate pair or touch button payloads', () => {
    const f = fitCard(card([{ type: 'TextBlock', text: '😀'.repeat(20000), wrap: true }]));
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(String(f.body[1]!.text)));
    assert.deepStrictEqual(f.actions, card([]).actions);
  });
});
