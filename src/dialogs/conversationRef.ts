// Our own record of where to reach a conversation later (reminders, helpdesk notices). Not an SDK's
// ConversationReference type, so stored data survives a move to the Microsoft 365 Agents SDK; each
// host builds it from its own activity (src/bot/activityRef.ts for botbuilder).

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

export function isConversationRef(v: unknown): v is ConversationRef {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r.serviceUrl === 'string' && typeof r.conversationId === 'string' && typeof r.channelId === 'string' && typeof r.botId === 'string';
}
