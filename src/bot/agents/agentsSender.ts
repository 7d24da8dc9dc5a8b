// The proactive transport (src/bot/proactive/proactiveSender.ts) on the Agents SDK's CloudAdapter:
// continueConversation for sends and updates, createConversationAsync for a channel thread. The
// retries, rate limits and failure classification stay in ProactiveSender, which reads the SDK's
// HttpError.status as well as botbuilder's statusCode.
import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import type { CloudAdapter, TurnContext } from '@microsoft/agents-hosting';
import type { ConversationRef } from '../../dialogs/conversationRef';
import { conversationOf } from '../conversationRef';
import type { ProactiveTransport } from '../proactive/proactiveSender';

/** A stored ConversationRef as the SDK's reference: the bot is `agent` here (with `bot` the SDK throws). */
export function toAgentsReference(r: ConversationRef): ConversationReference {
  return {
    serviceUrl: r.serviceUrl,
    channelId: r.channelId,
    // No `name`: the SDK's schema refuses an empty one.
    conversation: conversationOf(r),
    agent: { id: r.botId, name: r.botName ?? 'IRM Doctor' },
    ...(r.userId ? { user: { id: r.userId, ...(r.userName ? { name: r.userName } : {}) } } : {}),
    ...(r.locale ? { locale: r.locale } : {}),
  } as ConversationReference;
}

export function agentsSender(adapter: CloudAdapter, appId: string): ProactiveTransport {
  // With no app id the SDK refuses '' ("botAppIdOrIdentity is required"); an identity without an
  // audience is its anonymous proactive send.
  const identity = appId ? appId : {};

  /** Runs `logic` in the conversation and re-throws its error, which the adapter's onTurnError would swallow. */
  async function continueIn(ref: ConversationRef, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown = null;
    await adapter.continueConversation(identity, toAgentsReference(ref), async (ctx) => {
      try {
        await logic(ctx);
      } catch (e) {
        failure = e ?? new Error('send failed');
      }
    });
    if (failure) throw failure;
  }

  return {
    async send(ref, activity) {
      let id: string | null = null;
      await continueIn(ref, async (ctx) => {
        id = (await ctx.sendActivity(Activity.fromObject(activity)))?.id ?? null;
      });
      return id;
    },
    async update(ref, activityId, activity) {
      await continueIn(ref, async (ctx) => {
        await ctx.updateActivity(Activity.fromObject({ ...activity, id: activityId, conversation: ctx.activity.conversation }));
      });
    },
    async createThread(target, activity) {
      let conversationId = '';
      await adapter.createConversationAsync(
        appId,
        'msteams',
        target.serviceUrl,
        'https://api.botframework.com',
        {
          isGroup: true,
          agent: { id: target.botId, name: 'IRM Doctor' },
          channelData: { channel: { id: target.channelId }, ...(target.tenantId ? { tenant: { id: target.tenantId } } : {}) },
          activity: Activity.fromObject(activity),
          ...(target.tenantId ? { tenantId: target.tenantId } : {}),
        } as never,
        async (ctx) => {
          conversationId = ctx.activity.conversation?.id ?? '';
        },
      );
      return conversationId;
    },
  };
}
