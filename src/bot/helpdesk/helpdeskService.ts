// Escalation to the helpdesk channel: a ticket and its channel thread are one unit (the ticket is
// only listed once its card is posted; a post that finally fails removes it and the requester is
// told), the ticket card is updated in place, every change is a reply in the thread (the audit
// trail) and a notice to the requester in 1:1.
import type { Activity } from 'botbuilder';
import type { CaseState } from '../../engine/case/caseTypes';
import type { Flow } from '../../engine/flow/flowTypes';
import { nodeById } from '../../engine/flow/flowGraph';
import { applyTicketAction, type Actor, type TicketAction } from '../../engine/helpdesk/ticketMachine';
import type { Person, Severity, TicketRecord } from '../../engine/helpdesk/ticketTypes';
import type { StoredPaste } from '../../engine/case/caseTypes';
import { ConflictError } from '../storage/recordStore';
import { nextNudgeDue } from '../../engine/reminders/nudges';
import type { ReminderRecord } from '../../engine/reminders/reminderRecord';
import { ticketCard } from '../../cards/cards';
import type { ConversationRef } from '../../dialogs/conversationRef';
import type { ProactiveSender } from '../proactive/proactiveSender';
import type { ReminderConfig } from '../reminders/reminderConfig';
import type { ReminderRepository } from '../reminders/reminderRepository';
import type { CaseRepository } from '../storage/caseRepository';
import type { ConversationRecord } from '../../dialogs/conversationRecord';
import { NO_HELPDESK_TEXT } from '../../dialogs/escalationDesk';
import type { OutboundMessage } from '../../dialogs/outbound';
import type { EscalationResult, HelpdeskChannelChoice, HelpdeskPort, TicketActionResult } from '../../dialogs/ports/helpdeskPort';
import type { CardAttachment } from '../../cards/cards';
import type { HelpdeskSetting, HelpdeskSettings } from './helpdeskSettings';
import type { TicketRepository } from './ticketRepository';
import { caseKey } from '../telemetry/caseTelemetry';
import type { Telemetry } from '../telemetry/telemetry';

export interface HelpdeskDeps {
  tickets: TicketRepository;
  settings: HelpdeskSettings;
  cases: CaseRepository;
  flow: Flow;
  sender: ProactiveSender;
  reminders: ReminderRepository;
  reminderConfig: ReminderConfig;
  now?: () => Date;
  /** case.escalated and ticket.changed events: numbers and verbs only. */
  telemetry?: Telemetry;
}


/** The thread as a conversation we can post into. */
export function threadRef(t: TicketRecord): ConversationRef | null {
  if (!t.thread) return null;
  return {
    serviceUrl: t.channel.serviceUrl, channelId: 'msteams', conversationId: t.thread.conversationId, conversationType: 'channel', tenantId: t.channel.tenantId,
    botId: t.channel.botId, botName: 'IRM Doctor', userId: null, userName: null, locale: null, timezone: null,
  };
}

/** A link that opens the ticket's thread in Teams. */
export function threadLink(t: TicketRecord): string {
  const id = t.thread?.activityId ?? '';
  const q = new URLSearchParams({ ...(t.channel.tenantId ? { tenantId: t.channel.tenantId } : {}), parentMessageId: id });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(t.channel.channelId)}/${encodeURIComponent(id)}?${q.toString()}`;
}

/** The helpdesk side of escalations; also the conversation layer's HelpdeskPort. */
export class HelpdeskService implements HelpdeskPort {
  readonly now: () => Date;

  constructor(readonly deps: HelpdeskDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async target(ref: ConversationRef): Promise<HelpdeskSetting | null> {
    return this.deps.settings.get({ serviceUrl: ref.serviceUrl, tenantId: ref.tenantId, botId: ref.botId });
  }

  async cardFor(t: TicketRecord, members: Person[] = []): Promise<CardAttachment> {
    const state = (await this.deps.cases.getCase(t.caseId))?.value;
    const pastes = await this.deps.cases.pastesOf(t.caseId);
    return ticketCard({ ticket: t, state, pastes, flowNodes: this.deps.flow.nodes, members });
  }

  /** Creates the ticket and posts its thread; on a final failure nothing is left behind. */
  async escalate(conv: ConversationRecord, state: CaseState, note: string, severity: Severity): Promise<EscalationResult> {
    const channel = await this.target(conv.ref);
    if (!channel) return { ok: false, reason: NO_HELPDESK_TEXT };
    const number = await this.deps.tickets.nextNumber();
    const at = this.now().toISOString();
    const requester = { id: conv.ref.userId ?? 'unknown', name: conv.ref.userName ?? 'Requester', conversationId: conv.conversationId };
    let ticket: TicketRecord = {
      id: `IRM-${number}`, number, caseId: state.id, requester, severity, note: note.trim().slice(0, 2000), branch: state.branch, state: 'posting',
      assignee: null, infoRequest: null, resolution: null,
      channel: { serviceUrl: channel.serviceUrl, channelId: channel.channelId, teamId: channel.teamId, tenantId: channel.tenantId, botId: channel.botId },
      thread: null, timeline: [{ at, actor: { id: requester.id, name: requester.name }, action: 'created', text: severity === 'urgent' ? 'urgent' : null }],
      createdAt: at, updatedAt: at,
    };
    // Saved as "posting" first (so the number is taken), visible only once the card is in the channel.
    const etag = await this.deps.tickets.create(ticket);
    const card = await this.cardFor({ ...ticket, state: 'open' });
    const posted = await this.deps.sender.createChannelThread(ticket.channel, { type: 'message', attachments: [card] } as Partial<Activity>);
    if (!posted.ok) {
      await this.deps.tickets.remove(ticket.id);
      return { ok: false, reason: `I could not post your ticket to the helpdesk channel (${posted.status ?? 'no answer'}), even after retrying. Nothing was filed; please try **escalate** again later.` };
    }
    ticket = { ...ticket, state: 'open', thread: { conversationId: posted.conversationId, activityId: posted.activityId } };
    await this.deps.tickets.save(ticket, etag);
    await this.scheduleNudge(ticket, 'ticket-unclaimed', threadRef(ticket)!.conversationId, channel.timeZone, 0);
    this.deps.telemetry?.event('case.escalated', { via: 'helpdesk', ticket: String(number), case: caseKey(state.id), branch: state.branch ?? '', nodeId: state.nodeId ?? '',
      seedStep: (state.nodeId ? nodeById(this.deps.flow, state.nodeId)?.seedStep : undefined) ?? '', severity });
    return { ok: true, ticket, link: threadLink(ticket) };
  }

  /** A nudge for an unclaimed ticket (in its thread) or for information the requester owes (in 1:1). */
  async scheduleNudge(t: TicketRecord, kind: 'ticket-unclaimed' | 'info-requested', conversationId: string, timeZone: string | null, sent: number): Promise<void> {
    const cfg = this.deps.reminderConfig;
    const from = kind === 'ticket-unclaimed' ? new Date(t.createdAt) : this.now();
    const due = nextNudgeDue(from, sent, cfg.unclaimedNudgeMinutes, cfg.maxNudges);
    if (!due) return;
    const r: ReminderRecord = {
      id: this.deps.reminders.newId(), kind, conversationId, userId: null, caseId: t.caseId, nodeId: null, ticketId: t.id, text: null, timeZone,
      dueAt: due.toISOString(), notBefore: null, state: 'pending', lease: null, attempts: 0, repeats: 0, late: false, lastError: null, sentAt: null,
      createdAt: this.now().toISOString(),
    };
    await this.deps.reminders.create(r);
  }

  /** Tells the requester in 1:1 (best effort: the ticket change stands even if this fails). */
  async notifyRequester(t: TicketRecord, text: string): Promise<void> {
    const conv = await this.deps.cases.getConversation(t.requester.conversationId);
    if (!conv) return;
    const out = await this.deps.sender.send(conv.value.ref, { type: 'message', text });
    if (!out.ok) console.error(`[helpdesk] could not tell the requester of ${t.id}: ${out.status ?? ''} ${out.error}`);
  }

  /** Replies in the ticket's thread (the audit trail). */
  async replyInThread(t: TicketRecord, activity: Partial<Activity> | OutboundMessage): Promise<void> {
    const ref = threadRef(t);
    if (!ref) return;
    const out = await this.deps.sender.send(ref, activity);
    if (!out.ok) console.error(`[helpdesk] could not reply in the thread of ${t.id}: ${out.status ?? ''} ${out.error}`);
  }

  async ticket(ticketId: string): Promise<TicketRecord | undefined> {
    return (await this.deps.tickets.get(ticketId))?.value;
  }

  listTickets(): Promise<TicketRecord[]> {
    return this.deps.tickets.list();
  }

  pastesOf(caseId: string): Promise<StoredPaste[]> {
    return this.deps.cases.pastesOf(caseId);
  }

  useChannel(choice: HelpdeskChannelChoice): Promise<void> {
    return this.deps.settings.set(choice);
  }

  get envChannelId(): string | null {
    return this.deps.settings.envChannelId;
  }

  /** The requester's next message goes to the ticket, and they are nudged until they answer. */
  async awaitInfo(t: TicketRecord): Promise<void> {
    await this.deps.cases.touchConversationById(t.requester.conversationId, (r) => ({ ...r, mode: { name: 'awaiting-info', ticketId: t.id } }));
    const conv = await this.deps.cases.getConversation(t.requester.conversationId);
    await this.scheduleNudge(t, 'info-requested', t.requester.conversationId, conv?.value.ref.timezone ?? null, 0);
  }

  /** The ticket, if it exists and still waits for information from its requester. */
  async openInfoRequest(ticketId: string): Promise<TicketRecord | undefined> {
    const hit = await this.deps.tickets.get(ticketId);
    return hit && hit.value.state === 'info-requested' ? hit.value : undefined;
  }

  /** The requester's answer on the ticket (their own action on it), and the posted card refreshed. */
  async addInfo(t: TicketRecord, requester: { id: string; name: string }, text: string): Promise<void> {
    const added = await this.applyAction(t.id, { verb: 'addInfo', text }, { ...requester, helpdesk: false });
    if (added.kind === 'changed') await this.updateCard(added.change.ticket);
  }

  /**
   * A process that stopped while posting a ticket leaves it "posting": nobody sees it, its number is
   * taken. Remove such tickets once they are clearly abandoned and tell the requester to escalate again.
   */
  async recoverStuckPostings(olderThanMs = 5 * 60 * 1000): Promise<number> {
    let n = 0;
    for (const t of await this.deps.tickets.listPosting()) {
      if (this.now().getTime() - Date.parse(t.createdAt) < olderThanMs) continue;
      await this.deps.tickets.remove(t.id);
      await this.notifyRequester(t, 'Your escalation could not be completed (IRM Doctor was restarted while posting it). Nothing was filed; please type **escalate** again.');
      n++;
    }
    return n;
  }

  /**
   * Applies an action to a stored ticket with compare-and-swap: a lost race is re-applied to the
   * fresh ticket, where it may now be refused (the second of two claims finds it claimed).
   */
  async applyAction(
    ticketId: string,
    action: TicketAction,
    actor: Actor,
  ): Promise<TicketActionResult> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.deps.tickets.get(ticketId);
      if (!current) return { kind: 'missing' };
      const change = applyTicketAction(current.value, action, actor, this.now());
      if (!change.ok) return { kind: 'refused', error: change.error, ticket: current.value };
      try {
        await this.deps.tickets.save(change.ticket, current.etag);
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= 5) throw e;
        continue;
      }
      this.deps.telemetry?.event('ticket.changed', { verb: action.verb, ticket: String(change.ticket.number), state: change.ticket.state });
      return { kind: 'changed', change };
    }
  }

  /** Re-renders the posted ticket card in place (for everyone, whatever the refresh rules). */
  async updateCard(t: TicketRecord, members: Person[] = []): Promise<void> {
    const ref = threadRef(t);
    if (!ref || !t.thread?.activityId) return;
    const out = await this.deps.sender.update(ref, t.thread.activityId, { type: 'message', attachments: [await this.cardFor(t, members)] } as Partial<Activity>);
    if (!out.ok) console.error(`[helpdesk] could not update the card of ${t.id}: ${out.status ?? ''} ${out.error}`);
  }
}
