// Records read back from the store are checked before use, like cases and reminders already were:
// a conversation record or ticket edited by hand, truncated or written by an older version is refused
// instead of failing later in the middle of a turn or a card.
import * as assert from 'assert';
import { TicketRepository } from '../../src/bot/helpdesk/ticketRepository';
import { CaseRepository, CorruptRecordError } from '../../src/bot/storage/caseRepository';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { conversation, ref, ticket } from '../helpers/storedRecords';

describe('stored records are validated on load', () => {
  it('conversation records: pointers must be case ids, the reference complete', async () => {
    const store = new MemoryRecordStore();
    const repo = new CaseRepository(store);
    const good = conversation(ref('a:good', '29:u'), new Date(), 'case-1', ['case-0']);
    await store.put('conversations', 'a:good', good, null);
    const bad: Record<string, unknown>[] = [
      { ...good, conversationId: 'a:b1', previousCaseIds: 'case-0' },
      { ...good, conversationId: 'a:b2', currentCaseId: 42 },
      { ...good, conversationId: 'a:b3', previousCaseIds: [{ id: 'case-0' }] },
      { ...good, conversationId: 'a:b4', mode: { name: 'escalation-draft' } },
      { ...good, conversationId: 'a:b6', mode: 'in-case' },
      // The shape before the mode existed is read too, but only when its fields have their types.
      { ...good, conversationId: 'a:b7', mode: undefined, pendingEscalation: ['x'] },
      { ...good, conversationId: 'a:b5', ref: { ...good.ref, botId: undefined } },
    ];
    for (const b of bad) await store.put('conversations', String(b.conversationId), b, null);
    assert.deepStrictEqual((await repo.getConversation('a:good'))!.value, good);
    for (const b of bad) await assert.rejects(repo.getConversation(String(b.conversationId)), CorruptRecordError, String(b.conversationId));
    assert.deepStrictEqual((await repo.listConversations()).map((c) => c.conversationId), ['a:good']);
  });

  it('tickets: number, texts, people, channel and timeline must have their types', async () => {
    const store = new MemoryRecordStore();
    const repo = new TicketRepository(store);
    const good = ticket(1, 'case-1', '29:u', new Date());
    await store.put('tickets', 'IRM-1', good, null);
    const bad: [string, Record<string, unknown>][] = [
      ['IRM-2', { ...good, id: 'IRM-2', number: '2' }],
      ['IRM-3', { ...good, id: 'IRM-3', note: null }],
      ['IRM-4', { ...good, id: 'IRM-4', requester: { id: '29:u', name: 7, conversationId: 'a:1' } }],
      ['IRM-5', { ...good, id: 'IRM-5', channel: { ...good.channel, serviceUrl: undefined } }],
      ['IRM-6', { ...good, id: 'IRM-6', timeline: [{ at: 'x', action: 'created' }] }],
      ['IRM-7', { ...good, id: 'IRM-7', assignee: 'Eve' }],
      ['IRM-8', { ...good, id: 'IRM-8', thread: { activityId: '1' } }],
    ];
    for (const [key, b] of bad) await store.put('tickets', key, b, null);
    assert.ok(await repo.get('IRM-1'));
    for (const [key] of bad) assert.strictEqual(await repo.get(key), undefined, key);
    assert.deepStrictEqual((await repo.list(true)).map((t) => t.id), ['IRM-1']);
  });
});
