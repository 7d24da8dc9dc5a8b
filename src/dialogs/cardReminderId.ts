// The id of a reminder set with a card's "Remind me" button: derived from the card (Teams names it
// in replyToId), so a double click creates the same record twice, and the store refuses the second.
import { createHash } from 'crypto';

/** undefined when the click names no card (then every click is a new reminder). */
export function cardReminderId(conversationId: string, replyToId: string | undefined, caseId: string, nodeId: string): string | undefined {
  if (!replyToId) return undefined;
  return `rem-card-${createHash('sha256').update(`${conversationId}\n${replyToId}\n${caseId}\n${nodeId}`).digest('hex').slice(0, 32)}`;
}
