// Teams-shaped activities for tests, as the Bot Connector delivers them.
let seq = 0;

export interface ActivityOptions {
  serviceUrl: string;
  conversationId?: string;
  text?: string;
  html?: string;
  value?: unknown;
  userId?: string;
  userName?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  tenantId?: string;
  attachments?: unknown[];
  localTimezone?: string;
  /** The card a button click came from (Teams sets it on Action.Submit). */
  replyToId?: string;
  aadObjectId?: string;
}

export function message(o: ActivityOptions): Record<string, unknown> {
  const attachments = [...(o.attachments ?? [])];
  if (o.html !== undefined) attachments.push({ contentType: 'text/html', content: o.html });
  return {
    type: 'message',
    id: `in-${++seq}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: o.localTimezone ?? 'Europe/Berlin',
    serviceUrl: o.serviceUrl,
    channelId: 'msteams',
    from: { id: o.userId ?? '29:user-1', name: o.userName ?? 'Alex Admin', aadObjectId: o.aadObjectId ?? 'aad-user-1' },
    conversation: { id: o.conversationId ?? 'a:conv-1', conversationType: o.conversationType ?? 'personal', tenantId: o.tenantId ?? 'tenant-1' },
    recipient: { id: '28:irm-doctor', name: 'IRM Doctor' },
    text: o.text ?? '',
    textFormat: 'plain',
    attachments,
    value: o.value,
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
    channelData: { tenant: { id: o.tenantId ?? 'tenant-1' } },
    locale: 'en-US',
  };
}

export function membersAdded(o: ActivityOptions): Record<string, unknown> {
  return {
    ...message(o),
    type: 'conversationUpdate',
    text: undefined,
    membersAdded: [{ id: '28:irm-doctor', name: 'IRM Doctor' }],
    channelData: { tenant: { id: o.tenantId ?? 'tenant-1' }, eventType: 'teamMemberAdded' },
  };
}

/** The visible text of a reply: its text plus any Adaptive Card's TextBlock / CodeBlock contents. */
export function visibleText(activity: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof activity.text === 'string') parts.push(activity.text);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    for (const key of ['text', 'codeSnippet', 'title', 'value', 'label', 'placeholder']) if (typeof n[key] === 'string') parts.push(n[key] as string);
    for (const v of Object.values(n)) if (typeof v === 'object') walk(v);
  };
  walk(activity.attachments);
  return parts.join('\n');
}
