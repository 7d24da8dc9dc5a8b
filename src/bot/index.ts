// Entry point for `npm start`.
import { log, parseLogLevel, setLogLevel } from '../dialogs/logger';
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

function configError(e: Error): never {
  log.error('config.invalid', { message: `Configuration error: ${e.message}` });
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
    running = await startServer(config);
  } catch (e) {
    if (e instanceof ConfigError) configError(e);
    throw e;
  }
  log.info('server.listening', {
    message: `IRM Doctor listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${running.port}/api/messages` +
      (config.appId ? ` (app ${config.appId}, ${config.appType})` : ' (no MicrosoftAppId: authentication off, local use only)'),
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
