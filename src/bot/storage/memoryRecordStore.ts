// STORAGE=memory: the same contract in a Map, for quick experiments (lost on restart).
import { ConflictError, type ExpectedEtag, type RecordStore, type Versioned } from './recordStore';

export class MemoryRecordStore implements RecordStore {
  private data = new Map<string, { json: string; etag: string }>();
  private seq = 0;

  private k(collection: string, key: string): string {
    return `${collection}\u0000${key}`;
  }

  async get<T>(collection: string, key: string): Promise<Versioned<T> | undefined> {
    const hit = this.data.get(this.k(collection, key));
    return hit ? { value: JSON.parse(hit.json) as T, etag: hit.etag } : undefined;
  }

  async put<T>(collection: string, key: string, value: T, expected: ExpectedEtag): Promise<string> {
    const k = this.k(collection, key);
    const cur = this.data.get(k);
    if (expected !== '*' && (expected === null ? cur !== undefined : cur?.etag !== expected)) throw new ConflictError(collection, key);
    const etag = `m${++this.seq}`;
    this.data.set(k, { json: JSON.stringify(value), etag });
    return etag;
  }

  async delete(collection: string, key: string, expected: ExpectedEtag = '*'): Promise<boolean> {
    const k = this.k(collection, key);
    const cur = this.data.get(k);
    if (!cur) return false;
    if (expected !== '*' && cur.etag !== expected) throw new ConflictError(collection, key);
    return this.data.delete(k);
  }

  async list<T>(collection: string, prefix = ''): Promise<{ key: string; value: T; etag: string }[]> {
    const head = this.k(collection, prefix);
    const out: { key: string; value: T; etag: string }[] = [];
    for (const [k, v] of this.data) {
      if (k.startsWith(head)) out.push({ key: k.slice(collection.length + 1), value: JSON.parse(v.json) as T, etag: v.etag });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  async listRange<T>(collection: string, fromKey: string, toKey: string, limit: number): Promise<{ key: string; value: T; etag: string }[]> {
    const all = await this.list<T>(collection);
    return all.filter((r) => r.key >= fromKey && r.key < toKey).slice(0, limit);
  }

  async close(): Promise<void> {}
}
