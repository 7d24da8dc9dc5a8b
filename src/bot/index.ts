// Entry point for `npm start`.
import { log, parseLogLevel, setLogLevel } from '../dialogs/logger';
import { ConfigError, loadConfig } from './config';
import { botbuilderEdge, startServer } from './server';

// A bad setting stops the bot before it serves anything: the admin starting it reads one plain line
// naming the variable (not a JSON log record with escaped quotes), and exit status 2.
function configError(e: Error): never {
  process.stderr.write(`Configuration error: ${e.message}\n`);
  process.exit(2);
}

async function run(): Promise<void> {
  let config;
  try {
    setLogLevel(parseLogLevel(process.env.LOG_LEVEL));
  } catch (e) {
    configError(e as Error);
  }
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) configError(e);
    throw e;
  }
  let running;
  try {
    // The Agents SDK is loaded only when it is the host: the botbuilder host does not pay for it.
    running = config.botHost === 'agents' ? await startServer(config, (await import('./agents/agentsEdge')).agentsEdge) : await startServer(config, botbuilderEdge);
  } catch (e) {
    if (e instanceof ConfigError) configError(e);
    throw e;
  }
  // The warning first: whoever waits for the "listening" line has seen it by then.
  if (!config.appId) {
    log.warn('server.auth-off', {
      message: config.localOnly
        ? 'Warning: authentication is off (no MicrosoftAppId), so IRM Doctor listens on 127.0.0.1 only: local tools on this machine can reach it, Teams cannot. Set MicrosoftAppId to serve Teams.'
        : `Warning: authentication is off (no MicrosoftAppId) and HOST=${config.host}: anyone who can reach this port can talk to the bot as any user.`,
    });
  }
  const where = config.host === '0.0.0.0' || config.host === '::' ? ' (all interfaces)' : '';
  log.info('server.listening', {
    message: `IRM Doctor listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${running.port}/api/messages${where}` +
      (config.appId ? ` (app ${config.appId}, ${config.appType})` : ' (no MicrosoftAppId: authentication off)') +
      (config.botHost === 'agents' ? ' on the Microsoft 365 Agents SDK host' : ''),
  });
  const stop = (): void => {
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

run().catch((e: unknown) => {
  log.error('server.start-failed', {}, e);
  process.exit(1);
});
