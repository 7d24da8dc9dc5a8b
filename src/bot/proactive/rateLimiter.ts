// Teams' limits for a bot (design notes): per conversation 7 sends/1 s, 8/2 s, 60/30 s, 1800/hour;
// per app per tenant about 30 requests/s. Sliding windows: `acquire` waits until a send fits in
// every window, then records it. The clock and sleep are injected so tests need no real waiting.

export interface Window {
  limit: number;
  ms: number;
}

export const CONVERSATION_WINDOWS: Window[] = [
  { limit: 7, ms: 1000 },
  { limit: 8, ms: 2000 },
  { limit: 60, ms: 30000 },
  { limit: 1800, ms: 3600000 },
];
export const APP_WINDOWS: Window[] = [{ limit: 30, ms: 1000 }];

const LONGEST_MS = 3600000;

export class RateLimiter {
  private readonly perConversation = new Map<string, number[]>();
  private readonly app: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly conversationWindows: Window[] = CONVERSATION_WINDOWS,
    private readonly appWindows: Window[] = APP_WINDOWS,
  ) {}

  /** How long to wait before one more send fits in the windows over `stamps` (ascending). */
  private static waitFor(stamps: number[], windows: Window[], t: number): number {
    let wait = 0;
    for (const w of windows) {
      // Count sends within the window; the oldest of the last `limit` decides when a slot frees.
      let inWindow = 0;
      for (let i = stamps.length - 1; i >= 0 && stamps[i]! > t - w.ms; i--) inWindow++;
      if (inWindow >= w.limit) {
        const oldestCounted = stamps[stamps.length - w.limit]!;
        wait = Math.max(wait, oldestCounted + w.ms - t);
      }
    }
    return wait;
  }

  /** Resolves when a send to `conversationId` is allowed, and counts it. */
  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const t = this.now();
      const conv = this.perConversation.get(conversationId) ?? [];
      while (conv.length > 0 && conv[0]! <= t - LONGEST_MS) conv.shift();
      const wait = Math.max(RateLimiter.waitFor(conv, this.conversationWindows, t), RateLimiter.waitFor(this.app, this.appWindows, t));
      if (wait <= 0) {
        conv.push(t);
        this.app.push(t);
        this.perConversation.set(conversationId, conv);
        this.prune(t);
        return;
      }
      await this.sleep(wait);
    }
  }

  /** Forget sends older than the longest window, so memory stays bounded. */
  private prune(t: number): void {
    const drop = (a: number[], keepMs: number): void => {
      let i = 0;
      while (i < a.length && a[i]! <= t - keepMs) i++;
      if (i > 0) a.splice(0, i);
    };
    drop(this.app, Math.max(...this.appWindows.map((w) => w.ms)));
    if (this.perConversation.size > 1000) {
      for (const [id, stamps] of this.perConversation) {
        drop(stamps, LONGEST_MS);
        if (stamps.length === 0) this.perConversation.delete(id);
      }
    }
  }
}
