// botbuilder's Storage interface on top of our RecordStore, so conversation/user state (the dialog
// stack) lives in the same database as the cases. botbuilder writes with eTag '*' (last writer
// wins); our own records use real ETags.
import type { Storage, StoreItems } from 'botbuilder';
import type { RecordStore } from './recordStore';

const COLLECTION = 'botstate';

export class BotStateStorage implements Storage {
  constructor(private readonly store: RecordStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    for (const key of keys) {
      const hit = await this.store.get<Record<string, unknown>>(COLLECTION, key);
      if (hit) out[key] = { ...hit.value, eTag: hit.etag };
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      const expected = !eTag || eTag === '*' ? '*' : eTag;
      await this.store.put(COLLECTION, key, value, expected);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.delete(COLLECTION, key);
  }
}
