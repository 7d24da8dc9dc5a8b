// One contract, every backend: the same tests run against each RecordStore implementation.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { ConflictError, type RecordStore } from '../../src/bot/storage/recordStore';
import { SqliteRecordStore } from '../../src/bot/storage/sqliteRecordStore';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-store-'));
const backends: [string, () => RecordStore][] = [
  ['memory', () => new MemoryRecordStore()],
  ['sqlite', () => new SqliteRecordStore(path.join(tmp, `s-${Math.random().toString(36).slice(2)}.sqlite`))],
];

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

for (const [name, make] of backends) {
  describe(`RecordStore contract: ${name}`, () => {
    let store: RecordStore;
    beforeEach(() => { store = make(); });
    afterEach(async () => { await store.close(); });

    it('creates only when absent (expected null)', async () => {
      const etag = await store.put('c', 'k', { a: 1 }, null);
      assert.ok(etag);
      await assert.rejects(store.put('c', 'k', { a: 2 }, null), ConflictError);
      assert.deepStrictEqual((await store.get('c', 'k'))?.value, { a: 1 });
    });

    it('compare-and-swap: exactly one of two writers holding the same ETag wins', async () => {
      const e0 = await store.put('c', 'ticket', { owner: null }, null);
      const results = await Promise.allSettled([
        store.put('c', 'ticket', { owner: 'alice' }, e0),
        store.put('c', 'ticket', { owner: 'bob' }, e0),
      ]);
      assert.strictEqual(results.filter((r) => r.status === 'fulfilled').length, 1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(loser.reason instanceof ConflictError);
      const winner = results[0]!.status === 'fulfilled' ? 'alice' : 'bob';
      assert.deepStrictEqual((await store.get('c', 'ticket'))?.value, { owner: winner });
    });

    it("'*' overwrites whatever is there; delete honours the ETag", async () => {
      await store.put('c', 'k', 1, '*');
      const e = await store.put('c', 'k', 2, '*');
      await assert.rejects(store.delete('c', 'k', 'stale-etag'), ConflictError);
      assert.strictEqual(await store.delete('c', 'k', e), true);
      assert.strictEqual(await store.get('c', 'k'), undefined);
      assert.strictEqual(await store.delete('c', 'k'), false);
    });

    it('lists a collection by key prefix, and collections do not mix', async () => {
      await store.put('cases', 'conv1:a', 1, null);
      await store.put('cases', 'conv1:b', 2, null);
      await store.put('cases', 'conv2:a', 3, null);
      await store.put('other', 'conv1:c', 4, null);
      assert.deepStrictEqual((await store.list<number>('cases', 'conv1:')).map((r) => r.value), [1, 2]);
      assert.strictEqual((await store.list('cases')).length, 3);
    });
  });
}

describe('SqliteRecordStore durability', () => {
  it('two handles on one file (two bot processes) see each other and race safely', async () => {
    const file = path.join(tmp, 'shared.sqlite');
    const a = new SqliteRecordStore(file);
    const b = new SqliteRecordStore(file);
    const e0 = await a.put('t', 'x', { v: 0 }, null);
    assert.deepStrictEqual((await b.get('t', 'x'))?.value, { v: 0 });
    await b.put('t', 'x', { v: 1 }, e0);
    await assert.rejects(a.put('t', 'x', { v: 2 }, e0), ConflictError);
    await a.close();
    await b.close();
  });
});
