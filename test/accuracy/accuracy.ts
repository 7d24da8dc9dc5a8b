// Runs the engine over the real-paste corpus (test/fixtures/real/<kind>/<slug>.txt + .json) and the
// kind fixtures (test/fixtures/<kind>/), each in every paste variant, and compares what it says with
// what the corpus expects. `npm run accuracy` prints the result; accuracy.test.ts fails on a miss.
import * as fs from 'fs';
import * as path from 'path';
import { diagnose } from '../../src/engine/diagnose';
import type { Diagnosis, PasteKind, Status } from '../../src/engine/types';
import { makeVariant, VARIANT_NAMES, type VariantName } from './pasteVariants';

export interface Expectation {
  detected: PasteKind;
  status?: Status;
  facts?: Record<string, unknown>;
  findings?: string[];
  absentFindings?: string[];
  fixMustNotContain?: string[];
}

export interface CorpusEntry {
  /** `<kind>/<slug>` (corpus) or `fixtures/<kind>/<file>` (kind fixtures). */
  name: string;
  text: string;
  source: 'corpus' | 'fixture';
  expect: Expectation;
  skip: Partial<Record<VariantName, string>>;
}

export interface Miss {
  entry: string;
  variant: VariantName;
  what: string[];
}

export interface KindRow {
  kind: string;
  source: 'corpus' | 'fixture';
  runs: number;
  detected: number;
  status: number;
  statusChecked: number;
  facts: number;
  factsChecked: number;
}

export interface AccuracyReport {
  rows: KindRow[];
  perVariant: Record<string, { runs: number; misses: number }>;
  misses: Miss[];
  corpusEntries: number;
}

const ROOT = path.join(process.cwd(), 'test', 'fixtures');
const REAL = path.join(ROOT, 'real');
const NOT_KINDS = new Set(['real', 'bot']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads and validates one expectation file: a broken one is a miss, not a crash. */
function readExpectation(file: string): { expect: Expectation; skip: Partial<Record<VariantName, string>> } {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!isRecord(data) || typeof data.source !== 'string' || !isRecord(data.expect) || typeof data.expect.detected !== 'string') {
    throw new Error(`${file}: needs "source" and "expect.detected"`);
  }
  if (!/^https?:\/\//.test(data.source) && typeof data.synthetic !== 'string') throw new Error(`${file}: "source" must be a URL (or say "synthetic")`);
  const variants = isRecord(data.variants) ? data.variants : {};
  const skip = isRecord(variants.skip) ? (variants.skip as Partial<Record<VariantName, string>>) : {};
  for (const [k, why] of Object.entries(skip)) {
    if (!(VARIANT_NAMES as readonly string[]).includes(k) || typeof why !== 'string' || why.trim() === '') throw new Error(`${file}: variants.skip.${k} needs a known variant and a reason`);
  }
  return { expect: data.expect as unknown as Expectation, skip };
}

export function loadCorpus(): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  if (!fs.existsSync(REAL)) return out;
  for (const kind of fs.readdirSync(REAL).sort()) {
    const dir = path.join(REAL, kind);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith('.json')) continue;
      const slug = f.slice(0, -5);
      const { expect, skip } = readExpectation(path.join(dir, f));
      const textFile = fs.readdirSync(dir).find((x) => x !== f && x.startsWith(`${slug}.`));
      if (!textFile) throw new Error(`${kind}/${f}: no paste file beside it`);
      out.push({ name: `${kind}/${slug}`, text: fs.readFileSync(path.join(dir, textFile), 'utf8'), source: 'corpus', expect, skip });
    }
  }
  return out;
}

/** The kind fixtures: the folder names the kind; HTML ones are already a Teams rendering, so only their original is run. */
export function loadFixtures(): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const kind of fs.readdirSync(ROOT).sort()) {
    if (NOT_KINDS.has(kind) || !fs.statSync(path.join(ROOT, kind)).isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(ROOT, kind)).sort()) {
      const text = fs.readFileSync(path.join(ROOT, kind, f), 'utf8');
      const skip: Partial<Record<VariantName, string>> = {};
      const why = /\.(html|md)$/.test(f) ? 'already a rendered (HTML / markdown) paste' : text.includes('\u0000') ? 'a UTF-16 file read as bytes: only an upload arrives like this' : null;
      if (why) for (const v of VARIANT_NAMES) if (v !== 'original') skip[v] = why;
      out.push({ name: `fixtures/${kind}/${f}`, text, source: 'fixture', expect: { detected: kind as PasteKind }, skip });
    }
  }
  return out;
}

function at(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const part of dotted.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** `expected` is contained in `actual`: objects as subsets, arrays element-wise as subsets, scalars equal. */
function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => contains(actual[i], e));
  if (isRecord(expected)) return isRecord(actual) && Object.entries(expected).every(([k, v]) => contains(actual[k], v));
  return actual === expected;
}

/** What differs between a diagnosis and the expectation (empty: a hit). */
export function compare(d: Diagnosis, e: Expectation): { what: string[]; statusChecked: boolean; statusOk: boolean; factsChecked: boolean; factsOk: boolean } {
  const what: string[] = [];
  if (d.detected !== e.detected) what.push(`detected ${d.detected}, expected ${e.detected}`);
  const statusOk = e.status === undefined || d.status === e.status;
  if (!statusOk) what.push(`status ${d.status}, expected ${e.status}`);
  let factsOk = true;
  for (const [k, v] of Object.entries(e.facts ?? {})) {
    const got = at(d.facts, k);
    if (!contains(got, v)) {
      factsOk = false;
      what.push(`fact ${k} = ${JSON.stringify(got)?.slice(0, 160)}, expected ${JSON.stringify(v)}`);
    }
  }
  const ids = new Set(d.findings.map((f) => f.id));
  for (const id of e.findings ?? []) if (!ids.has(id)) what.push(`finding ${id} missing (got ${[...ids].join(', ') || 'none'})`);
  for (const id of e.absentFindings ?? []) if (ids.has(id)) what.push(`finding ${id} present`);
  const fixes = d.findings.map((f) => f.fix ?? '').join('\n');
  for (const s of e.fixMustNotContain ?? []) if (fixes.includes(s)) what.push(`a fix contains ${JSON.stringify(s)}`);
  if (/<[A-Za-z][^<>\n]{0,60}>/.test(fixes)) what.push(`a fix contains a <placeholder>: ${/<[A-Za-z][^<>\n]{0,60}>/.exec(fixes)![0]}`);
  return { what, statusChecked: e.status !== undefined, statusOk, factsChecked: e.facts !== undefined, factsOk };
}

export function runAccuracy(entries: CorpusEntry[] = [...loadCorpus(), ...loadFixtures()]): AccuracyReport {
  const rows = new Map<string, KindRow>();
  const perVariant: AccuracyReport['perVariant'] = {};
  const misses: Miss[] = [];
  for (const entry of entries) {
    const key = `${entry.source}|${entry.expect.detected}`;
    let row = rows.get(key);
    if (!row) {
      row = { kind: entry.expect.detected, source: entry.source, runs: 0, detected: 0, status: 0, statusChecked: 0, facts: 0, factsChecked: 0 };
      rows.set(key, row);
    }
    for (const variant of VARIANT_NAMES) {
      if (entry.skip[variant]) continue;
      const text = makeVariant(variant, entry.text, entry.expect.detected);
      const d = diagnose(text);
      const r = compare(d, entry.expect);
      row.runs++;
      if (d.detected === entry.expect.detected) row.detected++;
      if (r.statusChecked) {
        row.statusChecked++;
        if (r.statusOk) row.status++;
      }
      if (r.factsChecked) {
        row.factsChecked++;
        if (r.factsOk) row.facts++;
      }
      const pv = (perVariant[variant] ??= { runs: 0, misses: 0 });
      pv.runs++;
      if (r.what.length) {
        pv.misses++;
        misses.push({ entry: entry.name, variant, what: r.what });
      }
    }
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.source.localeCompare(b.source) || a.kind.localeCompare(b.kind)),
    perVariant,
    misses,
    corpusEntries: entries.filter((e) => e.source === 'corpus').length,
  };
}

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${n}/${d}`);

export function formatReport(r: AccuracyReport): string {
  const out: string[] = [];
  out.push(`Accuracy over ${r.corpusEntries} real pastes and the kind fixtures, each in ${VARIANT_NAMES.length} variants`);
  out.push('');
  out.push(`${'source'.padEnd(8)}${'kind'.padEnd(26)}${'runs'.padStart(6)}${'detected'.padStart(10)}${'status'.padStart(10)}${'facts'.padStart(10)}`);
  for (const row of r.rows) {
    out.push(
      `${row.source.padEnd(8)}${row.kind.padEnd(26)}${String(row.runs).padStart(6)}${pct(row.detected, row.runs).padStart(10)}` +
        `${pct(row.status, row.statusChecked).padStart(10)}${pct(row.facts, row.factsChecked).padStart(10)}`,
    );
  }
  out.push('');
  out.push(`${'variant'.padEnd(18)}${'runs'.padStart(6)}${'misses'.padStart(8)}`);
  for (const v of VARIANT_NAMES) {
    const pv = r.perVariant[v];
    if (pv) out.push(`${v.padEnd(18)}${String(pv.runs).padStart(6)}${String(pv.misses).padStart(8)}`);
  }
  out.push('');
  out.push(r.misses.length === 0 ? 'No misses.' : `${r.misses.length} misses:`);
  for (const m of r.misses) out.push(`  ${m.entry} [${m.variant}]: ${m.what.join('; ')}`);
  return out.join('\n');
}
