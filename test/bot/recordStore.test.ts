// One contract, every backend: the same tests run against each RecordStore implementation.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openAzureBlobStore } from '../../src/bot/storage/azureBlobRecordStore';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { ConflictError, type RecordStore } from '../../src/bot/storage/recordStore';
import { SqliteRecordStore } from '../../src/bot/storage/sqliteRecordStore';
import Database from 'better-sqlite3';
import { startAzurite, type Azurite } from '../helpers/azurite';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-store-'));
let azurite: Azurite | undefined;
let containers = 0;

/** `setup`/`teardown`: once per backend (Azurite is started only when its suite runs). */
const backends: { name: string; make: () => RecordStore; setup?: () => Promise<void>; teardown?: () => Promise<void> }[] = [
  { name: 'memory', make: () => new MemoryRecordStore() },
  { name: 'sqlite', make: () => new SqliteRecordStore(path.join(tmp, `s-${Math.random().toString(36).slice(2)}.sqlite`)) },
  {
    name: 'azure-blob (Azurite)',
    // A container per test: nothing one test writes is seen by the next.
    make: () => openAzureBlobStore({ connectionString: azurite!.connectionString, container: `contract-${++containers}` }),
    setup: async () => { azurite = await startAzurite(); },
    teardown: async () => { await azurite?.stop(); },
  },
];

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

for (const { name, make, setup, teardown } of backends) {
  describe(`RecordStore contract: ${name}`, function () {
    this.timeout(20000);
    let store: RecordStore;
    if (setup) before(setup);
    if (teardown) after(teardown);
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

    it('keeps keys with slashes, percent signs, spaces and accents apart, and lists them by prefix', async () => {
      const keys = ['a/b', 'a%2Fb', 'a b', 'ü:1', 'ü:2', '..'];
      for (const k of keys) await store.put('odd', k, { k }, null);
      for (const k of keys) assert.deepStrictEqual((await store.get('odd', k))?.value, { k });
      assert.deepStrictEqual((await store.list<{ k: string }>('odd', 'ü:')).map((r) => r.key), ['ü:1', 'ü:2']);
      assert.deepStrictEqual((await store.list<{ k: string }>('odd', 'a/')).map((r) => r.value.k), ['a/b']);
      assert.strictEqual((await store.list('odd')).length, keys.length);
    });

    it('listRange: keys in [from, to) in key order, at most limit', async function () {
      assert.ok(store.listRange, `${name} implements listRange`);
      for (const k of ['2025-01-02T10:00:00.000Z|b', '2025-01-01T09:30:00.000Z|a', '2025-01-02T10:00:00.000Z|a', '2025-01-03T00:00:00.000Z|c']) {
        await store.put('due', k, { k }, null);
      }
      const upTo = (to: string, limit: number) => store.listRange!<{ k: string }>('due', '', to, limit).then((rows) => rows.map((r) => r.key));
      assert.deepStrictEqual(await upTo('2025-01-02T10:00:00.000Z|\uffff', 10),
        ['2025-01-01T09:30:00.000Z|a', '2025-01-02T10:00:00.000Z|a', '2025-01-02T10:00:00.000Z|b']);
      assert.deepStrictEqual(await upTo('2025-01-02T10:00:00.000Z|b', 10), ['2025-01-01T09:30:00.000Z|a', '2025-01-02T10:00:00.000Z|a']);
      assert.deepStrictEqual(await upTo('9', 2), ['2025-01-01T09:30:00.000Z|a', '2025-01-02T10:00:00.000Z|a']);
      assert.deepStrictEqual((await store.listRange!('due', '2025-01-02', '9', 10)).length, 3);
    });

    it('an ETag from put is good for the next put; a stale one and one for a missing record conflict', async () => {
      const e1 = await store.put('c', 'k', 1, null);
      const e2 = await store.put('c', 'k', 2, e1);
      assert.strictEqual((await store.get('c', 'k'))?.etag, e2);
      await assert.rejects(store.put('c', 'k', 3, e1), ConflictError);
      await assert.rejects(store.put('c', 'gone', 1, e2), ConflictError);
      assert.strictEqual(await store.delete('c', 'gone', e2), false);
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

  it('a file written with the first table layout (WITHOUT ROWID) opens with its records and ETags intact', async () => {
    const file = path.join(tmp, 'first-layout.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE records (
      collection TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at INTEGER NOT NULL,
      PRIMARY KEY (collection, key)) WITHOUT ROWID`);
    old.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?)').run('cases', 'case-1', JSON.stringify({ nodeId: 'A3' }), 'etag-1', 1);
    old.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?)').run('conversations', 'a:1', JSON.stringify({ currentCaseId: 'case-1' }), 'etag-2', 1);
    old.close();

    const store = new SqliteRecordStore(file);
    assert.deepStrictEqual(await store.get('cases', 'case-1'), { value: { nodeId: 'A3' }, etag: 'etag-1' });
    assert.deepStrictEqual((await store.list('conversations')).map((r) => r.value), [{ currentCaseId: 'case-1' }]);
    await store.put('cases', 'case-1', { nodeId: 'A4' }, 'etag-1');
    await assert.rejects(store.put('cases', 'case-1', { nodeId: 'A5' }, 'etag-1'), ConflictError);
    await assert.rejects(store.put('cases', 'case-1', { nodeId: 'A5' }, null), ConflictError);
    await store.close();

    // Opened again: already migrated, nothing lost.
    const again = new SqliteRecordStore(file);
    assert.deepStrictEqual((await again.get('cases', 'case-1'))?.value, { nodeId: 'A4' });
    await again.close();
    const check = new Database(file, { readonly: true });
    const sql = (check.prepare("SELECT sql FROM sqlite_master WHERE name = 'records'").get() as { sql: string }).sql;
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    check.close();
    assert.doesNotMatch(sql, /WITHOUT ROWID/i);
    assert.deepStrictEqual(tables, [{ name: 'records' }]);
  });
});
