// `forget me`: everything stored about one user. Their 1:1 conversations (records, and dialog state
// an earlier version stored),
// every case those conversations point at (with the stored pastes), the reminders set in them, and
// the cases of tickets they filed; those tickets stay as stubs so the helpdesk's numbering holds.
// Group chats and channels are shared with others: their records only lose this user's name and id.
import type { Storage } from 'botbuilder';
import { isTicketRecord, type TicketRecord } from '../../engine/helpdesk/ticketTypes';
import { isReminderRecord } from '../../engine/reminders/reminderRecord';
import { TICKETS } from '../helpdesk/ticketRepository';
import { BY_CONVERSATION, REMINDERS } from '../reminders/reminderRepository';
import { draftCaseId, readConversationRecord, type ConversationRecord } from '../../dialogs/conversationRecord';
import { CONVERSATIONS } from './caseRepository';
import { deleteBotState, deleteCase, deleteReminder, redactStoredTicket } from './erasure';
import type { RecordStore } from './recordStore';
import type { ForgetCounts } from '../../dialogs/ports/privacyPort';


const personal = (c: ConversationRecord): boolean => c.ref.conversationType === 'personal' || c.ref.conversationType === null;

export async function forgetUser(store: RecordStore, userId: string, now: Date, botState?: Storage): Promise<ForgetCounts> {
  const counts: ForgetCounts = { cases: 0, pastes: 0, reminders: 0, conversations: 0, tickets: 0 };
  const mine = (await store.list<unknown>(CONVERSATIONS)).flatMap((r) => readConversationRecord(r.value) ?? []).filter((c) => c.ref.userId === userId);
  const own = mine.filter(personal);
  const caseIds = new Set(own.flatMap((c) => [c.currentCaseId, draftCaseId(c), ...c.previousCaseIds]).filter((id): id is string => !!id));

  const tickets = (await store.list<unknown>(TICKETS)).filter((r) => isTicketRecord(r.value)) as { key: string; value: TicketRecord }[];
  const theirs = tickets.filter((t) => !t.value.redactedAt && (t.value.requester.id === userId || caseIds.has(t.value.caseId)));
  for (const t of theirs) caseIds.add(t.value.caseId);

  for (const id of caseIds) {
    const d = await deleteCase(store, id);
    counts.cases += d.cases;
    counts.pastes += d.pastes;
  }
  for (const t of theirs) if (await redactStoredTicket(store, t.key, now)) counts.tickets++;

  for (const c of own) {
    for (const ix of await store.list<{ id: string }>(BY_CONVERSATION, `${c.conversationId}|`)) {
      const r = (await store.get<unknown>(REMINDERS, ix.value.id))?.value;
      if (isReminderRecord(r) && (await deleteReminder(store, r))) counts.reminders++;
      else await store.delete(BY_CONVERSATION, ix.key);
    }
    if (await store.delete(CONVERSATIONS, c.conversationId)) counts.conversations++;
    await deleteBotState(botState, c.ref.channelId, c.conversationId);
  }
  // Shared conversations keep working for the others; the last speaker's name and id are dropped.
  for (const c of mine.filter((x) => !personal(x))) {
    await store.put(CONVERSATIONS, c.conversationId, { ...c, ref: { ...c.ref, userId: null, userName: null } }, '*');
  }
  return counts;
}
