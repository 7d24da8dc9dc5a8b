// RETENTION_DAYS: cases idle longer than the retention period are deleted with their stored pastes;
// conversation records stop pointing at them (and go entirely once nothing is left in them); sent,
// cancelled and dead reminders go once they are that old; tickets of deleted cases become stubs.
// The clock is injected so the rules can be tested without waiting a month.
import type { Storage } from 'botbuilder';
import { isTicketRecord, type TicketRecord } from '../../engine/helpdesk/ticketTypes';
import { isReminderRecord, type ReminderRecord } from '../../engine/reminders/reminderRecord';
import { TICKETS } from '../helpdesk/ticketRepository';
import { BY_CONVERSATION, REMINDERS } from '../reminders/reminderRepository';
import { draftCaseId, readConversationRecord, settledMode, type ConversationRecord } from '../../dialogs/conversationRecord';
import { CASES, CONVERSATIONS } from './caseRepository';
import { deleteBotState, deleteCase, deleteReminder, redactStoredTicket } from './erasure';
import { ConflictError, type RecordStore } from './recordStore';

export interface RetentionOptions {
  retentionDays: number;
  now: () => Date;
  /** Where the dialog stacks live (they point at cases): cleared for conversations whose case went. */
  botState?: Storage;
}

export interface PurgeCounts {
  cases: number;
  pastes: number;
  reminders: number;
  /** Conversation records deleted (nothing left in them). */
  conversations: number;
  /** Conversation records that only lost pointers to deleted cases. */
  pointers: number;
  tickets: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last time a reminder changed: it has no updatedAt, but it is never touched after being sent. */
function reminderTouched(r: ReminderRecord): number {
  return Math.max(...[r.sentAt, r.dueAt, r.createdAt].map((t) => (t ? Date.parse(t) : 0)).filter((t) => !Number.isNaN(t)), 0);
}

export async function purgeExpired(store: RecordStore, opts: RetentionOptions): Promise<PurgeCounts> {
  const now = opts.now();
  const cutoff = now.getTime() - opts.retentionDays * DAY_MS;
  const old = (iso: unknown): boolean => typeof iso === 'string' && Date.parse(iso) < cutoff;
  const counts: PurgeCounts = { cases: 0, pastes: 0, reminders: 0, conversations: 0, pointers: 0, tickets: 0 };

  // A ticket the helpdesk still works on keeps its case (the evidence), however long the requester is silent.
  const tickets = (await store.list<unknown>(TICKETS)).filter((r) => isTicketRecord(r.value)) as { key: string; value: TicketRecord }[];
  const workedOn = new Set(tickets.filter((t) => t.value.state !== 'resolved' && !t.value.redactedAt && !old(t.value.updatedAt)).map((t) => t.value.caseId));

  const purged = new Set<string>();
  for (const row of await store.list<{ updatedAt?: unknown }>(CASES)) {
    if (!old(row.value?.updatedAt) || workedOn.has(row.key)) continue;
    const d = await deleteCase(store, row.key, row.etag);
    if (d.cases) purged.add(row.key);
    counts.cases += d.cases;
    counts.pastes += d.pastes;
  }

  for (const t of tickets) if (purged.has(t.value.caseId) && (await redactStoredTicket(store, t.key, now))) counts.tickets++;

  for (const row of await store.list<unknown>(REMINDERS)) {
    const r = row.value;
    if (!isReminderRecord(r) || !['sent', 'cancelled', 'dead'].includes(r.state) || reminderTouched(r) >= cutoff) continue;
    if (await deleteReminder(store, r)) counts.reminders++;
  }

  for (const row of await store.list<unknown>(CONVERSATIONS)) {
    const c = readConversationRecord(row.value);
    if (!c) continue;
    const draft = draftCaseId(c);
    const pointsAtPurged = [c.currentCaseId, draft, ...c.previousCaseIds].some((id) => !!id && purged.has(id));
    const currentCaseId = c.currentCaseId && purged.has(c.currentCaseId) ? null : c.currentCaseId;
    const next: ConversationRecord = {
      ...c,
      currentCaseId,
      previousCaseIds: c.previousCaseIds.filter((id) => !purged.has(id)),
      // A draft or case that is gone leaves the conversation idle; a helpdesk question stays.
      mode: c.mode.name === 'awaiting-info' || (draft && !purged.has(draft)) ? c.mode : settledMode(currentCaseId),
    };
    const empty = !next.currentCaseId && next.previousCaseIds.length === 0 && (next.mode.name === 'idle' || next.mode.name === 'in-case');
    // Reminders not yet purged still need the reference to reach the user.
    const stale = empty && old(c.updatedAt) && (await store.list(BY_CONVERSATION, `${c.conversationId}|`)).length === 0;
    try {
      if (stale) {
        if (await store.delete(CONVERSATIONS, row.key, row.etag)) counts.conversations++;
        await deleteBotState(opts.botState, c.ref.channelId, c.conversationId);
      } else if (pointsAtPurged) {
        await store.put(CONVERSATIONS, row.key, next, row.etag);
        counts.pointers++;
        // A dialog stack stored by an earlier version names the deleted case: it goes too.
        if (c.currentCaseId && purged.has(c.currentCaseId)) await deleteBotState(opts.botState, c.ref.channelId, c.conversationId);
      }
    } catch (e) {
      // A turn in this conversation just changed it: it is in use, leave it for the next pass.
      if (!(e instanceof ConflictError)) throw e;
    }
  }
  return counts;
}

/** Runs the purge now and then every `everyMs` (hourly in the server); one pass at a time. */
export class RetentionTimer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly pass: () => Promise<unknown>, private readonly everyMs: number = 60 * 60 * 1000) {}

  start(): void {
    this.run();
    this.timer = setInterval(() => this.run(), this.everyMs);
    this.timer.unref();
  }

  private run(): void {
    if (this.running) return;
    this.running = this.pass().catch((e: Error) => console.error(`[retention] purge failed: ${e.message}`)).finally(() => { this.running = null; });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
