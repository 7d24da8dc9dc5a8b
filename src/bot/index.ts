// Entry point for `npm start`.
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

async function run(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  let running;
  try {
    running = await startServer(config);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  // The warning first: whoever waits for the "listening" line has seen it by then.
  if (!config.appId) {
    console.warn(config.localOnly
      ? 'Warning: authentication is off (no MicrosoftAppId), so IRM Doctor listens on 127.0.0.1 only: local tools on this machine can reach it, Teams cannot. Set MicrosoftAppId to serve Teams.'
      : `Warning: authentication is off (no MicrosoftAppId) and HOST=${config.host}: anyone who can reach this port can talk to the bot as any user.`);
  }
  const where = config.host === '0.0.0.0' || config.host === '::' ? ' (all interfaces)' : '';
  console.log(`IRM Doctor listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${running.port}/api/messages${where}` +
    (config.appId ? ` (app ${config.appId}, ${config.appType})` : ' (no MicrosoftAppId: authentication off)'));
  const stop = (): void => {
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

run().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
