import * as assert from 'assert';
import { compare, formatReport, loadCorpus, runAccuracy } from './accuracy';
import { fenced, flattened, mailQuote, promptFlattened, teamsHtml, wrapped80 } from './pasteVariants';

describe('accuracy on the real-paste corpus', () => {
  it('reads every real paste, in every variant, as its expectation says', function () {
    this.timeout(120000);
    const corpus = loadCorpus();
    assert.ok(corpus.length > 0, 'the corpus is empty');
    const report = runAccuracy(corpus);
    assert.strictEqual(report.misses.length, 0, formatReport(report));
  });

  it('the kind fixtures are recognised as their kind in every variant', function () {
    this.timeout(120000);
    const report = runAccuracy();
    const fixtureMisses = report.misses.filter((m) => m.entry.startsWith('fixtures/') && m.what.some((w) => w.startsWith('detected')));
    assert.deepStrictEqual(fixtureMisses, []);
  });
});

describe('paste variants', () => {
  const text = 'Name   : a\n  long value\n\nOther  : <b> & "c"';
  it('make the shapes real pastes arrive in', () => {
    assert.strictEqual(flattened(text), 'Name   : a   long value  Other  : <b> & "c"');
    assert.deepStrictEqual(wrapped80('x'.repeat(170)).split('\n').map((l) => l.length), [80, 80, 10]);
    // Runs of spaces as Teams sends them: every other one a no-break space, so none collapses.
    assert.strictEqual(teamsHtml(text), '<div><pre>Name&nbsp;  : a<br>&nbsp; long value<br><br>Other&nbsp; : &lt;b&gt; &amp; &quot;c&quot;</pre></div>');
    assert.strictEqual(mailQuote('a\n\nb'), '> a\n>\n> b');
    assert.ok(fenced('a').includes('```powershell\na\n```'));
    assert.ok(promptFlattened('a\nb', 'irm-configuration').startsWith('PS C:\\> Get-IRMConfiguration a b'));
  });

  it('a diagnosis that differs from its expectation is reported with what differed', () => {
    const d = { detected: 'irm-test' as const, status: 'ok' as const, facts: { a: { b: [1, 2] } }, findings: [{ id: 'x', severity: 'info' as const, summary: '', seedStep: null, fix: 'Set-X <tenant>' }], next: '' };
    const r = compare(d, { detected: 'irm-configuration', status: 'problem', facts: { 'a.b': [1, 3] }, findings: ['y'], absentFindings: ['x'] });
    assert.strictEqual(r.what.length, 6, r.what.join('\n'));
  });
});
