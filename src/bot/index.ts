// Entry point for `npm start`.
import { ConfigError, loadConfig } from './config';
import { botbuilderEdge, startServer } from './server';

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
    // The Agents SDK is loaded only when it is the host: the botbuilder host does not pay for it.
    running = config.botHost === 'agents' ? await startServer(config, (await import('./agents/agentsEdge')).agentsEdge) : await startServer(config, botbuilderEdge);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  console.log(`IRM Doctor listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${running.port}/api/messages` +
    (config.appId ? ` (app ${config.appId}, ${config.appType})` : ' (no MicrosoftAppId: authentication off, local use only)') +
    (config.botHost === 'agents' ? ' on the Microsoft 365 Agents SDK host' : ''));
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
