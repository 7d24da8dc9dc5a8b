// Cases and the per-conversation pointer to them, on the RecordStore. Cases are keyed by id (not by
// conversation) because helpdesk actions and reminders load them outside the requester's turn.
import { randomUUID } from 'crypto';
import type { CaseState, StoredPaste } from '../../engine/case/caseTypes';
import { isCaseState } from '../../engine/case/validateCase';
import { readConversationRecord, type ConversationRecord } from '../../dialogs/conversationRecord';
import type { ConversationRef } from '../../dialogs/conversationRef';
import type { CaseStore, ConversationStore } from '../../dialogs/ports/storePorts';
import { ConflictError, type RecordStore, type Versioned } from './recordStore';

export class CorruptRecordError extends Error {}

export const CASES = 'cases';
export const CONVERSATIONS = 'conversations';
export const PASTES = 'pastes';

/** The conversation layer's case and conversation stores, on the RecordStore. */
export class CaseRepository implements CaseStore, ConversationStore {
  /** The ETag each conversation record handed out was read or written with (see updateConversation). */
  private readonly etags = new WeakMap<ConversationRecord, string>();

  constructor(private readonly store: RecordStore) {}

  newCaseId(): string {
    return `case-${randomUUID()}`;
  }

  async getCase(id: string): Promise<Versioned<CaseState> | undefined> {
    const hit = await this.store.get<unknown>(CASES, id);
    if (!hit) return undefined;
    if (!isCaseState(hit.value)) throw new CorruptRecordError(`stored case ${id} is not a valid case`);
    return { value: hit.value, etag: hit.etag };
  }

  /** Saves with compare-and-swap: `etag` null for a new case. Throws ConflictError if someone else wrote first. */
  async saveCase(state: CaseState, etag: string | null): Promise<string> {
    return this.store.put(CASES, state.id, state, etag);
  }

  /** A paste's text and full diagnosis, beside its case ('*': a retried turn may store it again). */
  async savePaste(p: StoredPaste): Promise<void> {
    await this.store.put(PASTES, `${p.caseId}/${p.pasteId}`, p, '*');
  }

  /** Every stored paste of a case, oldest first (for evidence on a helpdesk ticket). */
  async pastesOf(caseId: string): Promise<StoredPaste[]> {
    const rows = await this.store.list<StoredPaste>(PASTES, `${caseId}/`);
    return rows.map((r) => r.value).sort((a, b) => a.at.localeCompare(b.at) || a.pasteId.localeCompare(b.pasteId, undefined, { numeric: true }));
  }

  async getConversation(conversationId: string): Promise<Versioned<ConversationRecord> | undefined> {
    const hit = await this.store.get<unknown>(CONVERSATIONS, conversationId);
    if (!hit) return undefined;
    const value = readConversationRecord(hit.value);
    if (!value) throw new CorruptRecordError(`stored conversation ${conversationId} is not valid`);
    return { value, etag: hit.etag };
  }

  /** Stores the conversation reference at first contact and keeps it fresh; retries on a race. */
  async touchConversation(ref: ConversationRef, update?: (r: ConversationRecord) => ConversationRecord): Promise<ConversationRecord> {
    for (let attempt = 0; ; attempt++) {
      const cur = await this.getConversation(ref.conversationId);
      const base: ConversationRecord = cur?.value ?? { conversationId: ref.conversationId, currentCaseId: null, previousCaseIds: [], ref, mode: { name: 'idle' }, updatedAt: '' };
      // Most turns change nothing here: skip the write (it is one of the few costs a turn has).
      if (cur && !update && JSON.stringify(cur.value.ref) === JSON.stringify(ref)) {
        this.etags.set(cur.value, cur.etag);
        return cur.value;
      }
      const next = update ? update({ ...base, ref }) : { ...base, ref };
      next.updatedAt = new Date().toISOString();
      try {
        this.etags.set(next, await this.store.put(CONVERSATIONS, ref.conversationId, next, cur?.etag ?? null));
        return next;
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= 4) throw e;
      }
    }
  }

  /**
   * Changes a record this turn already has (as touchConversation returned it) with the ETag it was
   * read with, so the common case costs one write and no second read; if someone wrote meanwhile,
   * it is read again and the change applied to the fresh copy.
   */
  async updateConversation(conv: ConversationRecord, update: (r: ConversationRecord) => ConversationRecord): Promise<ConversationRecord> {
    const etag = this.etags.get(conv);
    if (etag) {
      const next = { ...update(conv), updatedAt: new Date().toISOString() };
      try {
        this.etags.set(next, await this.store.put(CONVERSATIONS, conv.conversationId, next, etag));
        return next;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    return this.touchConversation(conv.ref, update);
  }

  /** Changes a stored conversation record (when the conversation is not the current turn's). */
  async touchConversationById(conversationId: string, update: (r: ConversationRecord) => ConversationRecord): Promise<ConversationRecord | undefined> {
    const cur = await this.getConversation(conversationId);
    return cur ? this.touchConversation(cur.value.ref, update) : undefined;
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return (await this.store.list<unknown>(CONVERSATIONS)).flatMap((r) => readConversationRecord(r.value) ?? []);
  }
}
