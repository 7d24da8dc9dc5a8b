// Who belongs to the helpdesk: the members of the team whose channel is the helpdesk (asked from
// Teams at the moment of the action, so someone who left the team loses access at once), plus the
// administrators named in HELPDESK_ADMINS (Entra object ids). Used for moving the helpdesk, listing
// tickets, and for what a ticket card shows.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Person } from '../../engine/helpdesk/ticketTypes';

/** Every member of a team; null when the team is unknown or Teams could not be asked. */
export async function teamMembers(context: TurnContext, teamId: string | null): Promise<Person[] | null> {
  if (!teamId) return null;
  try {
    const out: Person[] = [];
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedTeamMembers(context, teamId, 500, token);
      for (const m of page.members ?? []) out.push({ id: m.id, name: m.name ?? m.id });
      token = page.continuationToken;
    } while (token && out.length < 5000);
    return out;
  } catch (e) {
    console.error(`[helpdesk] could not list the members of ${teamId}: ${(e as Error).message}`);
    return null;
  }
}

export type Membership = 'member' | 'not-member' | 'unknown';

/**
 * Whether the sender of this activity is in the team. The whole member list (one or a few pages),
 * as the ticket buttons use it: the single-member look-up is not served by every Teams emulator.
 */
export async function senderInTeam(context: TurnContext, teamId: string | null): Promise<Membership> {
  const userId = context.activity.from?.id;
  if (!teamId || !userId) return 'not-member';
  const members = await teamMembers(context, teamId);
  if (!members) return 'unknown';
  return members.some((m) => m.id === userId) ? 'member' : 'not-member';
}

/** The sender is one of HELPDESK_ADMINS (by Entra object id, which Teams sends and users cannot choose). */
export function senderIsAdmin(context: TurnContext, admins: readonly string[]): boolean {
  const aad = (context.activity.from as { aadObjectId?: string } | undefined)?.aadObjectId?.toLowerCase();
  return !!aad && admins.includes(aad);
}
