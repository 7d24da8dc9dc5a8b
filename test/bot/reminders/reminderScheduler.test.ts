// Exactly-once delivery of reminders, with an injected clock and an in-memory store shared by
// "processes" (scheduler instances): due times, leases, crashes between send and mark, two
// schedulers racing, retries with back-off, and dead-lettering.
import * as assert from 'assert';
import type { ReminderRecord } from '../../../src/engine/reminders/reminderRecord';
import { ReminderRepository } from '../../../src/bot/reminders/reminderRepository';
import { ReminderScheduler, type DeliveryResult } from '../../../src/bot/reminders/reminderScheduler';
import { MemoryRecordStore } from '../../../src/bot/storage/memoryRecordStore';

const T0 = Date.parse('2026-11-26T10:00:00Z');

function reminder(id: string, dueOffsetMs: number, extra: Partial<ReminderRecord> = {}): ReminderRecord {
  return {
    id, kind: 'follow-up', conversationId: 'a:conv', userId: 'u1', caseId: 'case-1', nodeId: 'A4b.fix', ticketId: null, text: 'check the purge',
    timeZone: 'Europe/Berlin', dueAt: new Date(T0 + dueOffsetMs).toISOString(), notBefore: null, state: 'pending', lease: null, attempts: 0,
    repeats: 0, late: false, lastError: null, sentAt: null, createdAt: new Date(T0).toISOString(), ...extra,
  };
}

describe('reminder scheduler', () => {
  let clock: number;
  let store: MemoryRecordStore;
  let repo: ReminderRepository;
  let sent: string[];
  const ok = async (r: ReminderRecord): Promise<DeliveryResult> => {
    sent.push(r.id);
    return { outcome: { ok: true, activityId: `act-${r.id}`, attempts: 1 } };
  };
  const scheduler = (deliver = ok, owner = 'p1', maxAttempts = 3): ReminderScheduler =>
    new ReminderScheduler(repo, deliver, {
      owner, pollMs: 1000, leaseMs: 60000, lateAfterMs: 120000, maxAttempts, backoffMs: () => 5000, batch: 100, concurrency: 4, now: () => new Date(clock),
    });

  beforeEach(() => {
    clock = T0;
    store = new MemoryRecordStore();
    repo = new ReminderRepository(store);
    sent = [];
  });

  it('delivers a reminder once it is due, and only once', async () => {
    await repo.create(reminder('r1', 60000));
    const s = scheduler();
    assert.strictEqual(await s.tick(), 0);
    clock += 60000;
    assert.strictEqual(await s.tick(), 1);
    assert.strictEqual(await s.tick(), 0);
    clock += 3600000;
    await s.tick();
    assert.deepStrictEqual(sent, ['r1']);
    assert.strictEqual((await repo.get('r1'))!.value.state, 'sent');
  });

  it('two schedulers on one store: exactly one copy of each of 200 reminders', async () => {
    for (let i = 0; i < 200; i++) await repo.create(reminder(`r${i}`, 0));
    await Promise.all([scheduler(ok, 'p1').tick(), scheduler(ok, 'p2').tick(), scheduler(ok, 'p3').tick()]);
    assert.strictEqual(sent.length, 200);
    assert.strictEqual(new Set(sent).size, 200);
  });

  it('a crash after sending but before marking: the lease expires and no second copy is sent', async () => {
    await repo.create(reminder('r1', 0));
    // Process 1 claims and delivers, then "dies" before it can mark the reminder sent.
    const dying = scheduler(async (r) => {
      sent.push(r.id);
      await repo.recordDelivery(r, 'act-1', new Date(clock));
      throw new Error('killed');
    });
    await assert.rejects(dying.tick(), /killed/);
    assert.strictEqual((await repo.get('r1'))!.value.state, 'claimed');
    const survivor = scheduler(ok, 'p2');
    assert.strictEqual(await survivor.tick(), 0, 'the lease is still live');
    clock += 61000;
    assert.strictEqual(await survivor.tick(), 1);
    assert.deepStrictEqual(sent, ['r1']);
    assert.strictEqual(survivor.counters.skippedDuplicates, 1);
    assert.strictEqual((await repo.get('r1'))!.value.state, 'sent');
  });

  it('a crash before sending: delivered once the lease expires', async () => {
    await repo.create(reminder('r1', 0));
    await assert.rejects(scheduler(async () => { throw new Error('killed'); }).tick());
    clock += 61000;
    await scheduler(ok, 'p2').tick();
    assert.deepStrictEqual(sent, ['r1']);
  });

  it('retries a failed send after its back-off, then dead-letters after the maximum attempts', async () => {
    await repo.create(reminder('r1', 0));
    let calls = 0;
    const failing = scheduler(async () => {
      calls++;
      return { outcome: { ok: false, permanent: false, status: 502, attempts: 1, error: 'bad gateway' } };
    }, 'p1', 3);
    await failing.tick();
    assert.strictEqual(calls, 1);
    await failing.tick();
    assert.strictEqual(calls, 1, 'waits for its back-off');
    clock += 5000;
    await failing.tick();
    clock += 5000;
    await failing.tick();
    clock += 5000;
    await failing.tick();
    assert.strictEqual(calls, 3);
    const r = (await repo.get('r1'))!.value;
    assert.strictEqual(r.state, 'dead');
    assert.strictEqual(failing.counters.deadLettered, 1);
  });

  it('dead-letters at once when the conversation is gone (403/404)', async () => {
    await repo.create(reminder('r1', 0));
    const s = scheduler(async () => ({ outcome: { ok: false, permanent: true, status: 404, attempts: 1, error: 'conversation not found' } }));
    await s.tick();
    assert.strictEqual((await repo.get('r1'))!.value.state, 'dead');
  });

  it('marks reminders that were due while the bot was down as late', async () => {
    await repo.create(reminder('r1', 0));
    clock += 3 * 3600000;
    let late = false;
    await scheduler(async (r) => { late = r.late; return ok(r); }).tick();
    assert.strictEqual(late, true);
  });

  it('never sends a cancelled reminder, and drops its index entry', async () => {
    await repo.create(reminder('r1', 0, { state: 'cancelled' }));
    await scheduler().tick();
    assert.deepStrictEqual(sent, []);
    assert.deepStrictEqual(await repo.dueIds(new Date(clock + 1), 10), []);
  });

  it('repeats a nudge on the schedule the delivery returns, each round sent once', async () => {
    await repo.create(reminder('n1', 0, { kind: 'ticket-unclaimed' }));
    let rounds = 0;
    const s = scheduler(async (r) => {
      sent.push(r.id);
      rounds++;
      return { outcome: { ok: true, activityId: null, attempts: 1 }, next: rounds < 3 ? new Date(clock + 1800000) : null };
    });
    for (let i = 0; i < 5; i++) {
      await s.tick();
      clock += 1800000;
    }
    assert.deepStrictEqual(sent, ['n1', 'n1', 'n1']);
  });

  it('a crash after sending a nudge round but before marking it: the next round is still scheduled, and sent once', async () => {
    await repo.create(reminder('n1', 0, { kind: 'ticket-unclaimed' }));
    const everyMs = 1800000;
    // Round 1 reaches Teams and its delivery is recorded (with the next round's time); then the
    // process dies before it marks the round sent and schedules the next one.
    let first = true;
    const dying = scheduler(async (r) => {
      sent.push(`${r.id}#${r.repeats}`);
      if (first) {
        first = false;
        await repo.recordDelivery(r, 'act-1', new Date(clock), new Date(clock + everyMs));
        throw new Error('killed');
      }
      return { outcome: { ok: true, activityId: null, attempts: 1 }, next: null };
    });
    await assert.rejects(dying.tick(), /killed/);
    const survivor = scheduler(async (r) => {
      sent.push(`${r.id}#${r.repeats}`);
      return { outcome: { ok: true, activityId: null, attempts: 1 }, next: null };
    }, 'p2');
    clock += 61000;
    await survivor.tick();
    assert.strictEqual(survivor.counters.skippedDuplicates, 1);
    assert.deepStrictEqual(sent, ['n1#0'], 'round 1 is not sent twice');
    const pending = (await repo.get('n1'))!.value;
    assert.strictEqual(pending.state, 'pending', 'the next round is scheduled');
    assert.strictEqual(pending.dueAt, new Date(T0 + everyMs).toISOString());
    clock = T0 + everyMs;
    await survivor.tick();
    await survivor.tick();
    assert.deepStrictEqual(sent, ['n1#0', 'n1#1']);
  });
});
