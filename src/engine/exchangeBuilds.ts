// Typed loader for data/exchangeBuilds.json: maps an Exchange build number to product + update and
// judges it against the connector's documented minimum (facts.md §e). The table grows with every CU,
// so it lives as data; this file only validates it once at load time and answers look-ups.
import raw from './data/exchangeBuilds.json';

export type Build = [number, number, number, number];

interface BuildRow {
  build: string;
  product: string;
  update: string;
}
interface Minimum {
  line: string;
  build: string;
  label: string;
}
interface LineRow {
  line: string;
  product: string;
  /** True when the table lists only some updates of this line (2010 rollups). */
  partial: boolean;
}

interface Entry {
  v: Build;
  product: string;
  update: string;
}

export interface BuildInfo {
  /** e.g. "Exchange Server 2016" */
  product: string;
  /** e.g. "CU23", "CU23 (or a later security update)", "SP3 RU6 (or a later rollup)" */
  update: string;
  /** false when the build is not one the table can place (newer than the table, or between CUs). */
  known: boolean;
  /** Against the documented minimum (2010 SP3 RU6, 2013 CU3, 2016/2019/SE any). */
  meetsMinimum: boolean;
  /** Below the docs' minimum but at or above the article's requirement as we read it (2010 SP3 RU2 / 2013 CU1). */
  meetsSeedReading: boolean;
  /** Label of the documented minimum for this line, when there is one. */
  minimumLabel?: string;
  seedLabel?: string;
}

const BUILD_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,5})\.(\d{1,5})$/;

function toBuild(s: string): Build {
  const m = BUILD_RE.exec(s);
  if (!m) throw new Error(`exchangeBuilds.json: bad build "${s}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

export function compareBuild(a: Build, b: Build): number {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** "15.1.2507.6" (the short form, as people and the docs write it). */
export function formatBuild(v: Build): string {
  return v.join('.');
}

/** Reads "15.1.2507.6" or the ExSetup long form "15.01.2507.006". */
export function parseBuild(s: string): Build | undefined {
  const m = BUILD_RE.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
}

function validMinimum(m: Minimum): Minimum {
  toBuild(m.build);
  if (typeof m.line !== 'string' || typeof m.label !== 'string') throw new Error('exchangeBuilds.json: bad minimum');
  return m;
}

function load(): { entries: Map<string, Entry[]>; lines: Map<string, LineRow>; docs: Map<string, Minimum>; seed: Map<string, Minimum> } {
  const data = raw as { builds?: BuildRow[]; lines?: LineRow[]; minimums?: { docs?: Minimum[]; seedReading?: Minimum[] } };
  if (!Array.isArray(data.builds) || !Array.isArray(data.lines) || !data.minimums) throw new Error('exchangeBuilds.json: missing sections');
  const entries = new Map<string, Entry[]>();
  for (const row of data.builds) {
    if (typeof row.product !== 'string' || typeof row.update !== 'string') throw new Error('exchangeBuilds.json: bad row');
    const v = toBuild(row.build);
    const key = `${v[0]}.${v[1]}`;
    const list = entries.get(key) ?? [];
    const prev = list[list.length - 1];
    if (prev && compareBuild(prev.v, v) >= 0) throw new Error(`exchangeBuilds.json: ${row.build} is out of order`);
    list.push({ v, product: row.product, update: row.update });
    entries.set(key, list);
  }
  const lines = new Map<string, LineRow>(data.lines.map((l): [string, LineRow] => [l.line, l]));
  const docs = new Map<string, Minimum>();
  const seed = new Map<string, Minimum>();
  for (const m of data.minimums.docs ?? []) docs.set(m.line, validMinimum(m));
  for (const m of data.minimums.seedReading ?? []) seed.set(m.line, validMinimum(m));
  return { entries, lines, docs, seed };
}

const TABLE = load();

function minimumFor(v: Build, table: Map<string, Minimum>): Minimum | undefined {
  return table.get(`${v[0]}.${v[1]}`) ?? table.get(String(v[0]));
}

/** Product name from the major/minor version alone (for builds the table cannot place). */
export function productOfLine(major: number, minor: number): string {
  const line = TABLE.lines.get(`${major}.${minor}`);
  if (line) return line.product;
  if (major === 8) return 'Exchange Server 2007';
  if (major === 14) return 'Exchange Server 2010';
  if (major === 15) return `Exchange Server (version 15.${minor})`;
  return `Exchange (version ${major}.${minor})`;
}

const CLASSIFIED = new Map<string, BuildInfo>();

/** Judges a build number: product, nearest update at or below it, and the connector minimum. */
export function classifyBuild(v: Build): BuildInfo {
  const key = v.join('.');
  const hit = CLASSIFIED.get(key);
  if (hit) return { ...hit };
  const info = classify(v);
  if (CLASSIFIED.size > 2000) CLASSIFIED.clear();
  CLASSIFIED.set(key, info);
  return { ...info };
}

function classify(v: Build): BuildInfo {
  const docMin = minimumFor(v, TABLE.docs);
  const seedMin = minimumFor(v, TABLE.seed);
  // Below version 14 (Exchange 2007 and older) the connector was never supported; 15.1 and later have no minimum.
  const meetsMinimum = v[0] < 14 ? false : docMin ? compareBuild(v, toBuild(docMin.build)) >= 0 : true;
  const meetsSeedReading = v[0] < 14 ? false : seedMin ? compareBuild(v, toBuild(seedMin.build)) >= 0 : true;
  const base = { meetsMinimum, meetsSeedReading, minimumLabel: docMin?.label, seedLabel: seedMin?.label };
  const list = TABLE.entries.get(`${v[0]}.${v[1]}`);
  let nearest: Entry | undefined;
  let nearestIndex = -1;
  for (let i = 0; list && i < list.length; i++) {
    if (compareBuild(list[i]!.v, v) <= 0) {
      nearest = list[i];
      nearestIndex = i;
    }
  }
  // An earlier revision of a CU's own build number (a pre-release or hotfix build, 15.0.847.12 for SP1's 15.0.847.32)
  // is that CU: the third number names the CU.
  const sameCu = list?.find((e) => e.v[2] === v[2] && compareBuild(e.v, v) > 0);
  if (sameCu && (!nearest || nearest.v[2] !== v[2])) return { ...base, product: sameCu.product, update: `${sameCu.update} (an earlier revision, ${v.join('.')})`, known: true };
  if (!list || !nearest) {
    return { ...base, product: productOfLine(v[0], v[1]), update: 'unknown update (build not in my table)', known: false };
  }
  if (compareBuild(nearest.v, v) === 0) return { ...base, product: nearest.product, update: nearest.update, known: true };
  // Security updates keep the CU's third number (15.1.2507.x are all CU23 + SUs).
  if (nearest.v[2] === v[2]) return { ...base, product: nearest.product, update: `${nearest.update} (or a later security update)`, known: true };
  const partial = TABLE.lines.get(`${v[0]}.${v[1]}`)?.partial === true;
  if (partial) return { ...base, product: nearest.product, update: `${nearest.update} (or a later rollup)`, known: true };
  const newest = nearestIndex === list.length - 1;
  return {
    ...base,
    product: nearest.product,
    update: newest ? `${nearest.update} or later (build newer than my table)` : `${nearest.update} or later (build not in my table)`,
    known: false,
  };
}
