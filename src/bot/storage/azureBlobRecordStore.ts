// STORAGE=azure-blob: every record is one JSON blob `<collection>/<encodeURIComponent(key)>.json` in
// one container, so any number of bot instances share the cases. Compare-and-swap is the blob's own
// ETag (If-Match / If-None-Match: *), which Azure Storage enforces atomically on the server.
import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import { text } from 'stream/consumers';
import { ConflictError, StoreUnavailableError, type ExpectedEtag, type RecordStore, type Versioned } from './recordStore';

export interface AzureBlobStoreOptions {
  /** Keys or SAS (Azurite, local runs). */
  connectionString?: string;
  /** `https://<account>.blob.core.windows.net`: signs in with DefaultAzureCredential (managed identity in Azure). */
  accountUrl?: string;
  container: string;
  /** Client-side limit per operation, retries included (default OP_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Two tries with a short pause: a refused connection fails in well under a second. The SDK's default
 * is 4 tries with a 4 s first back-off. tryTimeoutInMs is only sent to the server as `timeout=`; the
 * SDK does not abort a try that hangs, so every call below also carries its own deadline.
 */
export const BLOB_PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: 2, tryTimeoutInMs: 3000, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
};

/** A Teams user waits at most 15 s for a reply; a turn makes a few store calls, one hung call must not use it all. */
export const OP_TIMEOUT_MS = 5000;

/** Downloads at once while listing: enough to be quick, few enough not to flood a small account. */
const LIST_CONCURRENCY = 8;

interface HttpError {
  statusCode?: number;
  code?: string;
  name?: string;
}

/** Azurite answers an upload with an unquoted ETag and a download with a quoted one: one form for both. */
function quoted(etag: string | undefined): string {
  if (!etag) throw new Error('Azure Blob storage returned no ETag');
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

export class AzureBlobRecordStore implements RecordStore {
  private ready: Promise<void> | null = null;

  constructor(readonly container: ContainerClient, private readonly timeoutMs = OP_TIMEOUT_MS) {}

  /** Creates the container if missing. Called lazily; the server awaits it at start to fail early on a bad account. */
  init(): Promise<void> {
    // A failed attempt is forgotten so the next call tries again (Azure may have been down only briefly).
    this.ready ??= this.call('create container', this.container.containerName, async (abortSignal) => {
      await this.container.createIfNotExists({ abortSignal });
    }).catch((e: unknown) => {
      this.ready = null;
      throw e;
    });
    return this.ready;
  }

  private blob(collection: string, key: string) {
    return this.container.getBlockBlobClient(`${collection}/${encodeURIComponent(key)}.json`);
  }

  /** Maps SDK failures: the caller's `conflict` statuses become ConflictError, everything else StoreUnavailableError. */
  private async call<T>(op: string, what: string, fn: (signal: AbortSignal) => Promise<T>, conflict: (e: HttpError) => boolean = () => false): Promise<T> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let onAbort = (): void => {};
    // The race also covers reading a response body, which the SDK's abortSignal may not.
    const deadline = new Promise<never>((_, reject) => {
      onAbort = () => reject(Object.assign(new Error('timed out'), { name: 'AbortError' }));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([fn(signal), deadline]);
    } catch (err) {
      if (err instanceof ConflictError || err instanceof StoreUnavailableError) throw err;
      const e = (err ?? {}) as HttpError;
      if (e.code === 'ContainerNotFound') this.ready = null; // deleted under us: the next call creates it again
      if (conflict(e)) {
        const slash = what.indexOf('/');
        throw new ConflictError(what.slice(0, slash), what.slice(slash + 1));
      }
      const why = [e.statusCode, e.code, e.name === 'AbortError' ? 'timed out' : undefined].filter(Boolean).join(' ') || (err as Error)?.message;
      throw new StoreUnavailableError(`Azure Blob store: ${op} ${what} failed (${why})`);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async get<T>(collection: string, key: string): Promise<Versioned<T> | undefined> {
    await this.init();
    return this.call('read', `${collection}/${key}`, async (abortSignal) => {
      try {
        const res = await this.blob(collection, key).download(0, undefined, { abortSignal });
        return { value: JSON.parse(await text(res.readableStreamBody!)) as T, etag: quoted(res.etag) };
      } catch (e) {
        if ((e as HttpError).statusCode === 404 && (e as HttpError).code !== 'ContainerNotFound') return undefined;
        throw e;
      }
    });
  }

  async put<T>(collection: string, key: string, value: T, expected: ExpectedEtag): Promise<string> {
    await this.init();
    const json = JSON.stringify(value);
    const conditions = expected === '*' ? {} : expected === null ? { ifNoneMatch: '*' } : { ifMatch: expected };
    // Conflicts: 412 the ETag did not match; 409 the blob exists (If-None-Match: *); 404 with an ETag: deleted meanwhile.
    return this.call('write', `${collection}/${key}`, async (abortSignal) => {
      const res = await this.blob(collection, key).upload(json, Buffer.byteLength(json), {
        conditions,
        abortSignal,
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return quoted(res.etag);
    }, (e) => e.statusCode === 412 || e.statusCode === 409 || (expected !== '*' && expected !== null && e.code === 'BlobNotFound'));
  }

  async delete(collection: string, key: string, expected: ExpectedEtag = '*'): Promise<boolean> {
    await this.init();
    const conditions = expected === '*' || expected === null ? {} : { ifMatch: expected };
    const deleted = await this.call('delete', `${collection}/${key}`, async (abortSignal) => {
      try {
        await this.blob(collection, key).delete({ conditions, abortSignal });
        return true;
      } catch (e) {
        const x = e as HttpError;
        if (x.statusCode === 404 && x.code !== 'ContainerNotFound') return false;
        if (x.statusCode === 412) return undefined;
        throw e;
      }
    });
    if (deleted !== undefined) return deleted;
    // 412 also answers an If-Match on a blob that is not there (Azurite): that is "nothing deleted", as in SQLite.
    if (await this.get(collection, key)) throw new ConflictError(collection, key);
    return false;
  }

  /** Keys of a collection starting with `prefix`, in key order: one listing call, names only. */
  private async keys(collection: string, prefix: string): Promise<string[]> {
    await this.init();
    const head = `${collection}/`;
    const names = await this.call('list', `${collection}/${prefix}*`, async (abortSignal) => {
      const out: string[] = [];
      for await (const b of this.container.listBlobsFlat({ prefix: head + encodeURIComponent(prefix), abortSignal })) {
        if (b.name.endsWith('.json')) out.push(b.name);
      }
      return out;
    });
    // Sorted on the decoded key: encoded names do not sort like the keys ('%3A' for ':').
    return names.map((n) => decodeURIComponent(n.slice(head.length, -'.json'.length))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Downloads the records, a few at a time, keeping the order of `keys`. */
  private async fetch<T>(collection: string, keys: string[]): Promise<{ key: string; value: T; etag: string }[]> {
    const found: ({ key: string; value: T; etag: string } | undefined)[] = new Array(keys.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const i = next++;
        const hit = await this.get<T>(collection, keys[i]!);
        // A record deleted between listing and reading is simply not there any more.
        if (hit) found[i] = { key: keys[i]!, ...hit };
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, keys.length) }, worker));
    return found.filter((r) => r !== undefined);
  }

  async list<T>(collection: string, prefix = ''): Promise<{ key: string; value: T; etag: string }[]> {
    return this.fetch<T>(collection, await this.keys(collection, prefix));
  }

  /** The reminder scheduler's "due by now" read: names are listed, only the records in range downloaded. */
  async listRange<T>(collection: string, fromKey: string, toKey: string, limit: number): Promise<{ key: string; value: T; etag: string }[]> {
    const keys = (await this.keys(collection, '')).filter((k) => k >= fromKey && k < toKey).slice(0, limit);
    return this.fetch<T>(collection, keys);
  }

  async close(): Promise<void> {
    // Nothing to release: the SDK holds no handle that needs closing.
  }
}

export function openAzureBlobStore(opts: AzureBlobStoreOptions, pipeline: StoragePipelineOptions = BLOB_PIPELINE): AzureBlobRecordStore {
  let service: BlobServiceClient;
  if (opts.connectionString) service = BlobServiceClient.fromConnectionString(opts.connectionString, pipeline);
  else if (opts.accountUrl) service = new BlobServiceClient(opts.accountUrl, new DefaultAzureCredential(), pipeline);
  else throw new Error('openAzureBlobStore needs a connection string or an account URL');
  return new AzureBlobRecordStore(service.getContainerClient(opts.container), opts.timeoutMs);
}
