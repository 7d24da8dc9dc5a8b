// Drives one Teams conversation against the real bot process: type, paste, upload, click card
// buttons, and read back what "Teams" received through the fake connector.
import * as assert from 'assert';
import type { BotProcess } from './botProcess';
import type { FakeConnector } from './fakeConnector';
import { membersAdded, message, visibleText, type ActivityOptions } from './activities';

export interface SubmitAction {
  title: string;
  data: Record<string, unknown>;
}

/** Every Action.Submit in an activity's cards (including ones nested in ActionSets). */
export function submitsIn(activity: Record<string, unknown>): SubmitAction[] {
  const out: SubmitAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Submit') out.push({ title: String(n.title ?? ''), data: (n.data ?? {}) as Record<string, unknown> });
    for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v);
  };
  walk(activity.attachments);
  return out;
}

export class ChatDriver {
  /** Everything the bot sent into this conversation so far. */
  seen = 0;

  constructor(
    private readonly bot: () => BotProcess,
    private readonly connector: FakeConnector,
    readonly conversationId: string,
    private readonly extra: Partial<ActivityOptions> = {},
  ) {}

  private async send(activity: Record<string, unknown>, expectReplies = 1): Promise<Record<string, unknown>[]> {
    const res = await this.bot().post(activity);
    assert.ok(res.status >= 200 && res.status < 300, `HTTP ${res.status}: ${res.body}`);
    const all = await this.connector.waitForActivities(this.conversationId, this.seen + expectReplies);
    // Replies of one turn are sent before the HTTP response, so all of them are here now.
    const fresh = this.connector.activities(this.conversationId).slice(this.seen);
    this.seen = Math.max(all.length, this.seen + fresh.length);
    return fresh;
  }

  install(): Promise<Record<string, unknown>[]> {
    return this.send(membersAdded({ serviceUrl: this.connector.url, conversationId: this.conversationId, ...this.extra }));
  }

  say(text: string, more: Partial<ActivityOptions> = {}): Promise<Record<string, unknown>[]> {
    return this.send(message({ serviceUrl: this.connector.url, conversationId: this.conversationId, text, ...this.extra, ...more }));
  }

  /** A card button's data; `from`: the card it is on (its id becomes the click's replyToId, as in Teams). */
  submit(value: Record<string, unknown>, from?: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const replyToId = from ? this.connector.idOf(from) : undefined;
    return this.send(message({ serviceUrl: this.connector.url, conversationId: this.conversationId, text: '', value, replyToId, ...this.extra }));
  }

  /** Sends a message without waiting for replies (two clicks at once); the HTTP status comes back. */
  async post(more: Partial<ActivityOptions>): Promise<number> {
    return (await this.bot().post(message({ serviceUrl: this.connector.url, conversationId: this.conversationId, ...this.extra, ...more }))).status;
  }

  /** Clicks the button whose title matches, on the newest card that has one. */
  async click(title: RegExp, replies: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    for (let i = replies.length - 1; i >= 0; i--) {
      const hit = submitsIn(replies[i]!).find((s) => title.test(s.title));
      if (hit) return this.submit(hit.data);
    }
    throw new Error(`no button matching ${title} in:\n${replies.map((r) => submitsIn(r).map((s) => s.title).join(' | ')).join('\n')}`);
  }
}

export function textOf(replies: Record<string, unknown>[]): string {
  return replies.map(visibleText).join('\n---\n');
}
