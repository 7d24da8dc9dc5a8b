// Conversation records change with compare-and-swap. A change to the record the turn already read
// is written with that read's ETag (no second read); a concurrent writer's change is never lost.
import * as assert from 'assert';
import { CaseRepository } from '../../src/bot/storage/caseRepository';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { ref } from '../helpers/storedRecords';

/** Counts reads, to show which path a change took. */
class CountingStore extends MemoryRecordStore {
  gets = 0;
  override get<T>(collection: string, key: string) {
    this.gets++;
    return super.get<T>(collection, key);
  }
}

describe('conversation records', () => {
  it('a change to the record this turn read costs one write and no read', async () => {
    const store = new CountingStore();
    const repo = new CaseRepository(store);
    const conv = await repo.touchConversation(ref('a:1', '29:u'));
    store.gets = 0;
    const next = await repo.updateConversation(conv, (r) => ({ ...r, currentCaseId: 'case-1' }));
    assert.strictEqual(store.gets, 0);
    assert.strictEqual((await repo.getConversation('a:1'))!.value.currentCaseId, 'case-1');
    // The returned record carries the new ETag: a second change also goes straight through.
    store.gets = 0;
    await repo.updateConversation(next, (r) => ({ ...r, previousCaseIds: ['case-0'] }));
    assert.strictEqual(store.gets, 0);
    assert.deepStrictEqual((await repo.getConversation('a:1'))!.value.previousCaseIds, ['case-0']);
  });

  it('another writer in between: the change is applied to the fresh record, keeping theirs', async () => {
    const store = new CountingStore();
    const repo = new CaseRepository(store);
    const conv = await repo.touchConversation(ref('a:1', '29:u'));
    // Meanwhile a helpdesk action (another process) marks the conversation as awaiting information.
    await new CaseRepository(store).touchConversation(conv.ref, (r) => ({ ...r, mode: { name: 'awaiting-info', ticketId: 'IRM-7' } }));
    await repo.updateConversation(conv, (r) => ({ ...r, currentCaseId: 'case-1' }));
    const stored = (await repo.getConversation('a:1'))!.value;
    assert.strictEqual(stored.currentCaseId, 'case-1');
    assert.deepStrictEqual(stored.mode, { name: 'awaiting-info', ticketId: 'IRM-7' });
  });

  it('a record it did not hand out (no ETag known) is read first', async () => {
    const store = new CountingStore();
    const repo = new CaseRepository(store);
    await repo.touchConversation(ref('a:1', '29:u'));
    const copy = { ...(await repo.getConversation('a:1'))!.value };
    store.gets = 0;
    await repo.updateConversation(copy, (r) => ({ ...r, currentCaseId: 'case-2' }));
    assert.strictEqual(store.gets, 1);
    assert.strictEqual((await repo.getConversation('a:1'))!.value.currentCaseId, 'case-2');
  });
});
