// The time budget of the turn being answered. Teams waits 15 s for a turn; every Bot Connector call
// the turn makes (replies, card updates, member lists) must fit in it, retries and Retry-After waits
// included (connectorTransport.ts reads the deadline kept here). Work that carries on after the turn
// (proactive sends, background escalations) runs outside it and has only the per-call limit.
import { AsyncLocalStorage } from 'async_hooks';

/** Teams waits 15 s for a turn; what is left after this is for the HTTP answer itself. */
export const TURN_BUDGET_MS = 13000;

const turnDeadline = new AsyncLocalStorage<number | null>();

/** Runs a turn (or anything answering an inbound request) with its deadline `ms` from now. */
export function withTurnDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return turnDeadline.run(Date.now() + ms, work);
}

/** Work that continues after the turn (proactive sends, background escalations): no turn deadline. */
export function outsideTurn<T>(work: () => Promise<T>): Promise<T> {
  return turnDeadline.run(null, work);
}

/** True while a turn is being answered (the caller waits for the answer, so nobody retries after it). */
export function insideTurn(): boolean {
  return typeof turnDeadline.getStore() === 'number';
}

/** The milliseconds a connector call may take now: the per-call limit, or less if the turn is nearly over. */
export function callBudgetMs(perCallMs: number, now = Date.now()): number {
  const deadline = turnDeadline.getStore();
  return deadline ? Math.max(0, Math.min(perCallMs, deadline - now)) : perCallMs;
}
