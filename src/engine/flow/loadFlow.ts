// Validating loader for flow.json. The JSON is edited by hand, so its types are checked here, not
// trusted: a typo ("seedstep", a missing node, an unknown status) must fail loudly at start-up and
// in the tests, naming the node, rather than strand an admin mid-conversation.
import { PASTE_KINDS, type PasteKind, type Status } from '../types';
import type { Branch, Condition, Flow, FlowNode, Option, OutcomeKind, Transition } from './flowTypes';
import { FlowError } from './flowError';
import { successors } from './flowGraph';
import { instantiate, sharedStepsOf } from './sharedNodes';
import { SEED_STEP_IDS } from './seedStepTable';
import flowJson from './flow.json';

export { FlowError };

const STATUSES: readonly Status[] = ['ok', 'problem', 'wrong_input', 'incomplete'];
const OUTCOMES: readonly OutcomeKind[] = ['resolved', 'not-connector', 'escalate'];
const NODE_TYPES = ['question', 'paste', 'outcome'] as const;
const BASE_KEYS = ['id', 'type', 'seedStep', 'title', 'why', 'articleDiffers'];
const KEYS: Record<(typeof NODE_TYPES)[number], string[]> = {
  question: [...BASE_KEYS, 'question', 'command', 'options', 'followUp'],
  paste: [...BASE_KEYS, 'command', 'runOn', 'pasteBack', 'expects', 'transitions', 'otherwise', 'skip'],
  outcome: [...BASE_KEYS, 'outcome', 'message'],
};

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown, where: string): Obj {
  if (!isObj(v)) throw new FlowError(`${where} must be an object`);
  return v;
}

function onlyKeys(o: Obj, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new FlowError(`${where}: unknown property "${k}"`);
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') throw new FlowError(`${where}: "${key}" must be a non-empty string`);
  return v;
}

function optStr(o: Obj, key: string, where: string): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, where);
}

function arr(o: Obj, key: string, where: string, nonEmpty: boolean): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new FlowError(`${where}: "${key}" must be an array`);
  if (nonEmpty && v.length === 0) throw new FlowError(`${where}: "${key}" must not be empty`);
  return v;
}

function condition(v: unknown, where: string): Condition {
  const o = obj(v, where);
  const keys = Object.keys(o);
  if (keys.length !== 1) throw new FlowError(`${where}: a condition has exactly one of finding, findingPrefix, status, all, any, not (got ${keys.join(', ') || 'none'})`);
  const key = keys[0];
  switch (key) {
    case 'finding':
    case 'findingPrefix':
      return { [key]: str(o, key, where) } as Condition;
    case 'status': {
      const s = o.status;
      if (!STATUSES.includes(s as Status)) throw new FlowError(`${where}: unknown status "${String(s)}" (use ${STATUSES.join(', ')})`);
      return { status: s as Status };
    }
    case 'all':
    case 'any':
      return { [key]: arr(o, key, where, true).map((c, i) => condition(c, `${where}.${key}[${i}]`)) } as Condition;
    case 'not':
      return { not: condition(o.not, `${where}.not`) };
    default:
      throw new FlowError(`${where}: unknown condition "${key}" (use finding, findingPrefix, status, all, any, not)`);
  }
}

function option(v: unknown, where: string): Option {
  const o = obj(v, where);
  onlyKeys(o, ['id', 'label', 'synonyms', 'next'], where);
  const opt: Option = { id: str(o, 'id', where), label: str(o, 'label', where), next: str(o, 'next', where) };
  if (o.synonyms !== undefined) {
    opt.synonyms = arr(o, 'synonyms', where, false).map((s, i) => {
      if (typeof s !== 'string' || s.trim() === '') throw new FlowError(`${where}: synonyms[${i}] must be a non-empty string`);
      return s;
    });
  }
  return opt;
}

function transition(v: unknown, where: string): Transition {
  const o = obj(v, where);
  onlyKeys(o, ['when', 'next', 'say'], where);
  const t: Transition = { when: condition(o.when, `${where}.when`), next: str(o, 'next', where) };
  const say = optStr(o, 'say', where);
  if (say !== undefined) t.say = say;
  return t;
}

function followUpOf(v: unknown, where: string): { minutes: number; why: string } {
  const o = obj(v, `${where}: followUp`);
  onlyKeys(o, ['minutes', 'why'], `${where}: followUp`);
  const minutes = o.minutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 43200) {
    throw new FlowError(`${where}: followUp.minutes must be a whole number of minutes from 1 to 43200`);
  }
  return { minutes, why: str(o, 'why', `${where}: followUp`) };
}

function node(v: unknown, index: number): FlowNode {
  const raw = obj(v, `nodes[${index}]`);
  const id = typeof raw.id === 'string' && raw.id.trim() !== '' ? raw.id : null;
  const where = id ? `node "${id}"` : `nodes[${index}] (no id)`;
  if (!id) throw new FlowError(`${where}: "id" must be a non-empty string`);
  const type = raw.type;
  if (!NODE_TYPES.includes(type as (typeof NODE_TYPES)[number])) {
    throw new FlowError(`${where}: unknown type "${String(type)}" (use ${NODE_TYPES.join(', ')})`);
  }
  const t = type as (typeof NODE_TYPES)[number];
  onlyKeys(raw, KEYS[t], where);
  const seedStep = str(raw, 'seedStep', where);
  if (!SEED_STEP_IDS.has(seedStep)) throw new FlowError(`${where}: seedStep "${seedStep}" is not a step of the seed article (see seedStepTable.ts)`);
  const base = { id, seedStep, title: str(raw, 'title', where), why: str(raw, 'why', where) };
  const articleDiffers = optStr(raw, 'articleDiffers', where);
  const withDiff = articleDiffers === undefined ? base : { ...base, articleDiffers };

  if (t === 'question') {
    const options = arr(raw, 'options', where, true).map((o, i) => option(o, `${where}: options[${i}]`));
    const ids = new Set<string>();
    for (const o of options) {
      if (ids.has(o.id)) throw new FlowError(`${where}: duplicate option id "${o.id}"`);
      ids.add(o.id);
    }
    const command = optStr(raw, 'command', where);
    const followUp = raw.followUp === undefined ? undefined : followUpOf(raw.followUp, where);
    return {
      ...withDiff, type: 'question', question: str(raw, 'question', where), ...(command === undefined ? {} : { command }), options,
      ...(followUp ? { followUp } : {}),
    };
  }
  if (t === 'paste') {
    const expects = arr(raw, 'expects', where, true).map((k) => {
      if (!PASTE_KINDS.includes(k as PasteKind)) throw new FlowError(`${where}: unknown paste kind "${String(k)}" in expects`);
      return k as PasteKind;
    });
    const skip = optStr(raw, 'skip', where);
    return {
      ...withDiff,
      type: 'paste',
      command: str(raw, 'command', where),
      runOn: str(raw, 'runOn', where),
      pasteBack: str(raw, 'pasteBack', where),
      expects,
      transitions: arr(raw, 'transitions', where, false).map((x, i) => transition(x, `${where}: transitions[${i}]`)),
      otherwise: str(raw, 'otherwise', where),
      ...(skip === undefined ? {} : { skip }),
    };
  }
  const outcome = raw.outcome;
  if (!OUTCOMES.includes(outcome as OutcomeKind)) throw new FlowError(`${where}: unknown outcome "${String(outcome)}" (use ${OUTCOMES.join(', ')})`);
  return { ...withDiff, type: 'outcome', outcome: outcome as OutcomeKind, message: str(raw, 'message', where) };
}

function branch(v: unknown, index: number): Branch {
  const where = `branches[${index}]`;
  const o = obj(v, where);
  onlyKeys(o, ['id', 'symptom', 'start', 'fixedQuestion'], where);
  if (o.id !== 'A' && o.id !== 'B') throw new FlowError(`${where}: "id" must be "A" or "B"`);
  return { id: o.id, symptom: str(o, 'symptom', where), start: str(o, 'start', where), fixedQuestion: str(o, 'fixedQuestion', where) };
}

/** Checks `json` strictly and returns it as a Flow; throws a FlowError naming the bad node otherwise. */
export function loadFlow(json: unknown): Flow {
  const top = obj(json, 'the flow');
  onlyKeys(top, ['version', 'branches', 'sharedSteps', 'sharedNodes', 'nodes'], 'the flow');
  if (typeof top.version !== 'number' || !Number.isInteger(top.version) || top.version < 1) {
    throw new FlowError('"version" must be a positive integer');
  }
  const branches = arr(top, 'branches', 'the flow', true).map(branch);
  const sharedSteps = sharedStepsOf(top.sharedSteps, branches.map((b) => b.id), (s) => SEED_STEP_IDS.has(s));
  const shared = top.sharedNodes === undefined ? [] : arr(top, 'sharedNodes', 'the flow', false);
  const own = arr(top, 'nodes', 'the flow', true).map(node);
  // In article order: each branch's own nodes, then its copy of the shared ones; the log collection
  // (and anything else of no single branch) last.
  const mine = (b: Branch, n: FlowNode): boolean => n.seedStep.startsWith(b.id);
  const nodes = [
    ...branches.flatMap((b) => [...own.filter((n) => mine(b, n)), ...shared.map((raw, i) => node(instantiate(raw, i, b, sharedSteps), own.length + i))]),
    ...own.filter((n) => !branches.some((b) => mine(b, n))),
  ];

  const ids = new Set<string>();
  for (const n of nodes) {
    if (ids.has(n.id)) throw new FlowError(`node "${n.id}": duplicate node id`);
    ids.add(n.id);
  }
  const branchIds = new Set<string>();
  for (const b of branches) {
    if (branchIds.has(b.id)) throw new FlowError(`branch "${b.id}": duplicate branch id`);
    branchIds.add(b.id);
    if (!ids.has(b.start)) throw new FlowError(`branch "${b.id}": start "${b.start}" is not a node`);
  }
  for (const n of nodes) {
    for (const next of successors(n)) {
      if (!ids.has(next)) throw new FlowError(`node "${n.id}": dangling edge to "${next}", which is not a node`);
    }
  }
  return { version: top.version, branches, sharedSteps, nodes };
}

/** The flow the bot runs, checked once at start-up. */
export const FLOW: Flow = loadFlow(flowJson);
