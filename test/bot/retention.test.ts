// RETENTION_DAYS on a store built by hand, with the clock injected: old cases go with their pastes,
// pointers to them and their dialog state; finished reminders go; tickets become stubs; whatever is
// recent, still worked on by the helpdesk, or still needed to reach someone stays.
import * as assert from 'assert';
import { isTicketRecord, type TicketRecord } from '../../src/engine/helpdesk/ticketTypes';
import { TicketRepository } from '../../src/bot/helpdesk/ticketRepository';
import { ReminderRepository } from '../../src/bot/reminders/reminderRepository';
import { BotStateStorage } from '../../src/bot/storage/botStateStorage';
import { CaseRepository } from '../../src/bot/storage/caseRepository';
import { botStateKey } from '../../src/bot/storage/erasure';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { purgeExpired } from '../../src/bot/storage/retention';
import { conversation, DAY, ref, reminder, storedCase, storedPaste, ticket } from '../helpers/storedRecords';

const NOW = new Date('2026-06-01T12:00:00Z');
const ago = (days: number): Date => new Date(NOW.getTime() - days * DAY);

describe('retention (RETENTION_DAYS) on MemoryRecordStore', () => {
  let store: MemoryRecordStore;
  let cases: CaseRepository;
  let reminders: ReminderRepository;
  let tickets: TicketRepository;
  let botState: BotStateStorage;

  beforeEach(async () => {
    store = new MemoryRecordStore();
    cases = new CaseRepository(store);
    reminders = new ReminderRepository(store);
    tickets = new TicketRepository(store);
    botState = new BotStateStorage(store);
    await cases.saveCase(storedCase('case-old', ago(40), { status: 'resolved' }), null);
    await cases.saveCase(storedCase('case-old-2', ago(31)), null);
    await cases.saveCase(storedCase('case-recent', ago(5)), null);
    await cases.saveCase(storedCase('case-old-worked-on', ago(45)), null);
    for (const id of ['case-old', 'case-recent']) {
      await cases.savePaste(storedPaste(id, 'p1', 'Get-IRMConfiguration output', ago(40)));
      await cases.savePaste(storedPaste(id, 'p2', 'reg query output', ago(40)));
    }
    await tickets.create(ticket(1, 'case-old', '29:alex', ago(41)));
    await tickets.create(ticket(2, 'case-old-worked-on', '29:alex', ago(45), { state: 'claimed', updatedAt: ago(2).toISOString() }));
    // A: keeps a recent case; B: nothing recent, nothing pending; C: nothing recent but a pending reminder.
    await store.put('conversations', 'a:A', conversation(ref('a:A', '29:alex'), ago(40), 'case-old', ['case-old-2', 'case-recent']), null);
    await store.put('conversations', 'a:B', conversation(ref('a:B', '29:bo'), ago(35), 'case-old-2'), null);
    await store.put('conversations', 'a:C', conversation(ref('a:C', '29:cy'), ago(35), null, ['case-old-2']), null);
    for (const id of ['a:A', 'a:B']) await botState.write({ [botStateKey('msteams', id)]: { dialogState: { caseId: 'x' }, eTag: '*' } });
    await reminders.create(reminder('rem-sent-old', 'a:A', 'sent', ago(40)));
    await reminders.recordDelivery(reminder('rem-sent-old', 'a:A', 'sent', ago(40)), 'act-1', ago(40));
    await reminders.create(reminder('rem-cancelled-recent', 'a:A', 'cancelled', ago(5)));
    await reminders.create(reminder('rem-dead-old', 'a:A', 'dead', ago(60)));
    await reminders.create(reminder('rem-pending', 'a:C', 'pending', ago(1)));
  });

  const purge = (at: Date = NOW) => purgeExpired(store, { retentionDays: 30, now: () => at, botState });

  it('deletes cases idle longer than the retention period, with their stored pastes', async () => {
    const n = await purge();
    assert.strictEqual(n.cases, 2);
    assert.strictEqual(n.pastes, 2);
    assert.strictEqual(await cases.getCase('case-old'), undefined);
    assert.strictEqual(await cases.getCase('case-old-2'), undefined);
    assert.deepStrictEqual(await cases.pastesOf('case-old'), []);
    assert.ok(await cases.getCase('case-recent'));
    assert.strictEqual((await cases.pastesOf('case-recent')).length, 2);
  });

  it('keeps a case whose ticket the helpdesk is still working on', async () => {
    await purge();
    assert.ok(await cases.getCase('case-old-worked-on'));
    assert.strictEqual((await tickets.get('IRM-2'))!.value.note.length > 0, true);
  });

  it('reduces the ticket of a deleted case to a stub: number, state and times, no text and no names', async () => {
    const n = await purge();
    assert.strictEqual(n.tickets, 1);
    const stub = (await tickets.get('IRM-1'))!.value;
    assert.ok(isTicketRecord(stub));
    const original = ticket(1, 'case-old', '29:alex', ago(41));
    assert.deepStrictEqual([stub.id, stub.number, stub.state, stub.createdAt, stub.updatedAt], [original.id, original.number, original.state, original.createdAt, original.updatedAt]);
    assert.strictEqual(stub.redactedAt, NOW.toISOString());
    const text = JSON.stringify(stub);
    for (const gone of ['Alex Admin', '29:alex', 'Eve Engineer', 'Berlin', 'EXCH-BER-07']) assert.ok(!text.includes(gone), gone);
    assert.deepStrictEqual(stub.timeline.map((e) => e.action), ['created', 'resolved']);
    assert.ok((await tickets.list(true)).some((t: TicketRecord) => t.id === 'IRM-1'), 'still listed for the helpdesk');
  });

  it('removes pointers to deleted cases; a conversation with nothing left and nothing pending goes entirely', async () => {
    const n = await purge();
    const a = (await cases.getConversation('a:A'))!.value;
    assert.strictEqual(a.currentCaseId, null);
    assert.deepStrictEqual(a.previousCaseIds, ['case-recent']);
    assert.strictEqual(await cases.getConversation('a:B'), undefined);
    const c = (await cases.getConversation('a:C'))!.value;
    assert.deepStrictEqual(c.previousCaseIds, [], 'C keeps its reference for the pending reminder');
    assert.deepStrictEqual([n.conversations, n.pointers], [1, 2]);
    // The dialog stacks that named a deleted case are gone too.
    for (const id of ['a:A', 'a:B']) assert.deepStrictEqual(await botState.read([botStateKey('msteams', id)]), {});
  });

  it('deletes sent, cancelled and dead reminders older than the period, with their index entries', async () => {
    const n = await purge();
    assert.strictEqual(n.reminders, 2);
    assert.strictEqual(await reminders.get('rem-sent-old'), undefined);
    assert.strictEqual(await reminders.get('rem-dead-old'), undefined);
    assert.ok(await reminders.get('rem-cancelled-recent'));
    assert.ok(await reminders.get('rem-pending'));
    assert.deepStrictEqual((await reminders.forConversation('a:A')).map((r) => r.id), ['rem-cancelled-recent']);
    assert.deepStrictEqual(await store.list('deliveries', 'rem-sent-old#'), []);
  });

  it('changes nothing on a second pass, and takes the rest once it is old enough', async () => {
    await purge();
    assert.deepStrictEqual(await purge(), { cases: 0, pastes: 0, reminders: 0, conversations: 0, pointers: 0, tickets: 0 });
    const later = await purge(new Date(NOW.getTime() + 60 * DAY));
    assert.strictEqual(later.cases, 2, 'the recent case and the one whose ticket went quiet');
    assert.strictEqual((await tickets.get('IRM-2'))!.value.note, '');
  });

  it('keeps a case changed after it was listed (compare-and-swap on delete)', async () => {
    const real = store.list.bind(store);
    // A turn touches case-old between the purge's listing and its delete.
    store.list = (async (collection: string, prefix?: string) => {
      const rows = await real(collection, prefix);
      if (collection === 'cases') await cases.saveCase({ ...(await cases.getCase('case-old'))!.value, updatedAt: NOW.toISOString() }, rows.find((r) => r.key === 'case-old')!.etag);
      return rows;
    }) as typeof store.list;
    await purge();
    assert.ok(await cases.getCase('case-old'));
  });
});
