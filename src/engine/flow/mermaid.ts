// The flow as a Mermaid flowchart (docs/flow.md, `irm-doctor flow --mermaid`), so reviewers can see
// the whole decision tree and check it against the seed article without reading flow.json.
import type { Flow, FlowNode, OutcomeKind } from './flowTypes';
import { edgesOf, reachableFrom } from './flowGraph';
import { seedStepTable } from './seedStepTable';

const OUTCOME_CLASS: Record<OutcomeKind, string> = {
  resolved: 'resolved',
  'not-connector': 'notConnector',
  escalate: 'escalate',
};

const CLASS_DEFS = [
  'classDef paste fill:#eef4ff,stroke:#3b6fd8',
  'classDef resolved fill:#d9f2d9,stroke:#2e7d32',
  'classDef notConnector fill:#fff3cd,stroke:#b58900',
  'classDef escalate fill:#f8d7da,stroke:#c62828',
];

/**
 * Mermaid text inside "..." may hold anything but a double quote, yet `#...;` is read as an entity,
 * `<`/`>`/`&` as HTML and a leading backtick as a markdown string. Every character that could be read as
 * syntax (quotes, brackets, pipes included) becomes a numeric entity, which Mermaid renders as the
 * character, so no label can break the chart whatever the flow's titles contain.
 */
export function escapeLabel(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#"`<>[\]{}()|;&]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Mermaid ids: letters, digits and underscores, never a keyword like `end`; unique per flow. */
export function mermaidIds(flow: Flow): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const n of flow.nodes) {
    const base = `n_${n.id.replace(/[^A-Za-z0-9]/g, '_')}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    ids.set(n.id, id);
  }
  return ids;
}

function shape(node: FlowNode, id: string): string {
  const label = `"${escapeLabel(`${node.seedStep}: ${node.title}`)}"`;
  switch (node.type) {
    case 'question':
      return `${id}{${label}}`;
    case 'paste':
      return `${id}[${label}]:::paste`;
    case 'outcome':
      return `${id}([${label}]):::${OUTCOME_CLASS[node.outcome]}`;
  }
}

/** Which subgraph each node belongs to: a branch when only that branch reaches it, else "shared". */
function groups(flow: Flow): { title: string; key: string; nodes: FlowNode[] }[] {
  const reach = flow.branches.map((b) => ({ branch: b, set: reachableFrom(flow, [b.start]) }));
  const out = [
    ...flow.branches.map((b) => ({ title: `${b.id}: ${b.symptom}`, key: `branch_${b.id}`, nodes: [] as FlowNode[] })),
    { title: 'Log collection (both symptoms)', key: 'shared', nodes: [] as FlowNode[] },
    { title: 'Not reachable from any symptom', key: 'unreachable', nodes: [] as FlowNode[] },
  ];
  for (const n of flow.nodes) {
    const owners = reach.filter((r) => r.set.has(n.id));
    const key = owners.length === 1 ? `branch_${owners[0].branch.id}` : owners.length > 1 ? 'shared' : 'unreachable';
    (out.find((g) => g.key === key) as (typeof out)[number]).nodes.push(n);
  }
  return out.filter((g) => g.nodes.length > 0);
}

/** The flow as a Mermaid `flowchart TD`: a subgraph per symptom, shapes per node type, labelled edges. */
export function toMermaid(flow: Flow): string {
  const ids = mermaidIds(flow);
  const lines = ['flowchart TD'];
  for (const g of groups(flow)) {
    lines.push(`  subgraph ${g.key}["${escapeLabel(g.title)}"]`);
    for (const n of g.nodes) lines.push(`    ${shape(n, ids.get(n.id) as string)}`);
    lines.push('  end');
  }
  for (const b of flow.branches) {
    lines.push(`  start_${b.id}(("${escapeLabel(b.id)}")) --> ${ids.get(b.start) ?? 'missing'}`);
  }
  for (const n of flow.nodes) {
    // One arrow per target, its label joining every way of getting there (e.g. two events to one fix).
    const byTarget = new Map<string, string[]>();
    for (const e of edgesOf(n)) {
      const labels = byTarget.get(e.to) ?? [];
      if (!labels.includes(e.label)) labels.push(e.label);
      byTarget.set(e.to, labels);
    }
    for (const [to, labels] of byTarget) {
      const target = ids.get(to) ?? `missing_${to.replace(/[^A-Za-z0-9]/g, '_')}`;
      lines.push(`  ${ids.get(n.id)} -->|"${escapeLabel(labels.join(' / '))}"| ${target}`);
    }
  }
  lines.push(...CLASS_DEFS.map((d) => `  ${d}`));
  return lines.join('\n') + '\n';
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The full content of docs/flow.md: title, how it is generated, the chart and the seed-step table. */
export function flowMarkdown(flow: Flow): string {
  const rows = seedStepTable(flow).map(
    (r) => `| ${r.step} | ${cell(r.text)} | ${r.nodes.length > 0 ? r.nodes.map((id) => `\`${id}\``).join(', ') : '**none**'} |`,
  );
  const differs = flow.nodes
    .filter((n) => n.articleDiffers !== undefined)
    .map((n) => `- \`${n.id}\` (${n.seedStep}): ${cell(n.articleDiffers as string)}`);
  return [
    '# IRM Doctor troubleshooting flow',
    '',
    `This file is generated from \`src/engine/flow/flow.json\` (flow version ${flow.version}) by \`irm-doctor flow --mermaid --markdown\`` +
      ' (`npm run flow:docs`); do not edit it by hand. A test fails when it is stale.',
    '',
    '```mermaid',
    toMermaid(flow).trimEnd(),
    '```',
    '',
    '## Steps both symptoms share',
    '',
    'Written once in `flow.json` (`sharedNodes`); each symptom gets its own copy of their nodes, under its own section\'s step.',
    '',
    `| Key | ${flow.branches.map((b) => `${b.id}: ${cell(b.symptom)}`).join(' | ')} |`,
    `|---|${flow.branches.map(() => '---|').join('')}`,
    ...flow.sharedSteps.map((s) => `| \`${s.key}\` | ${flow.branches.map((b) => s.labels[b.id]).join(' | ')} |`),
    '',
    '## Seed article steps and the nodes that implement them',
    '',
    '| Step | Article text | Nodes |',
    '|---|---|---|',
    ...rows,
    '',
    '## Where the flow follows the docs instead of the article',
    '',
    ...differs,
    '',
  ].join('\n');
}
