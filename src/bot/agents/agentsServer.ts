// The second host (BOT_HOST=agents): the same HTTP edge as server.ts — restify, /api/messages and
// /healthz, the same body limit and the same 400 for a body that is not an activity — with the
// Microsoft 365 Agents SDK's CloudAdapter behind it instead of botbuilder's.
import * as restify from 'restify';
import { CloudAdapter, type Request } from '@microsoft/agents-hosting';
import type { BotConfig } from '../config';
import { agentsAuth } from './agentsAuth';
import { webResponse } from './webResponse';
import { welcomeAgent } from './welcomeAgent';

export interface RunningAgentsServer {
  server: restify.Server;
  port: number;
  close(): Promise<void>;
}

export function createAgentsAdapter(config: BotConfig): CloudAdapter {
  const adapter = new CloudAdapter(agentsAuth(config));
  // The SDK's default answer to a failed turn tells the user to "fix the source code"; ours says what
  // the botbuilder host says.
  adapter.onTurnError = async (context, error) => {
    console.error(`[onTurnError] ${error.stack ?? error.message}`);
    try {
      await context.sendActivity('Sorry, something went wrong on my side while handling that message. Nothing you sent was lost; please try again.');
    } catch {
      // The connector itself may be the thing that failed; the log line above is all we can do.
    }
  };
  return adapter;
}

export async function startAgentsServer(config: BotConfig): Promise<RunningAgentsServer> {
  const adapter = createAgentsAdapter(config);
  const agent = welcomeAgent();
  const server = restify.createServer({ name: 'irm-doctor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: 'The request body must be a Bot Framework activity (a JSON object with a "type").' });
      return;
    }
    const request = req as unknown as Request;
    const response = webResponse(res);
    // process() does not check the token itself: without this call every request would be accepted.
    // With no app id the check lets requests through as anonymous (local tools and tests).
    let authorized = false;
    await adapter.authorizeRequest(request, response, () => { authorized = true; });
    if (!authorized) return;
    await adapter.process(request, response, (context) => agent.run(context));
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  return {
    server,
    port: server.address().port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
