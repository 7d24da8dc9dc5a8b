// Azurite's blob service from node_modules (a devDependency: works in CI from a clean clone), on a
// free loopback port with its data in a temp dir. It can be stopped and restarted on the same port
// and data (an outage), or frozen with SIGSTOP (a storage that hangs instead of refusing).
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './fixtures';

/** Azurite's fixed, publicly documented development account key. */
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  port: number;
  /** Explicit endpoint (a non-default port), no trailing ';' (which makes BlobsStorage serialise requests). */
  connectionString: string;
  /** Kills the process and removes its data. */
  stop(): Promise<void>;
  /** Stops it cleanly (its metadata is saved on SIGTERM), keeping port and data, until restart(). */
  down(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Freezes / thaws the process: connections open but nothing answers. */
  pause(): void;
  resume(): void;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startAzurite(timeoutMs = 15000): Promise<Azurite> {
  const location = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-azurite-'));
  const port = await freePort();
  const main = path.join(repoRoot, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
  let child: ChildProcess | null = null;
  let output = '';

  const launch = async (): Promise<void> => {
    const c = spawn(process.execPath, [main, '--silent', '--disableTelemetry', '--skipApiVersionCheck',
      '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', location], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
    c.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    const deadline = Date.now() + timeoutMs;
    while (!(await accepts(port))) {
      if (c.exitCode !== null || Date.now() > deadline) throw new Error(`Azurite did not start on port ${port}:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const down = async (): Promise<void> => {
    const c = child;
    child = null;
    if (!c) return;
    c.kill('SIGCONT'); // a paused process cannot handle SIGTERM
    c.kill('SIGTERM');
    // It closes once its clients' keep-alive sockets go; do not wait for that forever.
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited(c);
    clearTimeout(timer);
  };

  await launch();
  return {
    port,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1`,
    down,
    restart: async () => {
      await down();
      await launch();
    },
    stop: async () => {
      const c = child;
      child = null;
      if (c) {
        c.kill('SIGKILL');
        await exited(c);
      }
      fs.rmSync(location, { recursive: true, force: true });
    },
    pause: () => { child?.kill('SIGSTOP'); },
    resume: () => { child?.kill('SIGCONT'); },
  };
}
