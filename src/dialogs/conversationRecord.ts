// The one state record of a conversation: which case it is on, the earlier ones, and its mode, which
// says what the next message answers first. There is no other conversation state (no dialog stack):
// where a case stands lives in the case itself.
import { isConversationRef, type ConversationRef } from './conversationRef';

export type ConversationMode =
  /** No case: a message shows the welcome card, picks a symptom, or is diagnosed into a new case. */
  | { name: 'idle' }
  /** `currentCaseId` is the case: while it is open with a symptom chosen, messages walk its flow. */
  | { name: 'in-case' }
  /** The escalation draft for `caseId` is on screen: typed `send` / `cancel` answer it. */
  | { name: 'escalation-draft'; caseId: string }
  /** The helpdesk asked this user for information on `ticketId`: their next message goes to it. */
  | { name: 'awaiting-info'; ticketId: string };

export interface ConversationRecord {
  conversationId: string;
  currentCaseId: string | null;
  /** Earlier cases, newest first ("summary last"). */
  previousCaseIds: string[];
  ref: ConversationRef;
  mode: ConversationMode;
  updatedAt: string;
}

/** The mode a conversation falls back to when a draft or a helpdesk question is done. */
export function settledMode(currentCaseId: string | null): ConversationMode {
  return currentCaseId ? { name: 'in-case' } : { name: 'idle' };
}

/** The case an escalation draft is for, if one is on screen. */
export function draftCaseId(r: ConversationRecord): string | null {
  return r.mode.name === 'escalation-draft' ? r.mode.caseId : null;
}

const optionalId = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === 'string';

function isMode(v: unknown): v is ConversationMode {
  if (!v || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  switch (m.name) {
    case 'idle':
    case 'in-case':
      return true;
    case 'escalation-draft':
      return typeof m.caseId === 'string';
    case 'awaiting-info':
      return typeof m.ticketId === 'string';
    default:
      return false;
  }
}

/**
 * Checks a stored conversation record before a turn relies on it (pointers are used as case ids) and
 * migrates the earlier shape on read: records written before the mode existed kept the escalation
 * draft and the helpdesk question in `pendingEscalation` / `awaitingInfoFor` (and the walking of a
 * case in a separate dialog stack, which the case itself makes unnecessary). Undefined: not a record.
 */
export function readConversationRecord(v: unknown): ConversationRecord | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as Record<string, unknown>;
  const base = typeof r.conversationId === 'string' && isConversationRef(r.ref) && (r.currentCaseId === null || typeof r.currentCaseId === 'string') &&
    Array.isArray(r.previousCaseIds) && r.previousCaseIds.every((id) => typeof id === 'string') && typeof r.updatedAt === 'string';
  if (!base) return undefined;
  const currentCaseId = r.currentCaseId as string | null;
  let mode: ConversationMode;
  if (r.mode !== undefined) {
    if (!isMode(r.mode)) return undefined;
    mode = r.mode;
  } else {
    if (!optionalId(r.pendingEscalation) || !optionalId(r.awaitingInfoFor)) return undefined;
    mode = r.awaitingInfoFor ? { name: 'awaiting-info', ticketId: r.awaitingInfoFor }
      : r.pendingEscalation ? { name: 'escalation-draft', caseId: r.pendingEscalation }
      : settledMode(currentCaseId);
  }
  return {
    conversationId: r.conversationId as string, currentCaseId, previousCaseIds: r.previousCaseIds as string[], ref: r.ref as ConversationRef, mode,
    updatedAt: r.updatedAt as string,
  };
}
