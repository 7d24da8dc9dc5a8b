// Our own record of where to reach a conversation later (reminders, helpdesk notices). Not the SDK's
// ConversationReference type, so stored data survives a move to the Microsoft 365 Agents SDK.
import type { Activity, ConversationReference } from 'botbuilder';

export interface ConversationRef {
  serviceUrl: string;
  channelId: string;
  conversationId: string;
  conversationType: string | null;
  tenantId: string | null;
  botId: string;
  botName: string | null;
  userId: string | null;
  userName: string | null;
  locale: string | null;
  /** IANA zone from the activity's localTimezone, for due times in the user's own time. */
  timezone: string | null;
}

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

export function toSdkReference(r: ConversationRef): Partial<ConversationReference> {
  return {
    serviceUrl: r.serviceUrl,
    channelId: r.channelId,
    conversation: {
      id: r.conversationId,
      conversationType: r.conversationType ?? 'personal',
      ...(r.tenantId ? { tenantId: r.tenantId } : {}),
      isGroup: r.conversationType !== null && r.conversationType !== 'personal',
      name: '',
    },
    bot: { id: r.botId, name: r.botName ?? 'IRM Doctor' },
    ...(r.userId ? { user: { id: r.userId, name: r.userName ?? '' } } : {}),
    ...(r.locale ? { locale: r.locale } : {}),
  };
}

export function isConversationRef(v: unknown): v is ConversationRef {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r.serviceUrl === 'string' && typeof r.conversationId === 'string' && typeof r.channelId === 'string' && typeof r.botId === 'string';
}
