// The dialog stack of a conversation, on botbuilder's Storage (BlobsStorage on Azure, our record
// store otherwise), under the key and in the shape botbuilder's ConversationState uses, so stacks
// stored by either read the same. ConversationState itself is not used: on every load and save it
// validates the items, serialises the state with a replacer and hashes it with SHA-256 to see whether
// it changed, a tenth of a millisecond per turn for a stack that holds one case id. Here the stack is
// serialised once when loaded and compared as text at the end of the turn.
import type { StatePropertyAccessor, Storage, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { botStateKey } from '../bot/storage/erasure';

const HELD = Symbol('irmDoctor.dialogState');

interface Held {
  key: string;
  value: DialogState;
  /** The stack as loaded, serialised: saved only if it differs at the end of the turn. */
  loaded: string;
}

function keyOf(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  if (!channelId || !conversation?.id) throw new Error('an activity without channelId or conversation.id has no dialog state');
  return botStateKey(channelId, conversation.id);
}

function isDialogState(v: unknown): v is DialogState {
  return !!v && typeof v === 'object' && Array.isArray((v as { dialogStack?: unknown }).dialogStack);
}

export class DialogStateStore implements StatePropertyAccessor<DialogState> {
  constructor(private readonly storage: Storage) {}

  private async held(context: TurnContext): Promise<Held> {
    let h = context.turnState.get(HELD) as Held | undefined;
    if (!h) {
      const key = keyOf(context);
      const stored = (await this.storage.read([key]))[key] as { dialogState?: unknown } | undefined;
      // Anything else than a stack (a damaged record) starts the conversation without one.
      const loaded = JSON.stringify(isDialogState(stored?.dialogState) ? stored.dialogState : { dialogStack: [] });
      h = { key, value: JSON.parse(loaded) as DialogState, loaded };
      context.turnState.set(HELD, h);
    }
    return h;
  }

  async get(context: TurnContext): Promise<DialogState> {
    return (await this.held(context)).value;
  }

  async set(context: TurnContext, value: DialogState): Promise<void> {
    (await this.held(context)).value = value;
  }

  async delete(context: TurnContext): Promise<void> {
    (await this.held(context)).value = { dialogStack: [] };
  }

  /** Writes the stack if this turn loaded and changed it (last writer wins, as ConversationState does). */
  async saveChanges(context: TurnContext): Promise<void> {
    const h = context.turnState.get(HELD) as Held | undefined;
    if (!h) return;
    const now = JSON.stringify(h.value);
    if (now === h.loaded) return;
    await this.storage.write({ [h.key]: { dialogState: h.value, eTag: '*' } });
    h.loaded = now;
  }
}
