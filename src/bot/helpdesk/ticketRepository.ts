// Tickets on the RecordStore: a random id (newTicketId), a creation number from a counter
// (compare-and-swap, so two escalations at once never get the same one) for ordering, saved with
// ETags, and listed for `tickets`.
import { randomBytes } from 'crypto';
import { newTicketId } from '../../engine/helpdesk/ticketId';
import { isTicketRecord, type TicketRecord } from '../../engine/helpdesk/ticketTypes';
import { ConflictError, type RecordStore, type Versioned } from '../storage/recordStore';

export const TICKETS = 'tickets';
const COUNTERS = 'counters';

export class TicketRepository {
  constructor(private readonly store: RecordStore) {}

  /** The next ticket number, unique across processes sharing the store. */
  async nextNumber(): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const cur = await this.store.get<{ value: number }>(COUNTERS, 'tickets');
      const next = (cur?.value.value ?? 0) + 1;
      try {
        await this.store.put(COUNTERS, 'tickets', { value: next }, cur?.etag ?? null);
        return next;
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= 20) throw e;
      }
    }
  }

  /** A fresh random ticket id (create() refuses one that is taken: pick another then). */
  newId(): string {
    return newTicketId(randomBytes);
  }

  async get(id: string): Promise<Versioned<TicketRecord> | undefined> {
    const hit = await this.store.get<unknown>(TICKETS, id);
    return hit && isTicketRecord(hit.value) ? { value: hit.value, etag: hit.etag } : undefined;
  }

  async create(t: TicketRecord): Promise<string> {
    return this.store.put(TICKETS, t.id, t, null);
  }

  async save(t: TicketRecord, etag: string): Promise<string> {
    return this.store.put(TICKETS, t.id, t, etag);
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(TICKETS, id);
  }

  /** Tickets whose channel post never completed (a process stopped in the middle of escalating). */
  async listPosting(): Promise<TicketRecord[]> {
    const rows = await this.store.list<unknown>(TICKETS, 'IRM-');
    return rows.map((r) => r.value).filter(isTicketRecord).filter((t) => t.state === 'posting');
  }

  /** Tickets that exist for users (posted), newest first; resolved ones only when asked. */
  async list(includeResolved = false): Promise<TicketRecord[]> {
    const rows = await this.store.list<unknown>(TICKETS, 'IRM-');
    return rows.map((r) => r.value).filter(isTicketRecord)
      .filter((t) => t.state !== 'posting' && (includeResolved || t.state !== 'resolved'))
      .sort((a, b) => b.number - a.number);
  }
}
