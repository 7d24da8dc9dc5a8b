// Sends outside a user's turn (reminders, helpdesk notices, channel threads) within Teams' rate
// limits, retrying what Teams says to retry (429, 412, 502, 504, network errors) with jittered
// back-off that honours Retry-After, and reporting what can never succeed (403/404: the bot was
// removed or the conversation is gone) so the caller can dead-letter it instead of retrying forever.
import type { Activity } from 'botbuilder';
import type { ConversationRef } from '../../dialogs/conversationRef';
import type { ProactivePort } from '../../dialogs/ports/helpdeskPort';
import type { RateLimiter } from './rateLimiter';
import { outsideTurn } from '../connectorBudget';
import { isRetryableStatus } from '../retryableStatus';
import { log } from '../../dialogs/logger';

/** Where a new channel thread goes. */
export interface ThreadTarget {
  serviceUrl: string;
  channelId: string;
  tenantId: string | null;
  botId: string;
}

/**
 * The host SDK's part of a proactive send, one attempt each (botbuilderTransport.ts,
 * agents/agentsSender.ts). A failure is thrown as the SDK's HTTP error; the sender classifies it.
 */
export interface ProactiveTransport {
  /** Posts one activity into the conversation; the posted activity's id. */
  send(ref: ConversationRef, activity: Partial<Activity>): Promise<string | null>;
  /** Replaces a posted activity. */
  update(ref: ConversationRef, activityId: string, activity: Partial<Activity>): Promise<void>;
  /** Starts a channel thread with the activity; the thread's conversation id ("<channel>;messageid=<root id>"). */
  createThread(target: ThreadTarget, activity: Partial<Activity>): Promise<string>;
}

export type SendOutcome =
  | { ok: true; activityId: string | null; attempts: number }
  | { ok: false; permanent: boolean; status: number | null; attempts: number; error: string };

export interface SenderOptions {
  maxAttempts: number;
  /** Delay before attempt `attempt + 1` (1-based attempt that failed), given the Retry-After header. */
  backoffMs: (attempt: number, retryAfter: string | null) => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Longest wait between attempts (Retry-After included). Teams may ask for minutes; waiting that long
   * holds an escalation or a reminder batch hostage, so past this the send gives up (not permanently:
   * the reminder scheduler queues it for later, an escalation tells the requester) and says so in the log.
   */
  maxWaitMs?: number;
  log?: (line: string) => void;
}

export const MAX_SEND_WAIT_MS = 15000;

interface HttpishError {
  /** botbuilder's RestError, or our transport's ConnectorHttpError (connectorTransport.ts). */
  statusCode?: number;
  /** The Agents SDK's HttpError. */
  status?: number;
  code?: string;
  message?: string;
  /** ConnectorHttpError's Retry-After. */
  retryAfter?: string | null;
  response?: { headers?: { get?: (name: string) => string | undefined } };
}

function classify(e: unknown): { status: number | null; retryable: boolean; retryAfter: string | null; message: string } {
  const err = (e ?? {}) as HttpishError;
  const status = typeof err.statusCode === 'number' ? err.statusCode : typeof err.status === 'number' ? err.status : null;
  const retryAfter = err.retryAfter ?? err.response?.headers?.get?.('retry-after') ?? null;
  // No status at all: the request never got an answer (connection refused, reset, timeout).
  const retryable = isRetryableStatus(status);
  return { status, retryable, retryAfter, message: String(err.message ?? e).slice(0, 300) };
}

/** Also the conversation layer's ProactivePort. */
export class ProactiveSender implements ProactivePort {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly transport: ProactiveTransport,
    private readonly limiter: RateLimiter,
    private readonly opts: SenderOptions,
  ) {
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private async withRetry(conversationId: string, op: () => Promise<string | null>): Promise<SendOutcome> {
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(conversationId);
      try {
        // Not bound by the deadline of a turn this may have been started from (a background escalation).
        return { ok: true, activityId: await outsideTurn(op), attempts: attempt };
      } catch (e) {
        const c = classify(e);
        if (!c.retryable || attempt >= this.opts.maxAttempts) {
          return { ok: false, permanent: !c.retryable, status: c.status, attempts: attempt, error: c.message };
        }
        const wait = this.opts.backoffMs(attempt, c.retryAfter);
        const max = this.opts.maxWaitMs ?? MAX_SEND_WAIT_MS;
        if (wait > max) {
          (this.opts.log ?? ((line: string) => log.warn('proactive.wait-too-long', { message: line })))(`[proactive] ${conversationId}: Teams asked to wait ${Math.round(wait / 1000)} s (HTTP ${c.status ?? 'none'}), more than the ${Math.round(max / 1000)} s allowed; giving up for now`);
          return { ok: false, permanent: false, status: c.status, attempts: attempt, error: `${c.message} (asked to wait ${Math.round(wait / 1000)} s; not waited)` };
        }
        await this.sleep(wait);
      }
    }
  }

  /** Sends one activity into the conversation. */
  async send(ref: ConversationRef, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.withRetry(ref.conversationId, () => this.transport.send(ref, activity));
  }

  /** Replaces a posted activity (a card updated in place). */
  async update(ref: ConversationRef, activityId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    return this.withRetry(ref.conversationId, async () => {
      await this.transport.update(ref, activityId, activity);
      return activityId;
    });
  }

  /**
   * Starts a new thread in a Teams channel (POST /v3/conversations with the channel id). Returns the
   * thread's conversation id and the first activity's id, both needed to reply and update later.
   */
  async createChannelThread(
    target: ThreadTarget,
    activity: Partial<Activity>,
  ): Promise<{ ok: true; conversationId: string; activityId: string | null; attempts: number } | Extract<SendOutcome, { ok: false }>> {
    let conversationId = '';
    const out = await this.withRetry(`channel:${target.channelId}`, async () => {
      conversationId = await this.transport.createThread(target, activity);
      // Teams names a thread "<channel>;messageid=<root activity id>".
      return /;messageid=([^;]+)$/.exec(conversationId)?.[1] ?? null;
    });
    return out.ok ? { ok: true, conversationId, activityId: out.activityId, attempts: out.attempts } : out;
  }
}
