// The second host (BOT_HOST=agents): the Microsoft 365 Agents SDK's CloudAdapter behind the shared
// edge (server.ts: restify, /healthz, the body check, the stores and the conversation). Here: the
// token check the SDK leaves to its host, the SDK's schema errors as a 400, and the turn through the
// same tenant gate and telemetry scope as the botbuilder host.
import type { Activity as BotbuilderActivity } from 'botbuilder';
import { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, type Request, type TurnContext } from '@microsoft/agents-hosting';
import type { BotConfig } from '../config';
import type { HostFactory } from '../server';
import type { GateTurn } from '../tenantGate';
import { NO_TELEMETRY, type Telemetry } from '../telemetry/telemetry';
import { turnHandler } from '../turnHandler';
import { agentsAuth } from './agentsAuth';
import { BudgetedCloudAdapter } from './agentsConnectorCalls';
import { agentsBot, type AgentsBot } from './agentsBot';
import { agentsSender } from './agentsSender';
import { webResponse } from './webResponse';
import { answerFailedTurn } from '../activityInput';

/** The tenant gate reads the activity and may answer; the bot then gets the SDK's own context. */
interface AgentsGateTurn extends GateTurn {
  readonly context: TurnContext;
}

function gateTurn(context: TurnContext): AgentsGateTurn {
  return {
    context,
    // The same wire fields as botbuilder's Activity; the gate only reads them.
    activity: context.activity as unknown as Partial<BotbuilderActivity>,
    sendActivity: (a) => context.sendActivity(typeof a === 'string' ? a : Activity.fromObject(a)),
  };
}
/** "from: Expected object, received number" for the SDK's activity validation error; null for any other error. */
function malformedField(e: unknown): string | null {
  const err = e as { name?: unknown; issues?: { path?: unknown[]; message?: unknown }[] } | null;
  if (err?.name !== 'ZodError' || !Array.isArray(err.issues) || err.issues.length === 0) return null;
  const first = err.issues[0]!;
  return `${(first.path ?? []).join('.') || 'activity'}: ${String(first.message ?? 'invalid')}`;
}

export function createAgentsAdapter(config: BotConfig, telemetry: Telemetry = NO_TELEMETRY, onStoreFailure: (e: Error) => void = () => undefined): CloudAdapter {
  // Connector calls under the same deadline and retry rules as the botbuilder host's.
  const adapter = new BudgetedCloudAdapter(agentsAuth(config)).withCallPolicy(config.connectorTimeoutMs, { baseMs: config.connectorRetryBaseMs });
  // The SDK's default answer to a failed turn tells the user to "fix the source code"; ours says what
  // the botbuilder host says.
  adapter.onTurnError = async (context, error) => {
    await answerFailedTurn(error, (text) => context.sendActivity(text), telemetry, onStoreFailure);
  };
  return adapter;
}

export const agentsEdge: HostFactory<AgentsBot> = (config, telemetry, onStoreFailure) => {
  const adapter = createAgentsAdapter(config, telemetry, onStoreFailure);
  return {
    proactive: agentsSender(adapter, config.appId),
    makeBot: agentsBot,
    messages: (bot, gate) => {
      const onTurn = turnHandler<AgentsGateTurn>({ run: (t) => bot.run(t.context), ...gate });
      return async (req, res) => {
        const request = req as unknown as Request;
        const response = webResponse(res);
        // process() does not check the token itself: without this call every request would be accepted.
        // With no app id the check lets requests through as anonymous (local tools and tests).
        let authorized = false;
        await adapter.authorizeRequest(request, response, () => { authorized = true; });
        if (!authorized) return;
        try {
          await adapter.process(request, response, (context) => onTurn(gateTurn(context)));
        } catch (e) {
          // The SDK checks the activity's shape (zod) and throws, which restify would answer with a 500
          // carrying the raw schema errors; the sender gets a 400 naming the first bad field instead.
          const issue = malformedField(e);
          if (issue === null || res.headersSent) throw e;
          res.send(400, { error: `The activity is malformed: ${issue}.` });
        }
      };
    },
  };
};
