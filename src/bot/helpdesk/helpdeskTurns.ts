// Helpdesk commands typed in a channel: "helpdesk here" and "tickets" (their words are in
// src/dialogs/commands.ts, their place in the route table in src/dialogs/routeTable.ts). The
// requester's answer to "request info" is part of their conversation: src/dialogs/infoForwarding.ts.
import type { TurnContext } from 'botbuilder';
import { ticketListCard } from '../../cards/cards';
import type { ConversationRef } from '../../dialogs/conversationRef';
import type { HelpdeskService } from './helpdeskService';

export type ChannelCommand = 'helpdesk-here' | 'tickets';

export async function runChannelCommand(context: TurnContext, helpdesk: HelpdeskService, cmd: ChannelCommand, ref: ConversationRef): Promise<void> {
  const channelData = (context.activity.channelData ?? {}) as { channel?: { id?: string; name?: string }; team?: { id?: string; name?: string } };
  if (cmd === 'tickets') {
    await context.sendActivity({ type: 'message', attachments: [ticketListCard(await helpdesk.deps.tickets.list())] });
    return;
  }
  const channelId = channelData.channel?.id;
  if (!channelId) {
    await context.sendActivity('Type **helpdesk here** in a channel of your helpdesk team (with @IRM Doctor), not in a chat.');
    return;
  }
  await helpdesk.deps.settings.set({
    serviceUrl: ref.serviceUrl, channelId, teamId: channelData.team?.id ?? null, tenantId: ref.tenantId, botId: ref.botId,
    channelName: channelData.channel?.name ?? channelData.team?.name ?? null, setBy: ref.userName, timeZone: ref.timezone, setAt: helpdesk.now().toISOString(),
  });
  const env = helpdesk.deps.settings.envChannelId;
  await context.sendActivity(`Done: escalations from IRM Doctor now come to this channel as new threads${channelData.team?.name ? ` (team ${channelData.team.name})` : ''}. ` +
    'Members of this team can claim, assign, request information and resolve them from the ticket card. Type **tickets** here to list the open ones.' +
    (env && env !== channelId ? ` Note: HELPDESK_CHANNEL_ID is set in the bot's configuration and wins over this choice until it is removed.` : ''));
}
