// Bot state (the dialog stack) on botbuilder-azure-blobs' BlobsStorage, with two fixes around it:
// - its failures are raw SDK errors, which the bot would answer with the generic "something went
//   wrong"; they become StoreUnavailableError so the user reads "temporarily unavailable";
// - it caches its first createIfNotExists promise, a rejected one too, so one outage would break it
//   for good; after any failure the next call starts on a fresh instance;
// - it takes no abort signal and the SDK does not time out a hung request, so a storage that stops
//   answering would hold the user's turn past Teams' 15 s; each call gets a deadline here.
import type { Storage, StoreItems } from 'botbuilder';
import type { BlobsStorage } from 'botbuilder-azure-blobs';
import { OP_TIMEOUT_MS } from './azureBlobRecordStore';
import { StoreUnavailableError } from './recordStore';

/** An HTTP status (RestError) or an abort/timeout: the service failed, not our code. */
function isServiceError(e: unknown): boolean {
  const x = (e ?? {}) as { statusCode?: unknown; name?: unknown; code?: unknown };
  return typeof x.statusCode === 'number' || x.name === 'RestError' || x.name === 'AbortError' || typeof x.code === 'string';
}

export class BlobsStateStorage implements Storage {
  private inner: BlobsStorage;

  constructor(private readonly make: () => BlobsStorage, private readonly timeoutMs = OP_TIMEOUT_MS) {
    this.inner = make();
  }

  private async call<T>(op: string, fn: (s: BlobsStorage) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    // The request itself cannot be cancelled: it is left to finish or fail on its own.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'AbortError' })), this.timeoutMs);
    });
    try {
      return await Promise.race([fn(this.inner), deadline]);
    } catch (e) {
      if (!isServiceError(e)) throw e; // a bug or an ETag conflict: not an outage
      this.inner = this.make();
      const x = e as { statusCode?: number; code?: string; name?: string };
      const why = [x.statusCode, x.code, x.name === 'AbortError' ? 'timed out' : undefined].filter(Boolean).join(' ');
      throw new StoreUnavailableError(`Azure Blob bot state: ${op} failed (${why})`);
    } finally {
      clearTimeout(timer);
    }
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.call('read', (s) => s.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.call('write', (s) => s.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.call('delete', (s) => s.delete(keys));
  }
}
