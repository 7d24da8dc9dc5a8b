// Helpdesk commands typed in a channel: "helpdesk here" (and its confirmation) and "tickets" (their
// words are in src/dialogs/commands.ts, their place in the route table in src/dialogs/routeTable.ts).
// The requester's answer to "request info" is part of their conversation: src/dialogs/infoForwarding.ts.
//
// Who may set the helpdesk channel, which receives every escalation with its evidence:
// - none set yet: a member of the team the channel belongs to (the team's member list, as the ticket
//   buttons use it), or an admin;
// - set: only a member of the CURRENT helpdesk team or an admin (HELPDESK_ADMINS) may move it, and
//   only with an explicit `helpdesk here confirm`; the move is announced in the old channel, so the
//   team that loses the escalations sees who moved them where;
// - with HELPDESK_CHANNEL_ID configured, the configuration decides and the command changes nothing.
// `tickets` lists ticket contents only in the helpdesk channel, to a member of its team (or an admin).
import { ticketListCard } from '../cards/cards';
import { cardMessage, textMessage } from './outbound';
import type { HelpdeskChannelChoice, HelpdeskPort } from './ports/helpdeskPort';
import type { ConversationTurn } from './ports/turnPort';
import { log } from './logger';

export type ChannelCommand = 'helpdesk-here' | 'helpdesk-here-confirm' | 'tickets';

type Membership = 'member' | 'not-member' | 'unknown';

const CHECK_FAILED = 'I could not check with Teams that you are a member of the helpdesk team, so nothing was changed. Please try again in a minute.';

function label(s: Pick<HelpdeskChannelChoice, 'channelName'>): string {
  return s.channelName ? `**${s.channelName}**` : 'the current helpdesk channel';
}

/** An admin (by Entra object id), or a member of the team as Teams lists it now (someone who left loses access at once). */
async function membership(turn: ConversationTurn, helpdesk: HelpdeskPort, teamId: string | null): Promise<Membership> {
  const aad = turn.input.senderAadObjectId;
  if (aad && helpdesk.admins.includes(aad)) return 'member';
  const userId = turn.ref.userId;
  if (!teamId || !userId) return 'not-member';
  const members = await turn.teamMembers(teamId);
  if (!members) return 'unknown';
  return members.some((m) => m.id === userId) ? 'member' : 'not-member';
}

export async function runChannelCommand(turn: ConversationTurn, helpdesk: HelpdeskPort, cmd: ChannelCommand): Promise<void> {
  const { ref } = turn;
  const channel = turn.input.channel;
  const channelId = channel?.id ?? null;
  const teamId = channel?.teamId ?? null;
  const current = await helpdesk.target(ref);
  if (cmd === 'tickets') {
    await listTickets(turn, helpdesk, current, channelId, teamId);
    return;
  }
  if (!channelId || !teamId) {
    await turn.send('Type **helpdesk here** in a channel of your helpdesk team (with @IRM Doctor), not in a chat.');
    return;
  }
  if (helpdesk.envChannelId) {
    await turn.send(helpdesk.envChannelId === channelId
      ? 'This channel is already the helpdesk (set by HELPDESK_CHANNEL_ID in the bot\'s configuration).'
      : 'The helpdesk channel is set by HELPDESK_CHANNEL_ID in the bot\'s configuration; an administrator changes it there. Nothing was changed.');
    return;
  }
  if (current?.channelId === channelId) {
    await turn.send('This channel is already the helpdesk. Type **tickets** here to list the open tickets.');
    return;
  }
  // First setting: the sender's own team; a move: the team that holds the helpdesk now.
  const who = await membership(turn, helpdesk, current ? current.teamId : teamId);
  if (who === 'unknown') {
    await turn.send(CHECK_FAILED);
    return;
  }
  if (who === 'not-member') {
    await turn.send(current
      ? `Only a member of the current helpdesk team (${label(current)}) or an IRM Doctor administrator can move the helpdesk. Nothing was changed.`
      : 'Only a member of this team or an IRM Doctor administrator can make this channel the helpdesk. Nothing was changed.');
    return;
  }
  const here = channel?.name ?? channel?.teamName ?? null;
  if (current && cmd !== 'helpdesk-here-confirm') {
    await turn.send(`The helpdesk is ${label(current)} now. Moving it here sends every new escalation, with the requester's evidence, to this channel instead. ` +
      'To move it, type **@IRM Doctor helpdesk here confirm**. The move will be announced in the old channel.');
    return;
  }
  const by = ref.userName ?? 'someone';
  await helpdesk.useChannel({
    serviceUrl: ref.serviceUrl, channelId, teamId, tenantId: ref.tenantId, botId: ref.botId,
    channelName: here, setBy: ref.userName, timeZone: ref.timezone, setAt: helpdesk.now().toISOString(),
  });
  if (current) {
    // The audit trail of the move, where the team that loses the escalations will see it.
    const posted = await helpdesk.postInChannel(current, textMessage(
      `The IRM Doctor helpdesk was moved to ${here ? `**${here}**` : 'another channel'}${channel?.teamName ? ` (team ${channel.teamName})` : ''} by ${by} ` +
      `at ${helpdesk.now().toISOString()}. New escalations go there; the threads of existing tickets stay here.`));
    if (!posted.ok) log.error('helpdesk.move-announcement-failed', { channel: current.channelId, status: posted.status ?? null, error: posted.error });
  }
  await turn.send(`Done: escalations from IRM Doctor now come to this channel as new threads${channel?.teamName ? ` (team ${channel.teamName})` : ''}. ` +
    'Members of this team can claim, assign, request information and resolve them from the ticket card. Type **tickets** here to list the open ones.' +
    (current ? ' The move was announced in the old channel.' : ''));
}

async function listTickets(turn: ConversationTurn, helpdesk: HelpdeskPort, current: HelpdeskChannelChoice | null, channelId: string | null, teamId: string | null): Promise<void> {
  if (!current) {
    await turn.send('No helpdesk channel is configured yet, so there are no tickets to list.');
    return;
  }
  // Only where the helpdesk team alone can read it: the list shows requesters and their cases.
  if (channelId !== current.channelId) {
    await turn.send('I list tickets only in the helpdesk channel, where only the helpdesk team can read them.');
    return;
  }
  const who = await membership(turn, helpdesk, current.teamId ?? teamId);
  if (who !== 'member') {
    await turn.send(who === 'unknown' ? 'I could not check with Teams that you are a member of the helpdesk team. Please try again in a minute.'
      : 'Only members of the helpdesk team can list tickets.');
    return;
  }
  await turn.send(cardMessage(ticketListCard(await helpdesk.listTickets())));
}
