// Phase 1 of the Agents SDK host: the bot's welcome card, on install and in answer to any message.
// The conversation (src/dialogs) is wired onto this host in a later step, through the ports that
// keep src/dialogs free of any SDK; docs/agents-sdk-host.md describes that step.
import { ActivityHandler, MessageFactory } from '@microsoft/agents-hosting';
import { welcomeCard } from '../../cards/cards';

export function welcomeAgent(): ActivityHandler {
  const agent = new ActivityHandler();
  agent.onMembersAdded(async (context, next) => {
    const botId = context.activity.recipient?.id;
    if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await context.sendActivity(MessageFactory.attachment(welcomeCard()));
    await next();
  });
  agent.onMessage(async (context, next) => {
    await context.sendActivity(MessageFactory.attachment(welcomeCard()));
    await next();
  });
  return agent;
}
