// Pasted output echoed in a chat message stays one code block, whatever backticks it holds.
import * as assert from 'assert';
import { codeFence } from '../../src/cards/markdownText';

describe('codeFence', () => {
  it('wraps plain output in a three-backtick fence', () => {
    assert.strictEqual(codeFence('Get-IRMConfiguration\r\nok'), '```\nGet-IRMConfiguration\nok\n```');
  });
  it('uses a longer fence than any run of backticks inside, so ``` in a paste cannot close the block', () => {
    const raw = 'before\n```\n# not a heading\n````x';
    const out = codeFence(raw);
    assert.ok(out.startsWith('`````\n') && out.endsWith('\n`````'), out);
    assert.strictEqual(out.slice(6, -6), raw);
  });
});
