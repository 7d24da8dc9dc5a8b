// The embedded default: one SQLite file under DATA_DIR (better-sqlite3). WAL mode, so a committed
// write survives `kill -9`; compare-and-swap is a single UPDATE ... WHERE etag = ?, atomic across
// every process that opens the same file.
import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { ConflictError, StoreUnavailableError, type ExpectedEtag, type RecordStore, type Versioned } from './recordStore';

type Row = { value: string; etag: string };

/**
 * A rowid table with a unique (collection, key) index. The first layout was a WITHOUT ROWID table
 * keyed on (collection, key); there a row holds at most about 1 KB in its B-tree page and a case
 * (~3 KB) went to overflow pages, so every read and write touched two or three pages. Here a case
 * fits in its leaf page: a write costs about half and a read about a third (measured on the turn
 * benchmark's pattern of reads and writes).
 */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS records (
  collection TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at INTEGER NOT NULL,
  UNIQUE (collection, key))`;

/** Creates the table, or moves a file written by an earlier version to the current layout. */
function createOrMigrate(db: Database.Database): void {
  const layout = (): string | undefined =>
    (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'records'").get() as { sql: string } | undefined)?.sql;
  if (layout() && !/WITHOUT ROWID/i.test(layout()!)) return;
  // IMMEDIATE: two processes opening an old file at once migrate it once; the second finds it done.
  db.transaction(() => {
    const sql = layout();
    if (!sql) {
      db.exec(CREATE_TABLE);
      return;
    }
    if (!/WITHOUT ROWID/i.test(sql)) return;
    db.exec('ALTER TABLE records RENAME TO records_without_rowid');
    db.exec(CREATE_TABLE);
    db.exec('INSERT INTO records (collection, key, value, etag, updated_at) SELECT collection, key, value, etag, updated_at FROM records_without_rowid');
    db.exec('DROP TABLE records_without_rowid');
  }).immediate();
}

export class SqliteRecordStore implements RecordStore {
  private db: Database.Database;
  private stmts: {
    get: Database.Statement<[string, string], Row>;
    insert: Database.Statement<[string, string, string, string, number]>;
    update: Database.Statement<[string, string, number, string, string, string]>;
    upsert: Database.Statement<[string, string, string, string, number]>;
    del: Database.Statement<[string, string]>;
    delIf: Database.Statement<[string, string, string]>;
    list: Database.Statement<[string, string, string], { key: string; value: string; etag: string }>;
    range: Database.Statement<[string, string, string, number], { key: string; value: string; etag: string }>;
  };

  /** `maxBytes`: the file may grow to about this size; writes beyond it fail (SQLITE_FULL) like a full disk. */
  constructor(file: string, opts: { maxBytes?: number } = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    if (opts.maxBytes) this.db.pragma(`max_page_count = ${Math.max(16, Math.floor(opts.maxBytes / (this.db.pragma('page_size', { simple: true }) as number)))}`);
    this.db.pragma('synchronous = NORMAL');
    // Several bot processes may share the file: wait for a lock instead of failing at once.
    this.db.pragma('busy_timeout = 5000');
    createOrMigrate(this.db);
    this.stmts = {
      get: this.db.prepare('SELECT value, etag FROM records WHERE collection = ? AND key = ?'),
      insert: this.db.prepare('INSERT OR IGNORE INTO records (collection, key, value, etag, updated_at) VALUES (?, ?, ?, ?, ?)'),
      update: this.db.prepare('UPDATE records SET value = ?, etag = ?, updated_at = ? WHERE collection = ? AND key = ? AND etag = ?'),
      upsert: this.db.prepare(`INSERT INTO records (collection, key, value, etag, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (collection, key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`),
      del: this.db.prepare('DELETE FROM records WHERE collection = ? AND key = ?'),
      delIf: this.db.prepare('DELETE FROM records WHERE collection = ? AND key = ? AND etag = ?'),
      list: this.db.prepare("SELECT key, value, etag FROM records WHERE collection = ? AND key >= ? AND key < ? ORDER BY key"),
      range: this.db.prepare('SELECT key, value, etag FROM records WHERE collection = ? AND key >= ? AND key < ? ORDER BY key LIMIT ?'),
    };
  }

  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ConflictError) throw e;
      throw new StoreUnavailableError(`SQLite store failed: ${(e as Error).message}`);
    }
  }

  async get<T>(collection: string, key: string): Promise<Versioned<T> | undefined> {
    const row = this.run(() => this.stmts.get.get(collection, key));
    return row ? { value: JSON.parse(row.value) as T, etag: row.etag } : undefined;
  }

  async put<T>(collection: string, key: string, value: T, expected: ExpectedEtag): Promise<string> {
    const json = JSON.stringify(value);
    const etag = randomUUID();
    const now = Date.now();
    return this.run(() => {
      if (expected === '*') this.stmts.upsert.run(collection, key, json, etag, now);
      else if (expected === null) {
        if (this.stmts.insert.run(collection, key, json, etag, now).changes === 0) throw new ConflictError(collection, key);
      } else if (this.stmts.update.run(json, etag, now, collection, key, expected).changes === 0) throw new ConflictError(collection, key);
      return etag;
    });
  }

  async delete(collection: string, key: string, expected: ExpectedEtag = '*'): Promise<boolean> {
    return this.run(() => {
      if (expected === '*' || expected === null) return this.stmts.del.run(collection, key).changes > 0;
      const n = this.stmts.delIf.run(collection, key, expected).changes;
      if (n === 0 && this.stmts.get.get(collection, key)) throw new ConflictError(collection, key);
      return n > 0;
    });
  }

  async list<T>(collection: string, prefix = ''): Promise<{ key: string; value: T; etag: string }[]> {
    // key < prefix + U+FFFF: every key that starts with prefix, using the primary key index.
    const rows = this.run(() => this.stmts.list.all(collection, prefix, `${prefix}\uffff`));
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T, etag: r.etag }));
  }

  async listRange<T>(collection: string, fromKey: string, toKey: string, limit: number): Promise<{ key: string; value: T; etag: string }[]> {
    const rows = this.run(() => this.stmts.range.all(collection, fromKey, toKey, limit));
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T, etag: r.etag }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
