// Picks the store from configuration: the embedded SQLite file by default, memory for experiments,
// Azure Blob storage when several instances must share the cases (scale-out).
import * as path from 'path';
import { DefaultAzureCredential } from '@azure/identity';
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { BotConfig } from '../config';
import { BLOB_PIPELINE, openAzureBlobStore } from './azureBlobRecordStore';
import { BlobsStateStorage } from './blobsStateStorage';
import { BotStateStorage } from './botStateStorage';
import { MemoryRecordStore } from './memoryRecordStore';
import type { RecordStore } from './recordStore';
import { SqliteRecordStore } from './sqliteRecordStore';

export async function openStore(config: Pick<BotConfig, 'storage' | 'dataDir' | 'azure'>): Promise<RecordStore> {
  if (config.storage === 'memory') return new MemoryRecordStore();
  if (config.storage === 'azure-blob') {
    const store = openAzureBlobStore(config.azure);
    // Creating the container at start turns a wrong key or account into an error now, not at the first user's turn.
    await store.init();
    return store;
  }
  return new SqliteRecordStore(path.join(config.dataDir, 'irm-doctor.sqlite'));
}

/** Where earlier versions kept botbuilder conversation state (the dialog stack): BlobsStorage on Azure, else our store. */
export function openBotStateStorage(config: Pick<BotConfig, 'storage' | 'azure'>, store: RecordStore): Storage {
  if (config.storage !== 'azure-blob') return new BotStateStorage(store);
  const { connectionString, accountUrl, container } = config.azure;
  const options = { storagePipelineOptions: BLOB_PIPELINE };
  // BlobsStorage takes either a connection string, or a container URL with a TokenCredential (managed identity).
  const credential = connectionString ? undefined : new DefaultAzureCredential();
  return new BlobsStateStorage(() => (connectionString
    ? new BlobsStorage(connectionString, container, options)
    : new BlobsStorage('', container, options, `${accountUrl}/${container}`, credential)));
}
