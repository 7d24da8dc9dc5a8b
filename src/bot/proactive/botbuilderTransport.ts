// The proactive transport (proactiveSender.ts) on botbuilder's CloudAdapter: continueConversationAsync
// for sends and updates, createConversationAsync for a channel thread.
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import type { ConversationRef } from '../../dialogs/conversationRef';
import { toSdkReference } from '../conversationRef';
import type { ProactiveTransport } from './proactiveSender';

export function botbuilderTransport(adapter: CloudAdapter, appId: string): ProactiveTransport {
  // Proactive sends with no app id configured fail inside botbuilder unless given a claims identity.
  const identity = (appId ? appId : new ClaimsIdentity([], true)) as string;

  /**
   * Runs `logic` in the conversation. An error inside it is caught there and re-thrown here: left
   * to the adapter it would reach onTurnError, which swallows it (and would even try to send an
   * apology into a conversation that is gone), so the caller would think the send worked.
   */
  async function continueIn(ref: ConversationRef, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown = null;
    await adapter.continueConversationAsync(identity, toSdkReference(ref) as ConversationReference, async (ctx) => {
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
        id = (await ctx.sendActivity(activity))?.id ?? null;
      });
      return id;
    },
    async update(ref, activityId, activity) {
      await continueIn(ref, async (ctx) => {
        await ctx.updateActivity({ ...activity, id: activityId, conversation: ctx.activity.conversation });
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
          bot: { id: target.botId, name: 'IRM Doctor' },
          channelData: { channel: { id: target.channelId }, ...(target.tenantId ? { tenant: { id: target.tenantId } } : {}) },
          activity: activity as Activity,
          ...(target.tenantId ? { tenantId: target.tenantId } : {}),
        } as never,
        async (ctx) => {
          conversationId = ctx.activity.conversation.id;
        },
      );
      return conversationId;
    },
  };
}
