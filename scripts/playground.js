#!/usr/bin/env node
// `npm run playground`: the bot and the Microsoft 365 Agents Playground (a local Teams emulator) side
// by side, for trying the bot in a Teams-like chat without a tenant. `npm run build` runs first (see
// package.json). Open the printed address in a browser; Ctrl+C stops both.
//
// Environment: PORT (bot, default 3978), HOST (bot, default 127.0.0.1), STORAGE (default memory),
// PLAYGROUND_PORT (default 56150; the playground takes a random port when that one is busy, and
// the address printed is the one it really uses). The playground's log goes to ./devTools/.
'use strict';

const { spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const botEntry = path.join(root, 'dist', 'src', 'bot', 'index.js');
const playgroundCli = path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

const botPort = process.env.PORT || '3978';
const botHost = process.env.HOST || '127.0.0.1';
const playgroundPort = process.env.PLAYGROUND_PORT || '56150';
const endpointHost = botHost === '0.0.0.0' || botHost === '::' ? '127.0.0.1' : botHost;

const children = [];
let stopping = false;

/** Starts a child, copies its output with a prefix and resolves with the first match of `ready`. */
function start(name, args, env, ready) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let seen = '';
  return new Promise((resolve, reject) => {
    const onData = (stream) => (chunk) => {
      const text = chunk.toString();
      for (const line of text.split(/\r?\n/)) if (line.trim()) stream.write(`[${name}] ${line}\n`);
      if (seen !== null) {
        seen += text;
        const m = ready.exec(seen);
        if (m) {
          seen = null;
          resolve(m);
        }
      }
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (seen !== null) reject(new Error(`${name} exited (${signal || code}) before it was ready`));
      else if (!stopping) {
        // Ctrl+C reaches the children too (same process group): that exit is not a failure.
        const interrupted = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
        if (!interrupted) console.error(`[${name}] exited (${signal || code}); stopping.`);
        stop(interrupted ? 0 : 1);
      }
    });
  });
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (running.length === 0) process.exit(code);
  let left = running.length;
  for (const c of running) {
    c.once('exit', () => {
      if (--left === 0) process.exit(code);
    });
    c.kill('SIGTERM');
  }
  // A child that ignores SIGTERM does not keep the terminal.
  setTimeout(() => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    process.exit(code);
  }, 5000).unref();
}

async function main() {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const bot = await start('bot', [botEntry], {
    PORT: botPort,
    HOST: botHost,
    STORAGE: process.env.STORAGE || 'memory',
  }, /listening on http:\/\/[^\s]+:(\d+)\//);
  const endpoint = `http://${endpointHost}:${bot[1]}/api/messages`;

  const pg = await start('playground', [
    playgroundCli, '-e', endpoint, '-c', 'msteams', '-p', playgroundPort, '--disable-telemetry',
  ], { TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER || 'none' }, /Listening on (\d+)/);

  console.log('');
  console.log(`  Agents Playground: http://localhost:${pg[1]}/   (bot at ${endpoint})`);
  console.log('  Open it in a browser, then pick "Personal Chat". Ctrl+C stops both.');
  console.log('');
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  stop(1);
});
