// Helpdesk commands typed in a channel: "helpdesk here" (and its confirmation) and "tickets". (The
// requester's answer to "request info" is part of their conversation: src/dialogs/infoForwarding.ts.)
//
// Who may set the helpdesk channel, which receives every escalation with its evidence:
// - none set yet: a member of the team the channel belongs to (checked with Teams), or an admin;
// - set: only a member of the CURRENT helpdesk team or an admin (HELPDESK_ADMINS) may move it, and
//   only with an explicit `helpdesk here confirm`; the move is announced in the old channel, so the
//   team that loses the escalations sees who moved them where;
// - with HELPDESK_CHANNEL_ID configured, the configuration decides and the command changes nothing.
// `tickets` lists ticket contents only in the helpdesk channel, to a member of its team (or an admin).
import type { TurnContext } from 'botbuilder';
import { ticketListCard } from '../../cards/cards';
import type { ConversationRef } from '../conversationRef';
import { senderInTeam, senderIsAdmin, type Membership } from './helpdeskAccess';
import type { HelpdeskService } from './helpdeskService';
import type { HelpdeskSetting } from './helpdeskSettings';

export type ChannelCommand = 'helpdesk-here' | 'helpdesk-here-confirm' | 'tickets';

export function channelCommand(text: string): ChannelCommand | undefined {
  const t = text.trim().toLowerCase().replace(/[.!]+$/, '').replace(/\s+/g, ' ');
  if (t === 'helpdesk here' || t === 'set helpdesk here' || t === 'use this channel for the helpdesk') return 'helpdesk-here';
  if (t === 'helpdesk here confirm' || t === 'confirm helpdesk here') return 'helpdesk-here-confirm';
  if (t === 'tickets' || t === 'open tickets') return 'tickets';
  return undefined;
}

interface ChannelData {
  channel?: { id?: string; name?: string };
  team?: { id?: string; name?: string };
}

const CHECK_FAILED = 'I could not check with Teams that you are a member of the helpdesk team, so nothing was changed. Please try again in a minute.';

function label(s: Pick<HelpdeskSetting, 'channelName' | 'channelId'>): string {
  return s.channelName ? `**${s.channelName}**` : 'the current helpdesk channel';
}

async function allowed(context: TurnContext, helpdesk: HelpdeskService, teamId: string | null): Promise<Membership> {
  if (senderIsAdmin(context, helpdesk.deps.settings.admins)) return 'member';
  return senderInTeam(context, teamId);
}

export async function runChannelCommand(context: TurnContext, helpdesk: HelpdeskService, cmd: ChannelCommand, ref: ConversationRef): Promise<void> {
  const channelData = (context.activity.channelData ?? {}) as ChannelData;
  const channelId = channelData.channel?.id ?? null;
  const teamId = channelData.team?.id ?? null;
  const current = await helpdesk.target(ref);
  if (cmd === 'tickets') {
    await listTickets(context, helpdesk, current, channelId, teamId);
    return;
  }
  if (!channelId || !teamId) {
    await context.sendActivity('Type **helpdesk here** in a channel of your helpdesk team (with @IRM Doctor), not in a chat.');
    return;
  }
  const settings = helpdesk.deps.settings;
  if (settings.envChannelId) {
    await context.sendActivity(settings.envChannelId === channelId
      ? 'This channel is already the helpdesk (set by HELPDESK_CHANNEL_ID in the bot\'s configuration).'
      : 'The helpdesk channel is set by HELPDESK_CHANNEL_ID in the bot\'s configuration; an administrator changes it there. Nothing was changed.');
    return;
  }
  if (current?.channelId === channelId) {
    await context.sendActivity('This channel is already the helpdesk. Type **tickets** here to list the open tickets.');
    return;
  }
  // First setting: the sender's own team; a move: the team that holds the helpdesk now.
  const who = await allowed(context, helpdesk, current ? current.teamId : teamId);
  if (who === 'unknown') {
    await context.sendActivity(CHECK_FAILED);
    return;
  }
  if (who === 'not-member') {
    await context.sendActivity(current
      ? `Only a member of the current helpdesk team (${label(current)}) or an IRM Doctor administrator can move the helpdesk. Nothing was changed.`
      : 'Only a member of this team or an IRM Doctor administrator can make this channel the helpdesk. Nothing was changed.');
    return;
  }
  const here = channelData.channel?.name ?? channelData.team?.name ?? null;
  if (current && cmd !== 'helpdesk-here-confirm') {
    await context.sendActivity(`The helpdesk is ${label(current)} now. Moving it here sends every new escalation, with the requester's evidence, to this channel instead. ` +
      'To move it, type **@IRM Doctor helpdesk here confirm**. The move will be announced in the old channel.');
    return;
  }
  const by = context.activity.from?.name ?? ref.userName ?? 'someone';
  await settings.set({
    serviceUrl: ref.serviceUrl, channelId, teamId, tenantId: ref.tenantId, botId: ref.botId,
    channelName: here, setBy: ref.userName, timeZone: ref.timezone, setAt: helpdesk.now().toISOString(),
  });
  if (current) {
    // The audit trail of the move, where the team that loses the escalations will see it.
    const posted = await helpdesk.deps.sender.createChannelThread(current, {
      type: 'message',
      text: `The IRM Doctor helpdesk was moved to ${here ? `**${here}**` : 'another channel'}${channelData.team?.name ? ` (team ${channelData.team.name})` : ''} by ${by} ` +
        `at ${helpdesk.now().toISOString()}. New escalations go there; the threads of existing tickets stay here.`,
    });
    if (!posted.ok) console.error(`[helpdesk] could not announce the move in the old channel ${current.channelId}: ${posted.status ?? ''} ${posted.error}`);
  }
  await context.sendActivity(`Done: escalations from IRM Doctor now come to this channel as new threads${channelData.team?.name ? ` (team ${channelData.team.name})` : ''}. ` +
    'Members of this team can claim, assign, request information and resolve them from the ticket card. Type **tickets** here to list the open ones.' +
    (current ? ' The move was announced in the old channel.' : ''));
}

async function listTickets(context: TurnContext, helpdesk: HelpdeskService, current: HelpdeskSetting | null, channelId: string | null, teamId: string | null): Promise<void> {
  if (!current) {
    await context.sendActivity('No helpdesk channel is configured yet, so there are no tickets to list.');
    return;
  }
  // Only where the helpdesk team alone can read it: the list shows requesters and their cases.
  if (channelId !== current.channelId) {
    await context.sendActivity('I list tickets only in the helpdesk channel, where only the helpdesk team can read them.');
    return;
  }
  const who = await allowed(context, helpdesk, current.teamId ?? teamId);
  if (who !== 'member') {
    await context.sendActivity(who === 'unknown' ? 'I could not check with Teams that you are a member of the helpdesk team. Please try again in a minute.'
      : 'Only members of the helpdesk team can list tickets.');
    return;
  }
  await context.sendActivity({ type: 'message', attachments: [ticketListCard(await helpdesk.deps.tickets.list())] });
}
