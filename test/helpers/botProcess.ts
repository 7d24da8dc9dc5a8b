// Starts the real bot (`node dist/src/bot/index.js`) as a child process on a free port, the way
// `npm start` runs it, and talks to it over HTTP like the Bot Connector would.
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { repoRoot } from './fixtures';

export class BotProcess {
  private child: ChildProcess | null = null;
  port = 0;
  output = '';

  /**
   * @param env   extra environment (PORT=0, HOST=127.0.0.1, STORAGE=memory and CONNECTOR_RETRY_BASE_MS=0
   *              unless overridden: a retried Bot Connector call is retried at once, so no test waits out
   *              back-off; the waits themselves are asserted in connectorTransport.test and backoff.test)
   * @param opts  `entry`: another compiled server to start (the benchmark's echo bot); `port`: a fixed port
   */
  constructor(private readonly env: Record<string, string> = {}, private readonly opts: { entry?: string; port?: number } = {}) {}

  /** The child's process id (for RSS readings), or undefined when not running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 30000): Promise<this> {
    const entry = this.opts.entry ?? path.join(repoRoot, 'dist', 'src', 'bot', 'index.js');
    this.output = '';
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: String(this.opts.port ?? 0), HOST: '127.0.0.1', STORAGE: 'memory', CONNECTOR_RETRY_BASE_MS: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bot did not start in ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const onData = (d: Buffer): void => {
        this.output += d.toString();
        const m = /listening on http:\/\/[^:]+:(\d+)\//.exec(this.output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => { this.output += d.toString(); });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bot exited with ${code} before listening:\n${this.output}`));
      });
    });
    return this;
  }

  /** Stops the process: SIGTERM for a clean stop, SIGKILL to simulate a crash (kill -9). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    this.child = null;
  }

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return this.postRaw(JSON.stringify(activity), headers);
  }

  async postRaw(body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    const res = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: await res.text() };
  }
}
