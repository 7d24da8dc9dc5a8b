// The Azure Blob backend against Azurite: compare-and-swap under a real race between separate
// clients (as two bot instances would be), and an outage: a storage that is down or hangs must fail
// fast with StoreUnavailableError (a Teams user waits 15 s at most) and lose nothing.
import * as assert from 'assert';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { BLOB_PIPELINE, openAzureBlobStore, type AzureBlobRecordStore } from '../../src/bot/storage/azureBlobRecordStore';
import { BlobsStateStorage } from '../../src/bot/storage/blobsStateStorage';
import { BotStateStorage } from '../../src/bot/storage/botStateStorage';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { openBotStateStorage } from '../../src/bot/storage/openStore';
import { ConflictError, StoreUnavailableError } from '../../src/bot/storage/recordStore';
import { startAzurite, type Azurite } from '../helpers/azurite';

describe('AzureBlobRecordStore on Azurite', function () {
  this.timeout(20000);
  let az: Azurite;
  const open = (container: string, timeoutMs?: number): AzureBlobRecordStore =>
    openAzureBlobStore({ connectionString: az.connectionString, container, timeoutMs });

  before(async () => { az = await startAzurite(); });
  after(async () => { await az?.stop(); });

  it('10 clients writing with the same ETag at once: exactly one wins, the others get ConflictError', async () => {
    const clients = Array.from({ length: 10 }, () => open('race'));
    const e0 = await clients[0]!.put('tickets', 't1', { owner: null }, null);
    const results = await Promise.allSettled(clients.map((c, i) => c.put('tickets', 't1', { owner: `agent-${i}` }, e0)));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    assert.strictEqual(won.length, 1, `winners: ${won.join(', ')}`);
    for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof ConflictError, String(r.reason));
    assert.deepStrictEqual((await clients[5]!.get('tickets', 't1'))?.value, { owner: `agent-${won[0]}` });
    // Creating: of 10 creators of the same new record, one wins as well.
    const created = await Promise.allSettled(clients.map((c, i) => c.put('tickets', 't2', { by: i }, null)));
    assert.strictEqual(created.filter((r) => r.status === 'fulfilled').length, 1);
  });

  it('a container deleted under a running store is created again by the next call', async () => {
    const s = open('recreated');
    await s.put('c', 'k', 1, null);
    await s.container.delete();
    await assert.rejects(s.get('c', 'k'), StoreUnavailableError);
    assert.strictEqual(await s.get('c', 'k'), undefined);
  });

  it('bot state: BlobsStorage for azure-blob (connection string or account URL + credential), our store otherwise', () => {
    const memory = new MemoryRecordStore();
    const azure = (a: { connectionString: string; accountUrl: string }) => ({ storage: 'azure-blob' as const, azure: { ...a, container: 'irm-doctor' } });
    assert.ok(openBotStateStorage(azure({ connectionString: az.connectionString, accountUrl: '' }), memory) instanceof BlobsStateStorage);
    // Built without network: BlobsStorage accepts DefaultAzureCredential as a TokenCredential.
    assert.ok(openBotStateStorage(azure({ connectionString: '', accountUrl: 'https://irmdoctor.blob.core.windows.net' }), memory) instanceof BlobsStateStorage);
    assert.ok(openBotStateStorage({ storage: 'sqlite', azure: { connectionString: '', accountUrl: '', container: 'irm-doctor' } }, memory) instanceof BotStateStorage);
  });

  describe('outage', function () {
    this.timeout(15000);
    const store = (): AzureBlobRecordStore => open('outage', 1500);
    let etag0: string;

    it('storage down: get, put and list reject with StoreUnavailableError', async () => {
      const s = store();
      etag0 = await s.put('cases', 'c1', { step: 'A3' }, null);
      await az.down();
      await assert.rejects(s.get('cases', 'c1'), StoreUnavailableError);
      await assert.rejects(s.put('cases', 'c1', { step: 'A4' }, etag0), StoreUnavailableError);
      await assert.rejects(s.list('cases'), StoreUnavailableError);
      // A store opened while the storage is down fails the same way (its container check too).
      await assert.rejects(store().get('cases', 'c1'), StoreUnavailableError);
    });

    it('after a restart the data written before is there, and the old ETag still works', async () => {
      await az.restart();
      const s = store();
      assert.deepStrictEqual(await s.get('cases', 'c1'), { value: { step: 'A3' }, etag: etag0 });
      await s.put('cases', 'c1', { step: 'A4' }, etag0);
    });

    it('storage hangs (process frozen): calls give up after their deadline instead of waiting', async () => {
      const s = store();
      await s.init();
      az.pause();
      try {
        await assert.rejects(s.get('cases', 'c1'), (e: Error) => e instanceof StoreUnavailableError && /timed out/.test(e.message));
      } finally {
        az.resume();
      }
      assert.deepStrictEqual((await s.get('cases', 'c1'))?.value, { step: 'A4' });
    });

    it('bot state on BlobsStorage: an outage is StoreUnavailableError, and it works again after restart', async () => {
      const state = new BlobsStateStorage(() => new BlobsStorage(az.connectionString, 'outage-state', { storagePipelineOptions: BLOB_PIPELINE }));
      await az.down();
      // The first call ever fails: BlobsStorage would keep that failed container check forever.
      await assert.rejects(state.read(['conv/1']), StoreUnavailableError);
      await az.restart();
      await state.write({ 'conv/1': { dialogState: { step: 'A3' }, eTag: '*' } });
      assert.deepStrictEqual((await state.read(['conv/1']))['conv/1']?.dialogState, { step: 'A3' });
    });

    it('bot state on BlobsStorage: a hanging storage fails the call at its deadline', async () => {
      const state = new BlobsStateStorage(() => new BlobsStorage(az.connectionString, 'outage-state', { storagePipelineOptions: BLOB_PIPELINE }), 1500);
      await state.read(['conv/1']);
      az.pause();
      try {
        await assert.rejects(state.read(['conv/1']), (e: Error) => e instanceof StoreUnavailableError && /timed out/.test(e.message));
      } finally {
        az.resume();
      }
      assert.deepStrictEqual((await state.read(['conv/1']))['conv/1']?.dialogState, { step: 'A3' });
    });
  });
});
