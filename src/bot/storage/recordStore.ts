// One small storage contract for everything the bot keeps (cases, conversation pointers, bot state,
// later tickets and reminders): JSON records in collections, each with an ETag for compare-and-swap.
// Anything two people or two instances may change at once is written with the ETag it was read with.

import { ConflictError, type Versioned } from '../../dialogs/ports/storePorts';

// The compare-and-swap contract is the conversation layer's (its ports); the stores implement it.
export { ConflictError, type Versioned };

/** `null`: the record must not exist yet. `'*'`: overwrite whatever is there. Otherwise: the ETag read. */
export type ExpectedEtag = string | null | '*';

/** The store itself failed (disk, network, Azurite down): the user is told to try again, nothing is lost. */
export class StoreUnavailableError extends Error {}

export interface RecordStore {
  get<T>(collection: string, key: string): Promise<Versioned<T> | undefined>;
  /** Writes if the current ETag matches `expected`; returns the new ETag; throws ConflictError otherwise. */
  put<T>(collection: string, key: string, value: T, expected: ExpectedEtag): Promise<string>;
  /** Deletes if the ETag matches (or unconditionally with '*'); returns whether something was deleted. */
  delete(collection: string, key: string, expected?: ExpectedEtag): Promise<boolean>;
  /**
   * Records whose key is in [fromKey, toKey), in key order, at most `limit` (reminders are keyed by
   * due time, so "everything due by now" is one range read, however many are pending).
   */
  listRange?<T>(collection: string, fromKey: string, toKey: string, limit: number): Promise<{ key: string; value: T; etag: string }[]>;
  /** Every record of a collection whose key starts with `prefix` (small collections only). */
  list<T>(collection: string, prefix?: string): Promise<{ key: string; value: T; etag: string }[]>;
  close(): Promise<void>;
}
