// Stored records as the bot writes them (cases, pastes, conversation pointers, tickets, reminders),
// for tests that build a store by hand: retention, `forget me`, the report script.
import { newCase } from '../../src/engine/case/caseMachine';
import type { CaseState, StoredPaste } from '../../src/engine/case/caseTypes';
import { FLOW } from '../../src/engine/flow/loadFlow';
import type { TicketRecord } from '../../src/engine/helpdesk/ticketTypes';
import type { ReminderRecord } from '../../src/engine/reminders/reminderRecord';
import type { ConversationRef } from '../../src/dialogs/conversationRef';
import { settledMode, type ConversationRecord } from '../../src/dialogs/conversationRecord';

export const DAY = 24 * 60 * 60 * 1000;

/** A case last changed at `updated`, optionally closed at a node (status and steps as the machine leaves them). */
export function storedCase(id: string, updated: Date, extra: Partial<CaseState> = {}): CaseState {
  const c = newCase(FLOW, id, new Date(updated.getTime() - 10 * 60 * 1000));
  return { ...c, branch: 'A', nodeId: 'A1.outlook', updatedAt: updated.toISOString(), ...extra };
}

export function storedPaste(caseId: string, pasteId: string, raw: string, at: Date): StoredPaste {
  return { caseId, pasteId, at: at.toISOString(), raw, rawTruncated: false, diagnosis: { detected: 'irm-test', status: 'ok', facts: {}, findings: [], next: '' } };
}

export function ref(conversationId: string, userId: string, conversationType = 'personal'): ConversationRef {
  return {
    serviceUrl: 'https://smba.example/emea/', channelId: 'msteams', conversationId, conversationType, tenantId: 'tenant-1', botId: '28:bot', botName: 'IRM Doctor',
    userId, userName: `Name of ${userId}`, locale: 'en-US', timezone: 'Europe/Berlin',
  };
}

export function conversation(r: ConversationRef, updated: Date, currentCaseId: string | null, previousCaseIds: string[] = []): ConversationRecord {
  return { conversationId: r.conversationId, currentCaseId, previousCaseIds, ref: r, mode: settledMode(currentCaseId), updatedAt: updated.toISOString() };
}

export function ticket(number: number, caseId: string, requesterId: string, at: Date, extra: Partial<TicketRecord> = {}): TicketRecord {
  return {
    id: `IRM-${number}`, number, caseId, requester: { id: requesterId, name: 'Alex Admin', conversationId: 'a:1' }, severity: 'normal',
    note: 'OWA users in Berlin cannot open protected mail since Monday.', branch: 'A', state: 'resolved', assignee: { id: '29:eve', name: 'Eve Engineer' },
    infoRequest: null, resolution: 'Re-ran the connector setup on EXCH-BER-07',
    channel: { serviceUrl: 'https://smba.example/', channelId: '19:help@thread.tacv2', teamId: '19:team', tenantId: 'tenant-1', botId: '28:bot' },
    thread: { conversationId: '19:help@thread.tacv2;messageid=1', activityId: '1' },
    timeline: [{ at: at.toISOString(), actor: { id: requesterId, name: 'Alex Admin' }, action: 'created', text: 'urgent' },
      { at: at.toISOString(), actor: { id: '29:eve', name: 'Eve Engineer' }, action: 'resolved', text: 'Re-ran the connector setup on EXCH-BER-07' }],
    createdAt: at.toISOString(), updatedAt: at.toISOString(), ...extra,
  };
}

export function reminder(id: string, conversationId: string, state: ReminderRecord['state'], at: Date, extra: Partial<ReminderRecord> = {}): ReminderRecord {
  return {
    id, kind: 'follow-up', conversationId, userId: 'u', caseId: null, nodeId: null, ticketId: null, text: 'check the purge', timeZone: 'Europe/Berlin',
    dueAt: at.toISOString(), notBefore: null, state, lease: null, attempts: state === 'pending' ? 0 : 1, repeats: 0, late: false, lastError: null,
    sentAt: state === 'sent' ? at.toISOString() : null, createdAt: new Date(at.getTime() - 60 * 60 * 1000).toISOString(), ...extra,
  };
}
