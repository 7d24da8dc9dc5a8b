// The baseline for the turn benchmark: a bare echo bot on the same stack as IRM Doctor (restify 11 +
// CloudAdapter, no app id, the same server options and bodyParser as src/bot/server.ts) and nothing
// else: no storage, no dialogs, no cards. It reads PORT and HOST like the real bot and prints
// "listening on http://HOST:PORT/" the same way, so bench/turnHarness starts both with one launcher.
import * as restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await context.sendActivity('Hello, I echo what you type.');
      await next();
    });
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3978);
  const host = process.env.HOST ?? '127.0.0.1';
  const maxBodyBytes = Number(process.env.MAX_BODY_BYTES ?? 16 * 1024 * 1024);
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    console.error(`[onTurnError] ${error.stack ?? error.message}`);
    try {
      await context.sendActivity('Sorry, something went wrong on my side while handling that message.');
    } catch {
      // nothing more to do
    }
  };
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: 'The request body must be a Bot Framework activity (a JSON object with a "type").' });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  console.log(`echo bot listening on http://${host}:${server.address().port}/api/messages`);
  const stop = (): void => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
