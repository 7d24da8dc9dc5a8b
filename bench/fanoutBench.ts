// Reminder fan-out: N reminders due at the same moment, each in its own conversation, on the
// embedded SQLite store, delivered by the real bot process to the fake Bot Connector. Prints how long
// the drain takes at Teams' rate limits (about 30 sends/s per app, so 10,000 take at least ~5.5
// minutes) and checks that none was lost or doubled. Asserts nothing; BENCH_FANOUT sets N.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReminderRecord } from '../src/engine/reminders/reminderRecord';
import type { ConversationRef } from '../src/bot/conversationRef';
import { ReminderRepository } from '../src/bot/reminders/reminderRepository';
import { SqliteRecordStore } from '../src/bot/storage/sqliteRecordStore';
import { BotProcess } from '../test/helpers/botProcess';
import { FakeConnector } from '../test/helpers/fakeConnector';

export interface FanoutFigures {
  count: number;
  seedSeconds: number;
  drainSeconds: number;
  sendsPerSec: number;
  delivered: number;
  duplicates: number;
  missing: number;
  peakRssMb: number | null;
}

function readHwmMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export async function runFanout(count: number): Promise<FanoutFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-fanout-'));
  const connector = await new FakeConnector().start();
  const store = new SqliteRecordStore(path.join(dataDir, 'irm-doctor.sqlite'));
  const repo = new ReminderRepository(store);
  const t0 = Date.now();
  const due = new Date(Date.now() - 1000).toISOString();
  for (let i = 0; i < count; i++) {
    const conversationId = `a:fanout-${i}`;
    const ref: ConversationRef = {
      serviceUrl: connector.url, channelId: 'msteams', conversationId, conversationType: 'personal', tenantId: 'tenant-1', botId: '28:irm-doctor',
      botName: 'IRM Doctor', userId: `29:user-${i}`, userName: `User ${i}`, locale: 'en-US', timezone: 'Europe/Berlin',
    };
    await store.put('conversations', conversationId, { conversationId, currentCaseId: null, previousCaseIds: [], ref, updatedAt: due }, '*');
    const r: ReminderRecord = {
      id: `rem-fanout-${i}`, kind: 'follow-up', conversationId, userId: ref.userId, caseId: null, nodeId: null, ticketId: null, text: `fan-out ${i}`,
      timeZone: 'Europe/Berlin', dueAt: due, notBefore: null, state: 'pending', lease: null, attempts: 0, repeats: 0, late: false, lastError: null,
      sentAt: null, createdAt: due,
    };
    await repo.create(r);
  }
  await store.close();
  const seedSeconds = (Date.now() - t0) / 1000;
  const bot = new BotProcess({ STORAGE: 'sqlite', DATA_DIR: dataDir, REMINDER_POLL_MS: '200', QUIET_HOURS: 'off' });
  const start = Date.now();
  await bot.start();
  let peak: number | null = null;
  try {
    const deadline = Date.now() + (count / 20 + 120) * 1000;
    let delivered = 0;
    while (Date.now() < deadline) {
      delivered = connector.calls.filter((c) => c.method === 'POST' && c.conversationId?.startsWith('a:fanout-') && !c.path.includes('[failed')).length;
      peak = Math.max(peak ?? 0, readHwmMb(bot.pid) ?? 0);
      if (delivered >= count) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainSeconds = (Date.now() - start) / 1000;
    await new Promise((r) => setTimeout(r, 2000)); // late duplicates would show up now
    const perConversation = new Map<string, number>();
    for (const c of connector.calls) {
      if (c.method === 'POST' && c.conversationId?.startsWith('a:fanout-') && !c.path.includes('[failed')) perConversation.set(c.conversationId, (perConversation.get(c.conversationId) ?? 0) + 1);
    }
    const total = [...perConversation.values()].reduce((a, b) => a + b, 0);
    return {
      count, seedSeconds, drainSeconds, sendsPerSec: total / drainSeconds, delivered: perConversation.size,
      duplicates: total - perConversation.size, missing: count - perConversation.size, peakRssMb: peak,
    };
  } finally {
    await bot.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printFanout(f: FanoutFigures): void {
  console.log(`\nReminder fan-out: ${f.count} reminders due at once, one per conversation, SQLite store, real bot process → fake connector`);
  console.log(`seeded in ${f.seedSeconds.toFixed(1)} s; drained in ${f.drainSeconds.toFixed(1)} s (${f.sendsPerSec.toFixed(1)} sends/s; ` +
    `the app-wide limit is 30/s, so at least ${(f.count / 30).toFixed(0)} s); peak RSS ${f.peakRssMb?.toFixed(0) ?? 'n/a'} MB`);
  console.log(`delivered ${f.delivered}, missing ${f.missing}, doubled ${f.duplicates} — ${f.missing === 0 && f.duplicates === 0 ? 'none lost or doubled' : 'LOST OR DOUBLED'}`);
}
