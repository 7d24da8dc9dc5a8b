// Reminders on the RecordStore: the record itself (keyed by id), a due-time index (keyed by
// "<dueAt>|<id>", so everything due is one range read) and a per-conversation index (for
// `reminders`). The record is the truth; an index entry that no longer matches it is dropped.
import { randomUUID } from 'crypto';
import { isReminderRecord, type ReminderRecord } from '../../engine/reminders/reminderRecord';
import type { ReminderStore } from '../../dialogs/ports/storePorts';
import { ConflictError, type RecordStore, type Versioned } from '../storage/recordStore';

export const REMINDERS = 'reminders';
export const DUE = 'reminderDue';
export const BY_CONVERSATION = 'reminderByConversation';
export const DELIVERIES = 'deliveries';

/** Also the conversation layer's ReminderStore. */
export class ReminderRepository implements ReminderStore {
  constructor(private readonly store: RecordStore) {}

  newId(): string {
    return `rem-${randomUUID()}`;
  }

  async create(r: ReminderRecord): Promise<void> {
    await this.store.put(REMINDERS, r.id, r, null);
    await this.store.put(DUE, `${r.dueAt}|${r.id}`, { id: r.id }, '*');
    await this.store.put(BY_CONVERSATION, `${r.conversationId}|${r.id}`, { id: r.id }, '*');
  }

  async get(id: string): Promise<Versioned<ReminderRecord> | undefined> {
    const hit = await this.store.get<unknown>(REMINDERS, id);
    if (!hit || !isReminderRecord(hit.value)) return undefined;
    return { value: hit.value, etag: hit.etag };
  }

  /** Compare-and-swap save; keeps the due index in step when the due time moved. */
  async save(next: ReminderRecord, etag: string, previousDueAt: string): Promise<string> {
    const newEtag = await this.store.put(REMINDERS, next.id, next, etag);
    if (next.dueAt !== previousDueAt && (next.state === 'pending' || next.state === 'claimed')) {
      await this.store.put(DUE, `${next.dueAt}|${next.id}`, { id: next.id }, '*');
      await this.store.delete(DUE, `${previousDueAt}|${next.id}`);
    }
    if (next.state === 'sent' || next.state === 'cancelled' || next.state === 'dead') await this.store.delete(DUE, `${next.dueAt}|${next.id}`);
    return newEtag;
  }

  /** Applies `change` with compare-and-swap, redoing it on a lost race; undefined if the reminder is gone. */
  async update(id: string, change: (r: ReminderRecord) => ReminderRecord): Promise<ReminderRecord | undefined> {
    for (let attempt = 0; ; attempt++) {
      const hit = await this.get(id);
      if (!hit) return undefined;
      const next = change(hit.value);
      if (next === hit.value) return next;
      try {
        await this.save(next, hit.etag, hit.value.dueAt);
        return next;
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= 5) throw e;
      }
    }
  }

  /** Ids of reminders whose index says they are due by `now` (oldest first). */
  async dueIds(now: Date, limit: number): Promise<{ key: string; id: string }[]> {
    const to = `${now.toISOString()}|\uffff`;
    const rows = this.store.listRange
      ? await this.store.listRange<{ id: string }>(DUE, '', to, limit)
      : (await this.store.list<{ id: string }>(DUE)).filter((r) => r.key < to).slice(0, limit);
    return rows.map((r) => ({ key: r.key, id: r.value.id }));
  }

  async dropDueEntry(key: string): Promise<void> {
    await this.store.delete(DUE, key);
  }

  async forConversation(conversationId: string): Promise<ReminderRecord[]> {
    const refs = await this.store.list<{ id: string }>(BY_CONVERSATION, `${conversationId}|`);
    const out: ReminderRecord[] = [];
    for (const ref of refs) {
      const r = await this.get(ref.value.id);
      if (r) out.push(r.value);
      else await this.store.delete(BY_CONVERSATION, ref.key);
    }
    return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /** The duplicate-send guard, per reminder and round (a nudge's next round is a new delivery). */
  private deliveryKey(r: ReminderRecord): string {
    return `${r.id}#${r.repeats}`;
  }

  /**
   * The record left when a copy of this round of the reminder reached Teams, if one did: for a
   * repeating reminder it holds the next round's due time, so a process that finds a round sent but
   * not marked (its sender died) can still schedule the next one.
   */
  async delivery(r: ReminderRecord): Promise<{ next: Date | null } | undefined> {
    const hit = await this.store.get<{ next?: unknown }>(DELIVERIES, this.deliveryKey(r));
    if (!hit) return undefined;
    const next = typeof hit.value?.next === 'string' ? new Date(hit.value.next) : null;
    return { next: next && !Number.isNaN(next.getTime()) ? next : null };
  }

  async recordDelivery(r: ReminderRecord, activityId: string | null, at: Date, next: Date | null = null): Promise<void> {
    await this.store.put(DELIVERIES, this.deliveryKey(r), { activityId, at: at.toISOString(), next: next?.toISOString() ?? null }, '*');
  }
}
