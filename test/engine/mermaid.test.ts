import assert from 'node:assert/strict';
import { FLOW } from '../../src/engine/flow/loadFlow';
import { escapeLabel, flowMarkdown, mermaidIds, toMermaid } from '../../src/engine/flow/mermaid';
import { successors } from '../../src/engine/flow/flowGraph';
import { SEED_STEPS } from '../../src/engine/flow/seedStepTable';
import type { Flow } from '../../src/engine/flow/flowTypes';

/** What Mermaid shows for an escaped label (it turns `#NN;` into the character). */
const decode = (s: string): string => s.replace(/#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)));

// Line shapes toMermaid may emit. A quoted label must hold no `"` and, to be safe in every Mermaid
// version, no raw bracket, brace, parenthesis or pipe either.
const LABEL = '"[^"()[\\]{}|<>]*"';
const LINE_SHAPES = [
  /^flowchart TD$/,
  new RegExp(`^  subgraph \\w+\\[${LABEL}\\]$`),
  /^  end$/,
  new RegExp(`^    \\w+\\{${LABEL}\\}$`),
  new RegExp(`^    \\w+\\[${LABEL}\\]:::paste$`),
  new RegExp(`^    \\w+\\(\\[${LABEL}\\]\\):::(resolved|notConnector|escalate)$`),
  new RegExp(`^  start_[AB]\\(\\(${LABEL}\\)\\) --> \\w+$`),
  new RegExp(`^  \\w+ -->\\|${LABEL}\\| \\w+$`),
  /^  classDef \w+ [\w:#,]+$/,
];
function assertParsesLine(line: string): void {
  assert.ok(LINE_SHAPES.some((re) => re.test(line)), `unexpected Mermaid line: ${line}`);
}

const tricky: Flow = {
  version: 1,
  branches: [{ id: 'A', symptom: 'Users "can\'t" use IRM (OWA) {x} | y', start: 'end', fixedQuestion: 'does it work now?' }],
  sharedSteps: [],
  nodes: [
    {
      id: 'end',
      type: 'question',
      seedStep: 'A1',
      title: 'Is it "quoted" (paren) {brace} [bracket] | pipe #35; <b>bold</b> & `tick`; end',
      why: 'w',
      question: '?',
      options: [
        { id: 'yes', label: 'Yes "really" (sure) | {ok}', next: 'A 1.x-y' },
        { id: 'no', label: 'No', next: 'A_1_x_y' },
      ],
    },
    {
      id: 'A 1.x-y',
      type: 'paste',
      seedStep: 'A3',
      title: 'Run "Test" (A)',
      why: 'w',
      command: 'c',
      runOn: 'r',
      pasteBack: 'b',
      expects: ['irm-test'],
      transitions: [{ when: { any: [{ finding: 'irmtest.passed' }, { status: 'ok' }] }, next: 'A_1_x_y' }],
      otherwise: 'A_1_x_y',
    },
    { id: 'A_1_x_y', type: 'outcome', seedStep: 'A3', title: 'Done {really}', why: 'w', outcome: 'not-connector', message: 'm' },
  ],
};

describe('mermaid: toMermaid', () => {
  const out = toMermaid(FLOW);
  const lines = out.trimEnd().split('\n');
  const ids = mermaidIds(FLOW);

  it('starts with flowchart TD and every line has a shape Mermaid parses', () => {
    assert.equal(lines[0], 'flowchart TD');
    for (const line of lines) assertParsesLine(line);
  });
  it('declares every node once, with a subgraph per symptom and one for the shared log collection', () => {
    for (const n of FLOW.nodes) {
      const id = ids.get(n.id) as string;
      assert.match(id, /^n_\w+$/);
      const decl = lines.filter((l) => l.startsWith(`    ${id}{`) || l.startsWith(`    ${id}[`) || l.startsWith(`    ${id}(`));
      assert.equal(decl.length, 1, n.id);
    }
    assert.equal(new Set(ids.values()).size, FLOW.nodes.length);
    assert.ok(lines.includes('  subgraph branch_A["A: Users cannot use Exchange IRM features, like OWA"]'));
    assert.ok(lines.includes('  subgraph branch_B["B: The Admin cannot enable the IRM Integration in Exchange"]'));
    assert.ok(lines.some((l) => l.startsWith('  subgraph shared[')));
    // Branch nodes sit in their own subgraph.
    const subgraphOf = (id: string): string => {
      let current = '';
      for (const l of lines) {
        const m = /^ {2}subgraph (\w+)/.exec(l);
        if (m) current = m[1];
        if (l.startsWith(`    ${id}`)) return current;
      }
      return '';
    };
    assert.equal(subgraphOf(ids.get('A3.test') as string), 'branch_A');
    assert.equal(subgraphOf(ids.get('B1.test') as string), 'branch_B');
    assert.equal(subgraphOf(ids.get('L0.collect') as string), 'shared');
  });
  it('draws questions as diamonds, pastes as rectangles, outcomes as stadiums classed by kind', () => {
    assert.ok(lines.includes(`    ${ids.get('A1.outlook')}{"A1: Can the user open it in Outlook?"}`));
    assert.ok(lines.includes(`    ${ids.get('A3.test')}["A3: Run Test-IRMConfiguration"]:::paste`));
    assert.ok(lines.includes(`    ${ids.get('A1.not-connector')}(["A1: Not a connector issue"]):::notConnector`));
    assert.ok(lines.some((l) => l.startsWith(`    ${ids.get('L.escalate')}([`) && l.endsWith(':::escalate')));
    assert.ok(lines.some((l) => l.startsWith(`    ${ids.get('A3.resolved')}([`) && l.endsWith(':::resolved')));
    for (const c of ['resolved', 'notConnector', 'escalate']) assert.ok(lines.some((l) => l.startsWith(`  classDef ${c} `)), c);
  });
  it('draws every edge, labelled with the option or condition', () => {
    for (const n of FLOW.nodes) {
      for (const s of successors(n)) {
        const re = new RegExp(`^  ${ids.get(n.id)} -->\\|"[^"]*"\\| ${ids.get(s)}$`);
        assert.ok(lines.some((l) => re.test(l)), `${n.id} -> ${s}`);
      }
    }
    assert.ok(lines.includes(`  ${ids.get('A1.outlook')} -->|"No, Outlook can't open it either"| ${ids.get('A1.not-connector')}`));
    assert.ok(lines.some((l) => l.startsWith(`  ${ids.get('A5.events')} -->|"events.2001 or events.2003"|`)));
    assert.ok(lines.some((l) => l.startsWith(`  ${ids.get('A4b.registry')} -->|"any of 13 registry findings"|`)));
    assert.ok(lines.includes(`  start_A(("A")) --> ${ids.get('A1.outlook')}`));
  });
  it('escapes quotes, brackets, braces, parentheses and pipes in labels and sanitises ids', () => {
    const text = toMermaid(tricky);
    const tl = text.trimEnd().split('\n');
    for (const line of tl) assertParsesLine(line);
    const tids = mermaidIds(tricky);
    assert.equal(tids.get('end'), 'n_end');
    assert.equal(tids.get('A 1.x-y'), 'n_A_1_x_y');
    assert.equal(tids.get('A_1_x_y'), 'n_A_1_x_y_2');
    const q = tl.find((l) => l.startsWith('    n_end{')) as string;
    assert.equal(decode(q.slice('    n_end{"'.length, -2)), 'A1: Is it "quoted" (paren) {brace} [bracket] | pipe #35; <b>bold</b> & `tick`; end');
    const edge = tl.find((l) => l.startsWith('  n_end -->') && l.endsWith(' n_A_1_x_y')) as string;
    assert.equal(decode(/\|"(.*)"\|/.exec(edge)?.[1] ?? ''), 'Yes "really" (sure) | {ok}');
    assert.ok(tl.includes('  n_A_1_x_y -->|"irmtest.passed or status ok / otherwise"| n_A_1_x_y_2'));
    assert.ok(tl.some((l) => l.startsWith('    n_A_1_x_y_2([') && l.endsWith(':::notConnector')));
  });
  it('escapeLabel leaves plain text alone and folds newlines', () => {
    assert.equal(escapeLabel('Check the event log'), 'Check the event log');
    assert.equal(escapeLabel('a\n  b'), 'a b');
    assert.equal(escapeLabel('"x"'), '#34;x#34;');
  });
});

describe('mermaid: flowMarkdown', () => {
  const md = flowMarkdown(FLOW);
  it('is the whole docs/flow.md: title, generator note, the chart and the seed-step table', () => {
    assert.match(md, /^# .+\n\n/);
    assert.match(md, /irm-doctor flow --mermaid/);
    assert.match(md, /test fails when it is stale/);
    assert.ok(md.includes('```mermaid\n' + toMermaid(FLOW).trimEnd() + '\n```'));
    for (const s of SEED_STEPS) assert.match(md, new RegExp(`^\\| ${s.step} \\| .+ \\| \`.+\` \\|$`, 'm'), s.step);
    assert.ok(md.includes('| A4b |') && md.includes('`A4b.registry`'));
    assert.ok(md.endsWith('\n'));
  });
  it('keeps table rows on one line with pipes escaped', () => {
    const rows = md.split('\n').filter((l) => /^\| [A-Z][0-9A-Za-z]{0,3} \|/.test(l) && !l.startsWith('| Step ') && !l.startsWith('| Key '));
    assert.equal(rows.length, SEED_STEPS.length);
    for (const r of rows) assert.equal(r.replace(/\\\|/g, '').split('|').length, 5, r);
  });
  it('lists the steps both symptoms share, with each section\'s label', () => {
    assert.match(md, /^\| `registry` \| A4b \| B2b \|$/m);
    assert.match(md, /^\| `test` \| A3 \| B1 \|$/m);
    assert.equal(md.split('\n').filter((l) => /^\| `\w+` \| A\d[a-c]? \| B\d[a-c]? \|$/.test(l)).length, FLOW.sharedSteps.length);
  });
  it('lists the places where the flow follows the docs instead of the article', () => {
    assert.match(md, /`B1\.test` \(B1\): .*#6/);
    assert.match(md, /`A5\.version` \(P1\): .*2010 CU2/);
  });
});
