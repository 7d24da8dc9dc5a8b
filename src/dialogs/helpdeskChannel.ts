// Helpdesk commands typed in a channel: "helpdesk here" and "tickets" (their words are in
// src/dialogs/commands.ts, their place in the route table in src/dialogs/routeTable.ts). The
// requester's answer to "request info" is part of their conversation: src/dialogs/infoForwarding.ts.
import { ticketListCard } from '../cards/cards';
import { cardMessage } from './outbound';
import type { HelpdeskPort } from './ports/helpdeskPort';
import type { ConversationTurn } from './ports/turnPort';

export type ChannelCommand = 'helpdesk-here' | 'tickets';

export async function runChannelCommand(turn: ConversationTurn, helpdesk: HelpdeskPort, cmd: ChannelCommand): Promise<void> {
  const { ref } = turn;
  const channel = turn.input.channel;
  if (cmd === 'tickets') {
    await turn.send(cardMessage(ticketListCard(await helpdesk.listTickets())));
    return;
  }
  const channelId = channel?.id;
  if (!channelId) {
    await turn.send('Type **helpdesk here** in a channel of your helpdesk team (with @IRM Doctor), not in a chat.');
    return;
  }
  await helpdesk.useChannel({
    serviceUrl: ref.serviceUrl, channelId, teamId: channel.teamId, tenantId: ref.tenantId, botId: ref.botId,
    channelName: channel.name ?? channel.teamName, setBy: ref.userName, timeZone: ref.timezone, setAt: helpdesk.now().toISOString(),
  });
  const env = helpdesk.envChannelId;
  await turn.send(`Done: escalations from IRM Doctor now come to this channel as new threads${channel.teamName ? ` (team ${channel.teamName})` : ''}. ` +
    'Members of this team can claim, assign, request information and resolve them from the ticket card. Type **tickets** here to list the open ones.' +
    (env && env !== channelId ? ` Note: HELPDESK_CHANNEL_ID is set in the bot's configuration and wins over this choice until it is removed.` : ''));
}
