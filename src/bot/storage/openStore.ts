// Picks the store from configuration: the embedded SQLite file by default, memory for experiments.
import * as path from 'path';
import type { BotConfig } from '../config';
import { MemoryRecordStore } from './memoryRecordStore';
import type { RecordStore } from './recordStore';
import { SqliteRecordStore } from './sqliteRecordStore';

export function openStore(config: Pick<BotConfig, 'storage' | 'dataDir'>): RecordStore {
  if (config.storage === 'memory') return new MemoryRecordStore();
  return new SqliteRecordStore(path.join(config.dataDir, 'irm-doctor.sqlite'));
}
