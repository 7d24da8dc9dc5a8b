// Sends outside a user's turn (reminders, helpdesk notices, channel threads) within Teams' rate
// limits, retrying what Teams says to retry (429, 412, 502, 504, network errors) with jittered
// back-off that honours Retry-After, and reporting what can never succeed (403/404: the bot was
// removed or the conversation is gone) so the caller can dead-letter it instead of retrying forever.
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import type { ConversationRef } from '../../dialogs/conversationRef';
import type { ProactivePort } from '../../dialogs/ports/helpdeskPort';
import { toSdkReference } from '../conversationRef';
import type { RateLimiter } from './rateLimiter';

export type SendOutcome =
  | { ok: true; activityId: string | null; attempts: number }
  | { ok: false; permanent: boolean; status: number | null; attempts: number; error: string };

export interface SenderOptions {
  maxAttempts: number;
  /** Delay before attempt `attempt + 1` (1-based attempt that failed), given the Retry-After header. */
  backoffMs: (attempt: number, retryAfter: string | null) => number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

interface HttpishError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?: (name: string) => string | undefined } };
}

function classify(e: unknown): { status: number | null; retryable: boolean; retryAfter: string | null; message: string } {
  const err = (e ?? {}) as HttpishError;
  const status = typeof err.statusCode === 'number' ? err.statusCode : null;
  const retryAfter = err.response?.headers?.get?.('retry-after') ?? null;
  // No status at all: the request never got an answer (connection refused, reset, timeout).
  const retryable = status === null ? true : RETRYABLE.has(status);
  return { status, retryable, retryAfter, message: String(err.message ?? e).slice(0, 300) };
}

/** Also the conversation layer's ProactivePort. */
export class ProactiveSender implements ProactivePort {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly limiter: RateLimiter,
    private readonly opts: SenderOptions,
  ) {
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Proactive sends with no app id configured fail inside botbuilder unless given a claims identity. */
  private identity(): string | ClaimsIdentity {
    return this.appId ? this.appId : new ClaimsIdentity([], true);
  }

  private async withRetry(conversationId: string, op: () => Promise<string | null>): Promise<SendOutcome> {
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(conversationId);
      try {
        return { ok: true, activityId: await op(), attempts: attempt };
      } catch (e) {
        const c = classify(e);
        if (!c.retryable || attempt >= this.opts.maxAttempts) {
          return { ok: false, permanent: !c.retryable, status: c.status, attempts: attempt, error: c.message };
        }
        await this.sleep(this.opts.backoffMs(attempt, c.retryAfter));
      }
    }
  }

  /**
   * Runs `logic` in the conversation. An error inside it is caught there and re-thrown here: left
   * to the adapter it would reach onTurnError, which swallows it (and would even try to send an
   * apology into a conversation that is gone), so the caller would think the send worked.
   */
  private async continueIn(ref: ConversationRef, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown = null;
    await this.adapter.continueConversationAsync(this.identity() as string, toSdkReference(ref) as ConversationReference, async (ctx) => {
      try {
        await logic(ctx);
      } catch (e) {
        failure = e ?? new Error('send failed');
      }
    });
    if (failure) throw failure;
  }

  /** Sends one activity into the conversation. */
  async send(ref: ConversationRef, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.withRetry(ref.conversationId, async () => {
      let id: string | null = null;
      await this.continueIn(ref, async (ctx) => {
        id = (await ctx.sendActivity(activity))?.id ?? null;
      });
      return id;
    });
  }

  /** Replaces a posted activity (a card updated in place). */
  async update(ref: ConversationRef, activityId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.withRetry(ref.conversationId, async () => {
      await this.continueIn(ref, async (ctx) => {
        await ctx.updateActivity({ ...activity, id: activityId, conversation: ctx.activity.conversation });
      });
      return activityId;
    });
  }

  /**
   * Starts a new thread in a Teams channel (POST /v3/conversations with the channel id). Returns the
   * thread's conversation id and the first activity's id, both needed to reply and update later.
   */
  async createChannelThread(
    target: { serviceUrl: string; channelId: string; tenantId: string | null; botId: string },
    activity: Partial<Activity>,
  ): Promise<{ ok: true; conversationId: string; activityId: string | null; attempts: number } | Extract<SendOutcome, { ok: false }>> {
    let conversationId = '';
    const out = await this.withRetry(`channel:${target.channelId}`, async () => {
      let activityId: string | null = null;
      await this.adapter.createConversationAsync(
        this.appId,
        'msteams',
        target.serviceUrl,
        'https://api.botframework.com',
        {
          isGroup: true,
          bot: { id: target.botId, name: 'IRM Doctor' },
          channelData: { channel: { id: target.channelId }, ...(target.tenantId ? { tenant: { id: target.tenantId } } : {}) },
          activity: activity as Activity,
          ...(target.tenantId ? { tenantId: target.tenantId } : {}),
        } as never,
        async (ctx) => {
          conversationId = ctx.activity.conversation.id;
          // The SDK sets ctx.activity.id to the new conversation's id; Teams names a thread "<channel>;messageid=<root activity id>".
          activityId = /;messageid=([^;]+)$/.exec(conversationId)?.[1] ?? null;
        },
      );
      return activityId;
    });
    return out.ok ? { ok: true, conversationId, activityId: out.activityId, attempts: out.attempts } : out;
  }
}
