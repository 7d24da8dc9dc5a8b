// Helpdesk things said in a turn: "helpdesk here" and "tickets" in a channel, and the requester's
// answer to "request info" in 1:1, which goes into the ticket's thread (a paste is diagnosed and
// joins the case like any other).
import type { TurnContext } from 'botbuilder';
import { paste } from '../../engine/case/caseMachine';
import { diagnosisCard, ticketListCard } from '../../cards/cards';
import type { CaseService } from '../../dialogs/caseService';
import type { TurnInput } from '../../dialogs/turnInput';
import type { ConversationRef } from '../conversationRef';
import { fitMessage } from '../messageSize';
import type { ConversationRecord } from '../storage/caseRepository';
import type { HelpdeskService } from './helpdeskService';

export type ChannelCommand = 'helpdesk-here' | 'tickets';

export function channelCommand(text: string): ChannelCommand | undefined {
  const t = text.trim().toLowerCase().replace(/[.!]+$/, '');
  if (t === 'helpdesk here' || t === 'set helpdesk here' || t === 'use this channel for the helpdesk') return 'helpdesk-here';
  if (t === 'tickets' || t === 'open tickets') return 'tickets';
  return undefined;
}

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

/**
 * The requester's next message after "request info": posted into the thread, pastes diagnosed into
 * the case. Returns false when there was no open request (the message is handled as usual).
 */
export async function forwardInfo(context: TurnContext, helpdesk: HelpdeskService, cases: CaseService, conv: ConversationRecord, input: TurnInput): Promise<boolean> {
  const ticketId = conv.awaitingInfoFor;
  if (!ticketId) return false;
  const clear = (): Promise<unknown> => cases.repo.touchConversation(conv.ref, (r) => ({ ...r, awaitingInfoFor: null }));
  const hit = await helpdesk.deps.tickets.get(ticketId);
  if (!hit || hit.value.state !== 'info-requested') {
    await clear();
    return false;
  }
  const texts = [...input.files.map((f) => `${f.name}:\n${f.text}`), input.text].filter((x) => x.trim() !== '');
  if (texts.length === 0) return false;
  const t = hit.value;
  const requester = conv.ref.userName ?? t.requester.name;
  await helpdesk.replyInThread(t, { type: 'message', text: fitMessage(`${t.id}: ${requester} added information:\n\n${texts.join('\n\n')}`) });
  // Pasted output is diagnosed like any other and joins the case; the diagnosis goes to the thread.
  for (const text of texts) {
    const r = await cases.mutate(t.caseId, (s, now) => paste(cases.flow, s, text, now));
    const d = r.effects.find((e) => e.type === 'diagnosis');
    if (d && d.type === 'diagnosis') await helpdesk.replyInThread(t, { type: 'message', attachments: [diagnosisCard(d.diagnosis)] });
  }
  const added = await helpdesk.applyAction(ticketId, { verb: 'addInfo', text: texts.join('\n\n') }, { id: t.requester.id, name: requester, helpdesk: false });
  if (added.kind === 'changed') await helpdesk.updateCard(added.change.ticket);
  await clear();
  await context.sendActivity(`Thanks: I added that to ${t.id} and told the helpdesk in its thread.`);
  return true;
}
