// The requester's answer to a helpdesk "request info", in their own 1:1 conversation: posted into the
// ticket's thread, and any pasted output diagnosed into the case like any other paste.
import type { TurnContext } from 'botbuilder';
import { paste } from '../engine/case/caseMachine';
import { diagnosisCard } from '../cards/cards';
import type { HelpdeskService } from '../bot/helpdesk/helpdeskService';
import { fitMessage } from '../bot/messageSize';
import type { ConversationRecord } from '../bot/storage/caseRepository';
import type { CaseService } from './caseService';
import type { TurnInput } from './turnInput';

/**
 * The requester's next message after "request info": posted into the thread, pastes diagnosed into
 * the case. Returns false when there was no open request (the message is handled as usual).
 */
export async function forwardInfo(context: TurnContext, helpdesk: HelpdeskService, cases: CaseService, conv: ConversationRecord, input: TurnInput): Promise<boolean> {
  const ticketId = conv.awaitingInfoFor;
  if (!ticketId) return false;
  const clear = (): Promise<unknown> => cases.repo.updateConversation(conv, (r) => ({ ...r, awaitingInfoFor: null }));
  const hit = await helpdesk.deps.tickets.get(ticketId);
  if (!hit || hit.value.state !== 'info-requested') {
    await clear();
    return false;
  }
  const texts = [...input.files.map((f) => `${f.name}:\n${f.text}`), input.text].filter((x) => x.trim() !== '');
  if (texts.length === 0) return false;
  const t = hit.value;
  const requester = conv.ref.userName ?? t.requester.name;
  await helpdesk.replyInThread(t, { type: 'message', text: fitMessage(`${t.id}: ${requester} added information:\n\n${texts.join('\n\n')}`) });
  // Pasted output is diagnosed like any other and joins the case; the diagnosis goes to the thread.
  for (const text of texts) {
    const r = await cases.mutate(t.caseId, (s, now) => paste(cases.flow, s, text, now));
    const d = r.effects.find((e) => e.type === 'diagnosis');
    if (d && d.type === 'diagnosis') await helpdesk.replyInThread(t, { type: 'message', attachments: [diagnosisCard(d.diagnosis)] });
  }
  const added = await helpdesk.applyAction(ticketId, { verb: 'addInfo', text: texts.join('\n\n') }, { id: t.requester.id, name: requester, helpdesk: false });
  if (added.kind === 'changed') await helpdesk.updateCard(added.change.ticket);
  await clear();
  await context.sendActivity(`Thanks: I added that to ${t.id} and told the helpdesk in its thread.`);
  return true;
}
