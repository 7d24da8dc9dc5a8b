// The dialog stack store: compatible both ways with what botbuilder's ConversationState stores (a
// deployment that ran with it keeps its conversations), written only when a turn changed the stack,
// and a damaged record starts the conversation without a stack instead of failing every turn.
import * as assert from 'assert';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Storage, type StoreItems } from 'botbuilder';
import { Dialog, DialogSet, type DialogState } from 'botbuilder-dialogs';
import { DialogStateStore } from '../../src/dialogs/dialogStateStore';

/** A Storage that counts its writes. */
class CountingStorage implements Storage {
  writes = 0;
  constructor(readonly inner: Storage = new MemoryStorage()) {}
  read(keys: string[]): Promise<StoreItems> { return this.inner.read(keys); }
  write(changes: StoreItems): Promise<void> { this.writes++; return this.inner.write(changes); }
  delete(keys: string[]): Promise<void> { return this.inner.delete(keys); }
}

const adapter = new TestAdapter();
const turn = (conversationId = 'a:1'): TurnContext =>
  new TurnContext(adapter, { type: 'message', channelId: 'msteams', conversation: { id: conversationId } as never, text: 'hi' });
const STACK: DialogState = { dialogStack: [{ id: 'irmDoctor.flow', state: { caseId: 'case-1' } }] };

describe('DialogStateStore', () => {
  it("reads a stack stored by botbuilder's ConversationState, and ConversationState reads what it saves", async () => {
    const storage = new MemoryStorage();
    const cs = new ConversationState(storage);
    const before = turn();
    await cs.createProperty<DialogState>('dialogState').set(before, STACK);
    await cs.saveChanges(before);

    const store = new DialogStateStore(storage);
    const ctx = turn();
    assert.deepStrictEqual(await store.get(ctx), STACK);
    (await store.get(ctx)).dialogStack[0]!.state = { caseId: 'case-2' };
    await store.saveChanges(ctx);

    const after = turn();
    assert.deepStrictEqual(await new ConversationState(storage).createProperty<DialogState>('dialogState').get(after),
      { dialogStack: [{ id: 'irmDoctor.flow', state: { caseId: 'case-2' } }] });
  });

  it('writes only when the turn changed the stack, and keeps conversations apart', async () => {
    const storage = new CountingStorage();
    const store = new DialogStateStore(storage);
    const first = turn('a:1');
    await store.set(first, STACK);
    await store.saveChanges(first);
    assert.strictEqual(storage.writes, 1);

    const unchanged = turn('a:1');
    assert.deepStrictEqual(await store.get(unchanged), STACK);
    await store.saveChanges(unchanged);
    assert.strictEqual(storage.writes, 1, 'a turn that only read the stack wrote it');

    const notLoaded = turn('a:1');
    await store.saveChanges(notLoaded);
    assert.strictEqual(storage.writes, 1);

    const other = turn('a:2');
    assert.deepStrictEqual(await store.get(other), { dialogStack: [] });

    const cleared = turn('a:1');
    await store.delete(cleared);
    await store.saveChanges(cleared);
    assert.strictEqual(storage.writes, 2);
    assert.deepStrictEqual(await store.get(turn('a:1')), { dialogStack: [] });
  });

  it('drives botbuilder-dialogs: a dialog begun in one turn is the active dialog in the next', async () => {
    const store = new DialogStateStore(new MemoryStorage());
    class Waiting extends Dialog {
      override async beginDialog() { return Dialog.EndOfTurn; }
    }
    const dialogs = new DialogSet(store).add(new Waiting('waiting'));
    const one = turn();
    await (await dialogs.createContext(one)).beginDialog('waiting');
    await store.saveChanges(one);
    const two = turn();
    assert.strictEqual((await dialogs.createContext(two)).activeDialog?.id, 'waiting');
  });

  it('a damaged record (no stack) starts the conversation without one', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'msteams/conversations/a:1/': { dialogState: { dialogStack: 'broken' }, eTag: '*' } });
    const store = new DialogStateStore(storage);
    assert.deepStrictEqual(await store.get(turn()), { dialogStack: [] });
  });
});
