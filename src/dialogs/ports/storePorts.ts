// What the conversation needs from storage, declared here and implemented by the host
// (src/bot/storage and src/bot/reminders): cases with their pastes, the conversation record, and
// reminders. Every change that two turns or instances may make at once is a compare-and-swap.
import type { CaseState, StoredPaste } from '../../engine/case/caseTypes';
import type { ReminderRecord } from '../../engine/reminders/reminderRecord';
import type { ConversationRecord } from '../conversationRecord';
import type { ConversationRef } from '../conversationRef';

export interface Versioned<T> {
  value: T;
  etag: string;
}

/** A compare-and-swap write lost: someone else changed the record since it was read. */
export class ConflictError extends Error {
  constructor(readonly collection: string, readonly key: string) {
    super(`${collection}/${key} was changed by someone else`);
  }
}

export interface CaseStore {
  newCaseId(): string;
  getCase(id: string): Promise<Versioned<CaseState> | undefined>;
  /** `etag` null for a new case; throws ConflictError if someone else wrote first. */
  saveCase(state: CaseState, etag: string | null): Promise<string>;
  savePaste(p: StoredPaste): Promise<void>;
}

export interface ConversationStore {
  /** The conversation's record (created at first contact), its reference refreshed; `update` changes it. */
  touchConversation(ref: ConversationRef, update?: (r: ConversationRecord) => ConversationRecord): Promise<ConversationRecord>;
  /** Changes a record this turn already holds (as touchConversation returned it). */
  updateConversation(conv: ConversationRecord, update: (r: ConversationRecord) => ConversationRecord): Promise<ConversationRecord>;
}

export interface ReminderStore {
  newId(): string;
  create(r: ReminderRecord): Promise<void>;
  get(id: string): Promise<Versioned<ReminderRecord> | undefined>;
  /** Applies `change` with compare-and-swap; undefined when the reminder is gone. */
  update(id: string, change: (r: ReminderRecord) => ReminderRecord): Promise<ReminderRecord | undefined>;
  forConversation(conversationId: string): Promise<ReminderRecord[]>;
}
