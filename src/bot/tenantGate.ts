// ALLOWED_TENANTS: activities from any other Microsoft 365 organisation get one polite sentence and
// nothing else. The check runs before the bot touches storage, so a refused tenant leaves no
// conversation record, case or dialog state behind.
import { ActivityTypes, type Activity } from 'botbuilder';

export const NOT_ENABLED_TEXT = 'IRM Doctor is not enabled for your organisation. Ask your IT department to add your tenant to its allowed tenants.';

/** The tenant ids an activity claims (Teams sends it in conversation.tenantId and channelData.tenant.id). */
export function tenantsOf(a: Partial<Activity>): string[] {
  const channelData = (a.channelData ?? {}) as { tenant?: { id?: unknown } };
  const ids = [a.conversation?.tenantId, channelData.tenant?.id].filter((t): t is string => typeof t === 'string' && t !== '');
  return [...new Set(ids.map((t) => t.toLowerCase()))];
}

/** Empty list: every tenant. Otherwise an activity must name a tenant, and every tenant it names must be listed. */
export function tenantAllowed(a: Partial<Activity>, allowed: ReadonlySet<string>): boolean {
  if (allowed.size === 0) return true;
  const ids = tenantsOf(a);
  return ids.length > 0 && ids.every((t) => allowed.has(t));
}

/** What the gate needs of a turn: botbuilder's TurnContext, or a view of the Agents SDK's (agents/agentsEdge.ts). */
export interface GateTurn {
  readonly activity: Partial<Activity>;
  sendActivity(activityOrText: string | Partial<Activity>): Promise<unknown>;
}

/** Answers a refused activity without storing anything: a message where a person is waiting, nothing otherwise. */
export async function refuseTenant(context: GateTurn): Promise<void> {
  const a = context.activity;
  if (a.type === ActivityTypes.Invoke) {
    // Card buttons (Action.Execute) expect an invoke response; this shows the sentence in place of the card.
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: NOT_ENABLED_TEXT } },
    });
    return;
  }
  const botAdded = a.type === ActivityTypes.ConversationUpdate && (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
  if (a.type === ActivityTypes.Message || botAdded) await context.sendActivity(NOT_ENABLED_TEXT);
}
