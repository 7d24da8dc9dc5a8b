// Conversation records stored before the mode existed (an escalation draft in `pendingEscalation`, a
// helpdesk question in `awaitingInfoFor`, the walk of a case in a separate dialog stack) still load:
// they are migrated on read, and the first change writes them in the new shape.
import * as assert from 'assert';
import { readConversationRecord } from '../../src/dialogs/conversationRecord';
import { CaseRepository } from '../../src/bot/storage/caseRepository';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { ref } from '../helpers/storedRecords';

const AT = '2026-11-30T09:00:00.000Z';
function legacy(extra: Record<string, unknown>): Record<string, unknown> {
  return { conversationId: 'a:1', currentCaseId: 'case-1', previousCaseIds: ['case-0'], ref: ref('a:1', '29:u'), updatedAt: AT, ...extra };
}

describe('conversation record: migration on read', () => {
  it('gives an old record the mode its fields meant', () => {
    assert.deepStrictEqual(readConversationRecord(legacy({}))?.mode, { name: 'in-case' });
    assert.deepStrictEqual(readConversationRecord(legacy({ currentCaseId: null, previousCaseIds: [] }))?.mode, { name: 'idle' });
    assert.deepStrictEqual(readConversationRecord(legacy({ pendingEscalation: 'case-1', awaitingInfoFor: null }))?.mode, { name: 'escalation-draft', caseId: 'case-1' });
    assert.deepStrictEqual(readConversationRecord(legacy({ pendingEscalation: null, awaitingInfoFor: 'IRM-7' }))?.mode, { name: 'awaiting-info', ticketId: 'IRM-7' });
  });

  it('keeps pointers and reference, and drops the old fields', () => {
    const r = readConversationRecord(legacy({ pendingEscalation: 'case-1' }))!;
    assert.deepStrictEqual(r, { conversationId: 'a:1', currentCaseId: 'case-1', previousCaseIds: ['case-0'], ref: ref('a:1', '29:u'), mode: { name: 'escalation-draft', caseId: 'case-1' }, updatedAt: AT });
  });

  it('an old record in the store loads, and the first change writes it in the new shape', async () => {
    const store = new MemoryRecordStore();
    await store.put('conversations', 'a:1', legacy({ awaitingInfoFor: 'IRM-7' }), null);
    const repo = new CaseRepository(store);
    const conv = await repo.touchConversation(ref('a:1', '29:u'));
    assert.deepStrictEqual(conv.mode, { name: 'awaiting-info', ticketId: 'IRM-7' });
    await repo.updateConversation(conv, (r) => ({ ...r, mode: { name: 'in-case' } }));
    const stored = (await store.get<Record<string, unknown>>('conversations', 'a:1'))!.value;
    assert.deepStrictEqual(stored.mode, { name: 'in-case' });
    assert.ok(!('awaitingInfoFor' in stored) && !('pendingEscalation' in stored), JSON.stringify(stored));
  });
});
