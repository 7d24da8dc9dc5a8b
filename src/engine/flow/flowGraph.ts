// Pure graph helpers over the flow data: which nodes follow which, and which are reachable.
// Used by the loader's checks, the tests, the Mermaid export and the dialog.
import type { Condition, Flow, FlowNode } from './flowTypes';

export type EdgeKind = 'option' | 'transition' | 'otherwise' | 'skip';

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Option label, or the transition's condition, for display. */
  label: string;
  /** The transition's condition (kind "transition" only). */
  when?: Condition;
}

/** Every outgoing edge of a node, in evaluation order (outcomes have none). */
export function edgesOf(node: FlowNode): Edge[] {
  switch (node.type) {
    case 'question':
      return node.options.map((o) => ({ from: node.id, to: o.next, kind: 'option' as const, label: o.label }));
    case 'paste': {
      const edges: Edge[] = node.transitions.map((t) => ({
        from: node.id,
        to: t.next,
        kind: 'transition' as const,
        label: conditionText(t.when),
        when: t.when,
      }));
      edges.push({ from: node.id, to: node.otherwise, kind: 'otherwise', label: 'otherwise' });
      if (node.skip !== undefined) edges.push({ from: node.id, to: node.skip, kind: 'skip', label: 'skip' });
      return edges;
    }
    case 'outcome':
      return [];
  }
}

/** Distinct successor ids, in edge order. */
export function successors(node: FlowNode): string[] {
  return [...new Set(edgesOf(node).map((e) => e.to))];
}

export function nodeById(flow: Flow, id: string): FlowNode | undefined {
  return flow.nodes.find((n) => n.id === id);
}

/** Ids of all nodes reachable from `ids` (the start ids included when they exist). */
export function reachableFrom(flow: Flow, ids: readonly string[]): Set<string> {
  const byId = new Map(flow.nodes.map((n) => [n.id, n] as const));
  const seen = new Set<string>();
  const queue = ids.filter((id) => byId.has(id));
  for (const id of queue) seen.add(id);
  while (queue.length > 0) {
    const node = byId.get(queue.shift() as string) as FlowNode;
    for (const next of successors(node)) {
      if (!seen.has(next) && byId.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** A short human-readable form of a condition, e.g. "events.2001 or events.2003". */
export function conditionText(c: Condition): string {
  if ('finding' in c) return c.finding;
  if ('findingPrefix' in c) return `${c.findingPrefix}*`;
  if ('status' in c) return `status ${c.status}`;
  if ('not' in c) return `not ${conditionText(c.not)}`;
  const parts = 'all' in c ? c.all : c.any;
  const joiner = 'all' in c ? ' and ' : ' or ';
  if (parts.length <= 2) return parts.map(conditionText).join(joiner);
  // Long alternatives of one area ("registry.a or registry.b or ...") read better as a count.
  const areas = new Set(parts.map((p) => ('finding' in p ? p.finding.split('.')[0] : '')));
  const area = areas.size === 1 ? [...areas][0] : '';
  if (area !== '' && 'any' in c) return `any of ${parts.length} ${area} findings`;
  return `${conditionText(parts[0])}${joiner}${parts.length - 1} more`;
}
