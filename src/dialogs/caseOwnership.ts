// Which cases a card action may touch: only those of the conversation it arrives in. A case id is
// just data on a button, so a crafted submit could otherwise escalate, remind about or close a case
// from someone else's chat.
import { draftCaseId, type ConversationRecord } from './conversationRecord';

export const FOREIGN_CASE_TEXT = 'That button belongs to a case from another conversation, so I did nothing. Type **summary** to see your own case.';

export function ownsCase(conv: ConversationRecord, caseId: string): boolean {
  return conv.currentCaseId === caseId || draftCaseId(conv) === caseId || conv.previousCaseIds.includes(caseId);
}
