// The deletions that retention and `forget me` share: a case with its stored pastes, a reminder with
// its index entries and delivery guards, a ticket reduced to a stub, and a conversation's dialog
// state. Each one tolerates a record that is already gone (two instances may purge at once).
import type { Storage } from 'botbuilder';
import type { TicketRecord } from '../../engine/helpdesk/ticketTypes';
import type { ReminderRecord } from '../../engine/reminders/reminderRecord';
import { TICKETS } from '../helpdesk/ticketRepository';
import { BY_CONVERSATION, DELIVERIES, DUE, REMINDERS } from '../reminders/reminderRepository';
import { CASES, PASTES } from './caseRepository';
import { ConflictError, type RecordStore } from './recordStore';

/** Deletes a case and its pastes; `etag`: only if unchanged since read (a case touched meanwhile is kept). */
export async function deleteCase(store: RecordStore, caseId: string, etag: string = '*'): Promise<{ cases: number; pastes: number }> {
  let cases = 0;
  try {
    if (await store.delete(CASES, caseId, etag)) cases = 1;
  } catch (e) {
    if (e instanceof ConflictError) return { cases: 0, pastes: 0 };
    throw e;
  }
  let pastes = 0;
  for (const p of await store.list(PASTES, `${caseId}/`)) if (await store.delete(PASTES, p.key)) pastes++;
  return { cases, pastes };
}

/** Deletes a reminder, its due and per-conversation index entries, and its delivery records. */
export async function deleteReminder(store: RecordStore, r: ReminderRecord): Promise<boolean> {
  const gone = await store.delete(REMINDERS, r.id);
  await store.delete(DUE, `${r.dueAt}|${r.id}`);
  await store.delete(BY_CONVERSATION, `${r.conversationId}|${r.id}`);
  for (const d of await store.list(DELIVERIES, `${r.id}#`)) await store.delete(DELIVERIES, d.key);
  return gone;
}

/**
 * What is left of a ticket once its case is gone: id, number, state, severity, branch and times, so
 * the helpdesk's numbering and counts stay right. No note, no requester, no question or resolution
 * text, no names in the timeline. The channel and thread ids stay (they name no person) so the
 * posted card can still be refreshed.
 */
export function redactTicket(t: TicketRecord, at: Date): TicketRecord {
  const nobody = { id: '', name: 'Deleted' };
  return {
    ...t,
    requester: { ...nobody, conversationId: '' },
    note: '',
    assignee: t.assignee ? nobody : null,
    infoRequest: null,
    resolution: null,
    timeline: t.timeline.map((e) => ({ at: e.at, action: e.action, actor: nobody, text: null })),
    redactedAt: at.toISOString(),
  };
}

/** Redacts a stored ticket with compare-and-swap, retrying on a concurrent change. */
export async function redactStoredTicket(store: RecordStore, key: string, at: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const hit = await store.get<TicketRecord>(TICKETS, key);
    if (!hit || hit.value.redactedAt) return false;
    try {
      await store.put(TICKETS, key, redactTicket(hit.value, at), hit.etag);
      return true;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
  }
  return false;
}

/** The key botbuilder's ConversationState uses for a conversation's dialog state. */
export function botStateKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}

export async function deleteBotState(botState: Storage | undefined, channelId: string, conversationId: string): Promise<void> {
  if (botState) await botState.delete([botStateKey(channelId, conversationId)]);
}
