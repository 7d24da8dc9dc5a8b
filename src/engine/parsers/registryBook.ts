// Collects registry keys per server while the registry parser reads a paste, and at the end works out
// which of the four required keys the paste proves missing (an ERROR line, or a queried parent key whose
// subkey is absent), so the rules can tell "missing" from "not in the paste".
import type { RegistryKey, RegistryServer } from './registry';
import type { ParsedValue } from './registryLines';
import { EXPECTED, expectedPath, isAncestor, normalizeKeyPath, samePath, versionOfPath } from './registryKeys';
import type { ExpectedKey, RegVersion } from './registryKeys';

interface Server {
  name: string;
  unnamed: boolean;
  keys: RegistryKey[];
  missingKeys: string[];
  errors: string[];
  notFound: number;
  /** Index in `keys` where the current .reg export began (null outside an export). */
  segmentStart: number | null;
  /** Lower-cased path -> index in `keys` (keeps a many-key paste linear). */
  index: Map<string, number>;
}

export const UNKNOWN_KEY = 'unknown';

function newServer(name: string, unnamed: boolean): Server {
  return { name, unnamed, keys: [], missingKeys: [], errors: [], notFound: 0, segmentStart: null, index: new Map() };
}

function reindex(s: Server): void {
  s.index = new Map(s.keys.map((k, i): [string, number] => [k.path.toLowerCase(), i]));
}

/** Every path that can hold one of the required keys (the redirection keys in both version trees). */
function pathsOf(which: ExpectedKey): string[] {
  return which === 'activation' || which === 'publishing' ? [expectedPath(which, 'v15')] : [expectedPath(which, 'v14'), expectedPath(which, 'v15')];
}

function isEmpty(s: Server): boolean {
  return s.keys.length === 0 && s.missingKeys.length === 0 && s.errors.length === 0;
}

export class ServerBook {
  private readonly servers: Server[] = [newServer('', true)];
  private readonly named = new Map<string, Server>();
  private cur: Server = this.servers[0]!;

  switchTo(name: string): void {
    const lower = name.toLowerCase();
    const found = this.named.get(lower);
    if (found) this.cur = found;
    else if (this.cur.unnamed && isEmpty(this.cur)) {
      this.cur.name = name;
      this.cur.unnamed = false;
      this.named.set(lower, this.cur);
    } else {
      this.cur = newServer(name, false);
      this.servers.push(this.cur);
      this.named.set(lower, this.cur);
    }
    this.cur.segmentStart = null;
  }

  /** A `Windows Registry Editor Version 5.00` header: a new export begins (maybe from another server). */
  startExport(): void {
    this.cur.segmentStart = this.cur.keys.length;
  }

  addKey(rawPath: string, values: ParsedValue[], listedOnly: boolean): void {
    const kp = normalizeKeyPath(rawPath);
    if (!kp) return;
    if (kp.machine) this.switchTo(kp.machine);
    let s = this.cur;
    const idx = s.index.get(kp.path.toLowerCase()) ?? -1;
    const existing = idx === -1 ? undefined : s.keys[idx]!;
    const newExport = s.segmentStart !== null && idx < s.segmentStart;
    const differs = existing !== undefined && existing.values.length > 0 && !sameValues(existing.values, values);
    if (existing && s.unnamed && !listedOnly && !existing.listedOnly && (newExport || (s.segmentStart === null && differs))) {
      // The same key again with no server name in between: the next server's output (several exports
      // pasted one after the other, or reg query output with other values). Keys of the current export
      // move with it. The same values again (a re-run, a drill-down into one key) stay on this server.
      const moved = s.segmentStart === null ? [] : s.keys.splice(s.segmentStart);
      if (moved.length) reindex(s);
      const next = newServer('', true);
      next.keys.push(...moved);
      reindex(next);
      next.segmentStart = s.segmentStart === null ? null : 0;
      this.servers.push(next);
      this.cur = next;
      s = next;
    } else if (existing) {
      if (!listedOnly) {
        existing.values = values.map(plain);
        delete existing.listedOnly;
      }
      return;
    }
    const key: RegistryKey = { path: kp.path, values: values.map(plain) };
    if (listedOnly) key.listedOnly = true;
    s.index.set(kp.path.toLowerCase(), s.keys.length);
    s.keys.push(key);
  }

  notFound(rawPath: string | undefined): void {
    const kp = rawPath ? normalizeKeyPath(rawPath) : undefined;
    if (kp?.machine) this.switchTo(kp.machine);
    this.cur.notFound++;
    this.cur.missingKeys.push(kp ? kp.path : UNKNOWN_KEY);
  }

  error(text: string): void {
    this.cur.errors.push(text);
  }

  finish(): RegistryServer[] {
    const kept = this.servers.filter((s) => !isEmpty(s));
    for (const s of kept) inferMissing(s);
    let n = 0;
    return kept.map((s) => {
      n++;
      const out: RegistryServer = {
        name: s.unnamed ? (kept.length === 1 ? 'this server' : `server ${n}`) : s.name,
        keys: s.keys,
        missingKeys: s.missingKeys,
      };
      if (s.unnamed) out.unnamed = true;
      if (s.errors.length) out.errors = s.errors;
      if (s.notFound) out.notFoundErrors = s.notFound;
      return out;
    });
  }

  /**
   * complete = every server shows (or proves missing) at least one of the required keys with its values:
   * the status says what THIS paste shows; keys it did not cover are asked for in `next`, not held against it.
   * incomplete = a server shows none of them, or only subkey listings without values.
   */
  shape(): 'complete' | 'incomplete' {
    const kept = this.servers.filter((s) => !isEmpty(s));
    if (kept.length === 0) return 'incomplete';
    for (const s of kept) {
      if (s.keys.length === 0 && s.missingKeys.length === 0) return 'incomplete';
      if (s.keys.length > 0 && s.keys.every((k) => /\\AADRM\\|\\MSIPC\\/i.test(k.path))) continue;
      const determined = EXPECTED.some((which) => {
        const st = stateOf(s, which);
        return st === 'present' || st === 'missing';
      });
      if (!determined) return 'incomplete';
    }
    return 'complete';
  }
}

function sameValues(a: ParsedValue[], b: ParsedValue[]): boolean {
  return a.length === b.length && a.every((v, i) => v.name === b[i]!.name && v.type === b[i]!.type && v.data === b[i]!.data);
}

function plain(v: ParsedValue): ParsedValue {
  return { name: v.name, type: v.type, data: v.data };
}

function stateOf(s: Server, which: ExpectedKey): 'present' | 'listed' | 'missing' | 'not-shown' {
  const paths = pathsOf(which);
  const key = s.keys.find((k) => paths.some((p) => samePath(k.path, p)));
  if (key) return key.listedOnly ? 'listed' : 'present';
  if (s.missingKeys.some((m) => paths.some((p) => samePath(m, p) || isAncestor(m, p)))) return 'missing';
  return 'not-shown';
}

/** Parent keys that were queried whole (their subkeys are listed or shown) prove an absent subkey missing. */
function provenByParent(s: Server, path: string, minDepth: number): boolean {
  for (const k of s.keys) {
    if (k.listedOnly || !isAncestor(k.path, path) || k.path.split('\\').length < minDepth) continue;
    const child = path.split('\\').slice(0, k.path.split('\\').length + 1).join('\\');
    const childShown = s.keys.some((o) => samePath(o.path, child) || isAncestor(child, o.path));
    if (!childShown) return true;
  }
  return false;
}

function inferMissing(s: Server): void {
  for (const which of EXPECTED) {
    if (stateOf(s, which) !== 'not-shown') continue;
    for (const p of pathsOf(which)) {
      // MSDRM needs at least HKLM\SOFTWARE\Microsoft\MSDRM; the Exchange keys at least ...\ExchangeServer\vNN.
      if (provenByParent(s, p, which === 'activation' || which === 'publishing' ? 4 : 5)) s.missingKeys.push(p);
    }
  }
  // "ERROR: unable to find the key" lines without a visible command: if there are at least as many as
  // required keys absent from the paste, those keys are the ones reported missing.
  const unknown = s.missingKeys.filter((m) => m === UNKNOWN_KEY).length;
  if (unknown === 0) return;
  const absent = EXPECTED.filter((w) => stateOf(s, w) === 'not-shown');
  if (absent.length === 0 || unknown < absent.length) return;
  const version = versionHint(s);
  let replaced = 0;
  s.missingKeys = s.missingKeys.filter((m) => !(m === UNKNOWN_KEY && replaced++ < absent.length));
  for (const w of absent) s.missingKeys.push(expectedPath(w, version));
}

function versionHint(s: Server): RegVersion {
  const versions = new Set<RegVersion>();
  for (const p of [...s.keys.map((k) => k.path), ...s.missingKeys]) {
    const v = versionOfPath(p);
    if (v) versions.add(v);
  }
  return versions.has('v14') && !versions.has('v15') ? 'v14' : 'v15';
}
