// Steps that both sections of the article have (Test-IRMConfiguration, Get-IRMConfiguration, the
// registry, the connector log, ...) are written once in flow.json ("sharedNodes") and made into each
// branch's own nodes here, so the two branches cannot drift apart and each card still names its own
// section's step ("step 2b" in the second section, where the first says "step 4b").
//
// In a shared node, `{key}` (a key of "sharedSteps") stands for that branch's step: its label in ids,
// edges and seedStep ("{registry}.fix" -> "B2b.fix"), the number as the section prints it in text
// ("step {registry}" -> "step 2b"). `{fixedQuestion}` is the branch's one "is it fixed?" question.
// A text that really differs by branch (the article's two sections disagree, or the symptom needs
// other words) is written { "A": "...", "B": "..." }; a branch left out has none (optional fields only).
// `{{tenantUrl}}` and the other double-brace placeholders are left for the card to fill.
import { FlowError } from './flowError';
import type { Branch, BranchId, SharedStep } from './flowTypes';

type Obj = Record<string, unknown>;

const LABEL_FIELDS = new Set(['id', 'seedStep', 'next', 'otherwise', 'skip']);
const TEXT_FIELDS = new Set(['title', 'why', 'articleDiffers', 'question', 'command', 'runOn', 'pasteBack', 'message', 'say', 'label']);
const PLACEHOLDER = /(?<!\{)\{([A-Za-z][\w-]*)\}(?!\})/g;
const KEY = /^[A-Za-z][\w-]*$/;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "sharedSteps": { key: { "A": label, "B": label } }, each label a step of its own branch. */
export function sharedStepsOf(v: unknown, branchIds: readonly BranchId[], isSeedStep: (s: string) => boolean): SharedStep[] {
  if (v === undefined) return [];
  if (!isObj(v)) throw new FlowError('"sharedSteps" must be an object of step keys');
  const seen = new Set<string>();
  return Object.entries(v).map(([key, labels]) => {
    const where = `sharedSteps "${key}"`;
    if (!KEY.test(key) || key === 'fixedQuestion') throw new FlowError(`${where}: a key is a word (letters, digits, - or _), not "fixedQuestion"`);
    if (!isObj(labels)) throw new FlowError(`${where} must be an object of branch labels`);
    const out = {} as Record<BranchId, string>;
    for (const b of branchIds) {
      const label = labels[b];
      if (typeof label !== 'string' || !label.startsWith(b) || !isSeedStep(label)) {
        throw new FlowError(`${where}: branch ${b} needs its own article step (a step of the seed article starting with ${b}), got ${JSON.stringify(label)}`);
      }
      if (seen.has(label)) throw new FlowError(`${where}: step ${label} is already another shared step's`);
      seen.add(label);
      out[b] = label;
    }
    for (const k of Object.keys(labels)) if (!branchIds.includes(k as BranchId)) throw new FlowError(`${where}: unknown branch "${k}"`);
    return { key, labels: out };
  });
}

/** The node `raw` as branch `branch` has it: per-branch texts picked, placeholders filled. */
export function instantiate(raw: unknown, index: number, branch: Branch, steps: readonly SharedStep[]): unknown {
  const name = isObj(raw) && typeof raw.id === 'string' ? `"${raw.id}"` : `[${index}]`;
  const where = `shared node ${name} (branch ${branch.id})`;
  const fill = (text: string, field: string): string =>
    text.replace(PLACEHOLDER, (whole, key: string) => {
      if (key === 'fixedQuestion' && !LABEL_FIELDS.has(field)) return branch.fixedQuestion;
      const step = steps.find((s) => s.key === key);
      if (!step) throw new FlowError(`${where}: "${whole}" in ${field} is not a shared step`);
      const label = step.labels[branch.id];
      return LABEL_FIELDS.has(field) ? label : label.slice(1);
    });
  const walk = (v: unknown, field: string): unknown => {
    if (typeof v === 'string') return fill(v, field);
    if (Array.isArray(v)) return v.map((x) => walk(x, field));
    if (!isObj(v)) return v;
    if (TEXT_FIELDS.has(field)) {
      // { "A": "...", "B": "..." }: this branch's text (or none).
      for (const k of Object.keys(v)) if (k !== 'A' && k !== 'B') throw new FlowError(`${where}: ${field} has unknown branch "${k}"`);
      const mine = v[branch.id];
      return mine === undefined ? undefined : walk(mine, field);
    }
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      const w = walk(x, k);
      if (w !== undefined) out[k] = w;
    }
    return out;
  };
  if (!isObj(raw)) throw new FlowError(`${where} must be an object`);
  if (typeof raw.id !== 'string' || !new RegExp(PLACEHOLDER.source).test(raw.id)) {
    throw new FlowError(`${where}: its id must name its step, e.g. "{test}.run", so each branch gets its own`);
  }
  return walk(raw, '');
}
