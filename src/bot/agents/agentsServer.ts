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

/** "from: Expected object, received number" for the SDK's activity validation error; null for any other error. */
function malformedField(e: unknown): string | null {
  const err = e as { name?: unknown; issues?: { path?: unknown[]; message?: unknown }[] } | null;
  if (err?.name !== 'ZodError' || !Array.isArray(err.issues) || err.issues.length === 0) return null;
  const first = err.issues[0]!;
  return `${(first.path ?? []).join('.') || 'activity'}: ${String(first.message ?? 'invalid')}`;
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
    try {
      await adapter.process(request, response, (context) => agent.run(context));
    } catch (e) {
      // The SDK checks the activity's shape (zod) and throws, which restify would answer with a 500
      // carrying the raw schema errors; the sender gets a 400 naming the first bad field instead.
      const issue = malformedField(e);
      if (issue === null || res.headersSent) throw e;
      res.send(400, { error: `The activity is malformed: ${issue}.` });
    }
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
