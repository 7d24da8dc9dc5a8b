// The conversation layer's ConversationRef (src/dialogs/conversationRef.ts) to and from botbuilder's
// activity and ConversationReference: where to reach a conversation later (reminders, helpdesk notices).
import type { Activity, ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../dialogs/conversationRef';

export type { ConversationRef } from '../dialogs/conversationRef';

export function refFromActivity(a: Partial<Activity>): ConversationRef {
  const channelData = (a.channelData ?? {}) as { tenant?: { id?: string } };
  return {
    serviceUrl: a.serviceUrl ?? '',
    channelId: a.channelId ?? 'msteams',
    conversationId: a.conversation?.id ?? '',
    conversationType: a.conversation?.conversationType ?? null,
    tenantId: a.conversation?.tenantId ?? channelData.tenant?.id ?? null,
    botId: a.recipient?.id ?? '',
    botName: a.recipient?.name ?? null,
    userId: a.from?.id ?? null,
    userName: a.from?.name ?? null,
    locale: a.locale ?? null,
    timezone: (a as { localTimezone?: string }).localTimezone ?? null,
  };
}

/** The conversation part of a stored reference, as both SDKs take it (botbuilder also wants a `name`). */
export function conversationOf(r: ConversationRef): { id: string; conversationType: string; tenantId?: string; isGroup: boolean } {
  return {
    id: r.conversationId,
    conversationType: r.conversationType ?? 'personal',
    ...(r.tenantId ? { tenantId: r.tenantId } : {}),
    isGroup: r.conversationType !== null && r.conversationType !== 'personal',
  };
}

export function toSdkReference(r: ConversationRef): Partial<ConversationReference> {
  return {
    serviceUrl: r.serviceUrl,
    channelId: r.channelId,
    conversation: { ...conversationOf(r), name: '' },
    bot: { id: r.botId, name: r.botName ?? 'IRM Doctor' },
    ...(r.userId ? { user: { id: r.userId, name: r.userName ?? '' } } : {}),
    ...(r.locale ? { locale: r.locale } : {}),
  };
}
