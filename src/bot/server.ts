// The HTTP edge: restify + the host's adapter. /api/messages for the Bot Connector, /healthz for probes.
// Everything but the SDK (stores, conversation, reminders, helpdesk, retention, telemetry, tenant gate)
// is built here once for both hosts; the host (BOT_HOST) brings its adapter as a HostEdge.
import { randomUUID } from 'node:crypto';
import * as restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { FLOW } from '../engine/flow/loadFlow';
import { assembleBot } from './botAssembly';
import type { BotConfig } from './config';
import { irmDoctorBot, type BotFactory, type IrmDoctorBot } from './irmDoctorBot';
import { botbuilderTransport } from './proactive/botbuilderTransport';
import type { ProactiveTransport } from './proactive/proactiveSender';
import { helpdeskEnv } from './helpdesk/helpdeskSettings';
import { answerFailedTurn } from './activityInput';
import { TURN_BUDGET_MS, withTurnDeadline } from './connectorBudget';
import { connectorClientOptions } from './connectorTransport';
import { StorageHealth } from './storage/storageHealth';
import { loadReminderConfig } from './reminders/reminderConfig';
import { openBotStateStorage, openStore } from './storage/openStore';
import type { RecordStore } from './storage/recordStore';
import { purgeExpired, RetentionTimer } from './storage/retention';
import { selectTelemetry } from './telemetry/selectTelemetry';
import { NO_TELEMETRY, type Telemetry } from './telemetry/telemetry';
import { turnHandler, type TurnHandlerDeps } from './turnHandler';
import { inTurn, log } from '../dialogs/logger';

export interface RunningServer {
  server: restify.Server;
  store: RecordStore;
  port: number;
  close(): Promise<void>;
}

/** The tenant gate and telemetry settings every turn goes through (turnHandler.ts), for the host to apply. */
export type TurnGate = Omit<TurnHandlerDeps<TurnContext>, 'run'>;

/** What a host SDK brings to the shared edge. */
export interface HostEdge<B> {
  proactive: ProactiveTransport;
  makeBot: BotFactory<B>;
  /** Handles POST /api/messages once the body is known to be an activity. */
  messages(bot: B, gate: TurnGate): (req: restify.Request, res: restify.Response) => Promise<void>;
}

/** `onStoreFailure`: a storage failure the host's error handler met (/healthz reports it). */
export type HostFactory<B> = (config: BotConfig, telemetry: Telemetry, onStoreFailure?: (e: Error) => void) => HostEdge<B>;

/** The default host: botbuilder's CloudAdapter. */
export const botbuilderEdge: HostFactory<IrmDoctorBot> = (config, telemetry, onStoreFailure) => {
  const adapter = createAdapter(config, telemetry, onStoreFailure);
  return {
    proactive: botbuilderTransport(adapter, config.appId),
    makeBot: irmDoctorBot,
    messages: (bot, gate) => {
      const onTurn = turnHandler<TurnContext>({ run: (context) => bot.run(context), ...gate });
      return async (req, res) => { await adapter.process(req, res, onTurn); };
    },
  };
};

export function createAdapter(
  config: Pick<BotConfig, 'appId' | 'appPassword' | 'appType' | 'appTenantId'> & Partial<Pick<BotConfig, 'connectorTimeoutMs' | 'connectorRetryBaseMs'>>,
  telemetry: Telemetry = NO_TELEMETRY,
  onStoreFailure: (e: Error) => void = () => undefined,
): CloudAdapter {
  // With no app id, authentication is off (local tools, tests); with one, every request needs a valid token.
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
  }, undefined, undefined, undefined, connectorClientOptions(config.connectorTimeoutMs ?? 10000, config.connectorRetryBaseMs === undefined ? {} : { baseMs: config.connectorRetryBaseMs }));
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    await answerFailedTurn(error, (text) => context.sendActivity(text), telemetry, onStoreFailure);
  };
  return adapter;
}

/** The log's turn id: the activity's own id (never its text), or a fresh one when it has none. */
function turnIdOf(body: unknown): string {
  const id = (body as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id.slice(0, 100) : randomUUID();
}

export async function startServer<B>(config: BotConfig, host: HostFactory<B>): Promise<RunningServer> {
  const { telemetry, salt, kind: telemetryKind } = selectTelemetry(config.telemetry);
  const store = await openStore(config);
  const health = new StorageHealth(store);
  const edge = host(config, telemetry, (e) => health.reportFailure(e));
  // Only read to delete: dialog stacks stored by earlier versions go with retention and `forget me`.
  const botState = openBotStateStorage(config, store);
  const { bot, reminders, helpdesk, escalation } = assembleBot({
    proactive: edge.proactive, makeBot: edge.makeBot, store, flow: FLOW, reminderConfig: loadReminderConfig(), retryBaseMs: config.connectorRetryBaseMs, helpdeskEnv: helpdeskEnv(process.env, config.helpdeskAdmins),
    telemetry, telemetryOn: telemetryKind !== 'none', legacyBotState: botState, onStoreFailure: (e) => health.reportFailure(e),
  });
  const onMessages = edge.messages(bot, { telemetry, telemetryOn: telemetryKind !== 'none', salt, allowedTenants: config.allowedTenants });
  const retention = new RetentionTimer(async () => {
    const n = await purgeExpired(store, { retentionDays: config.retentionDays, now: () => new Date(), botState });
    if (n.cases + n.reminders + n.conversations + n.tickets > 0) {
      log.info('retention.purged', { cases: n.cases, pastes: n.pastes, reminders: n.reminders, conversations: n.conversations, ticketsRedacted: n.tickets });
      telemetry.event('retention.purged', {}, { ...n });
    }
  });
  const server = restify.createServer({ name: 'irm-doctor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: 'The request body must be a Bot Framework activity (a JSON object with a "type").' });
      return;
    }
    // Every line logged while this activity is handled (onTurnError included) carries its id, and
    // everything the turn sends (its error answer included) fits in the time Teams waits for it.
    await inTurn(turnIdOf(body), async () => {
      const started = Date.now();
      log.debug('turn.start', { type: (body as { type: string }).type.slice(0, 40) });
      await withTurnDeadline(TURN_BUDGET_MS, () => onMessages(req, res));
      log.debug('turn.end', { status: res.statusCode, ms: Date.now() - started });
    });
  });
  server.get('/healthz', async (_req, res) => {
    const report = await health.check();
    if (report.ok) res.send(200, { status: 'ok' });
    else res.send(503, { status: 'unavailable', storage: report.error ?? 'failing' });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  reminders.scheduler.start();
  retention.start();
  helpdesk.recoverStuckPostings().catch((e: Error) => log.error('helpdesk.recovery-failed', {}, e));
  const address = server.address();
  return {
    server,
    store,
    port: address.port,
    close: async () => {
      await reminders.scheduler.stop();
      await retention.stop();
      // Escalations being posted finish (or fail and tell the requester) before the process goes.
      await Promise.allSettled([...escalation.inFlight]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await telemetry.close();
      await store.close();
    },
  };
}
