// The requester's answer to a helpdesk "request info", in their own 1:1 conversation: posted into the
// ticket's thread, and any pasted output diagnosed into the case like any other paste.
import { paste } from '../engine/case/caseMachine';
import { diagnosisCard } from '../cards/cards';
import type { CaseService } from './caseService';
import { settledMode, type ConversationRecord } from './conversationRecord';
import { fitMessage } from './messageSize';
import { cardMessage, textMessage } from './outbound';
import type { HelpdeskPort } from './ports/helpdeskPort';
import type { ConversationStore } from './ports/storePorts';
import type { ConversationTurn } from './ports/turnPort';

/**
 * The requester's next message after "request info": posted into the thread, pastes diagnosed into
 * the case. Returns false when there was no open request (the message is handled as usual).
 */
export async function forwardInfo(turn: ConversationTurn, helpdesk: HelpdeskPort, cases: CaseService, conversations: ConversationStore, conv: ConversationRecord): Promise<boolean> {
  if (conv.mode.name !== 'awaiting-info') return false;
  const ticketId = conv.mode.ticketId;
  const clear = (): Promise<unknown> => conversations.updateConversation(conv, (r) => ({ ...r, mode: r.mode.name === 'awaiting-info' ? settledMode(r.currentCaseId) : r.mode }));
  const t = await helpdesk.openInfoRequest(ticketId);
  if (!t) {
    await clear();
    return false;
  }
  const input = turn.input;
  const texts = [...input.files.map((f) => `${f.name}:\n${f.text}`), input.text].filter((x) => x.trim() !== '');
  if (texts.length === 0) return false;
  const requester = conv.ref.userName ?? t.requester.name;
  await helpdesk.replyInThread(t, textMessage(fitMessage(`${t.id}: ${requester} added information:\n\n${texts.join('\n\n')}`)));
  // Pasted output is diagnosed like any other and joins the case; the diagnosis goes to the thread.
  for (const text of texts) {
    const r = await cases.mutate(t.caseId, (s, now) => paste(cases.flow, s, text, now));
    const d = r.effects.find((e) => e.type === 'diagnosis');
    if (d && d.type === 'diagnosis') await helpdesk.replyInThread(t, cardMessage(diagnosisCard(d.diagnosis)));
  }
  await helpdesk.addInfo(t, { id: t.requester.id, name: requester }, texts.join('\n\n'));
  await clear();
  await turn.send(`Thanks: I added that to ${t.id} and told the helpdesk in its thread.`);
  return true;
}
