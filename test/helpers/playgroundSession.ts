// The bot, the Microsoft 365 Agents Playground (a local Teams emulator) and headless Chromium driven
// by playwright-core, for end-to-end tests that assert on what the page shows a person.
// `usePlaygroundSession()` registers the mocha hooks in the calling describe(): before() starts all
// three (or skips, saying why, where /usr/bin/chromium or the playground package is missing),
// afterEach() screenshots a failed test, after() ends every process it started, even after a failure.
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { BotProcess } from './botProcess';
import { repoRoot } from './fixtures';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// As root on a machine with no network but loopback: no sandbox, and nothing in the background
// that would try to reach Google's hosts.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
export const PLAYGROUND_CLI = path.join(repoRoot, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

/** Waits for a locator to be visible; fails with what the page should have shown. */
export async function expectVisible(locator: Locator, what: string, timeout = 20000): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch {
    assert.fail(`the page does not show ${what} (after ${timeout} ms)`);
  }
}

/** The last Adaptive Card on the page that shows `text` (the newest, when a step repeats). */
export function cardWith(page: Page, text: string): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
}

/** A card's text as the page renders it (what a person selects and copies), one entry per line. */
export async function renderedLines(card: Locator): Promise<string[]> {
  return (await card.innerText()).split('\n').map((l) => l.replace(/\u00a0/g, ' ').trimEnd());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The Agents Playground as a child process in its own process group (so stop() can end all of it). */
export class Playground {
  child: ChildProcess | null = null;
  output = '';
  port = 0;

  async start(endpoint: string, home: string, timeoutMs = 30000): Promise<void> {
    const wanted = await freePort();
    const child = spawn(process.execPath, [
      PLAYGROUND_CLI, '-e', endpoint, '-c', 'msteams', '-p', String(wanted), '--disable-telemetry',
    ], {
      // Its log goes to ./devTools/ (git-ignored); HOME is a scratch folder in case it keeps settings.
      cwd: repoRoot,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', HOME: home, USERPROFILE: home },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`playground did not start in ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const onData = (d: Buffer): void => {
        this.output += d.toString();
        // It falls back to a random port when the one asked for is taken: read the real one.
        const m = /Listening on (\d+)/.exec(this.output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (e) => { clearTimeout(timer); reject(e); });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`playground exited with ${code} before listening:\n${this.output}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const killGroup = (signal: NodeJS.Signals): void => {
      try { process.kill(-child.pid!, signal); } catch { /* already gone */ }
    };
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export interface PlaygroundSessionOptions {
  /** Where the screenshots go (emptied first), e.g. test-output/playground. */
  shotsDir: string;
  /** Extra environment for the bot (STORAGE=memory unless given). */
  botEnv?: Record<string, string>;
}

export interface PlaygroundSession {
  readonly bot: BotProcess;
  readonly playground: Playground;
  /** The Chromium page (set once before() has run). */
  readonly page: Page;
  /** A numbered screenshot of the page; returns its path. */
  snap(name: string): Promise<string>;
  /**
   * Loads the playground and waits for its chat list. Each page load starts the playground's
   * conversations afresh (it re-sends the install events and shows no earlier messages), so a test
   * does its whole walk in one load.
   */
  open(): Promise<void>;
}

/** Registers before/afterEach/after in the calling describe() and returns the session they fill. */
export function usePlaygroundSession(opts: PlaygroundSessionOptions): PlaygroundSession {
  const bot = new BotProcess({ STORAGE: 'memory', ...opts.botEnv });
  const playground = new Playground();
  let scratch = '';
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  let shot = 0;

  const session: PlaygroundSession = {
    bot,
    playground,
    get page(): Page {
      if (!page) throw new Error('the playground session has not started');
      return page;
    },
    async snap(name: string): Promise<string> {
      const file = path.join(opts.shotsDir, `${String(++shot).padStart(2, '0')}-${name}.png`);
      await session.page.screenshot({ path: file });
      return file;
    },
    async open(): Promise<void> {
      const p = session.page;
      // The page is ready after ~10 s (more on a machine's first Chromium start); the bot's welcome
      // card comes with the playground's install event.
      await p.goto(`http://127.0.0.1:${playground.port}/`, { timeout: 60000 });
      await p.getByRole('treeitem', { name: 'Personal Chat' }).waitFor({ state: 'visible', timeout: 60000 });
      // More room for the chat: the playground's own log panel is not what a user reads.
      const hideLog = p.getByTitle('Hide log panel');
      if (await hideLog.isVisible()) await hideLog.click();
    },
  };

  before(async function () {
    // The bot, the playground and Chromium start one after the other. On a fresh CI machine this is
    // Chromium's first start (font and profile caches built from nothing): far slower than here.
    this.timeout(180000);
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`      skipped: ${CHROMIUM} is not installed (apt-get install chromium), so the Agents Playground test cannot run`);
      this.skip();
    }
    if (!fs.existsSync(PLAYGROUND_CLI)) {
      console.log(`      skipped: ${path.relative(repoRoot, PLAYGROUND_CLI)} is missing (run npm install)`);
      this.skip();
    }
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-playground-'));
    fs.mkdirSync(path.join(scratch, 'home'));
    fs.mkdirSync(path.join(scratch, 'chromium-profile'));
    fs.rmSync(opts.shotsDir, { recursive: true, force: true });
    fs.mkdirSync(opts.shotsDir, { recursive: true });

    await bot.start();
    await playground.start(`${bot.url}/api/messages`, path.join(scratch, 'home'), 60000);
    context = await chromium.launchPersistentContext(path.join(scratch, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, HOME: path.join(scratch, 'home') } as Record<string, string>,
      viewport: { width: 1280, height: 1000 },
      timeout: 60000,
    });
    page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(20000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await session.snap('failed').catch(() => undefined);
  });

  after(async function () {
    this.timeout(30000);
    // Each step on its own, so one failure does not leave the others running.
    if (context) await context.close().catch((e: unknown) => console.error('closing chromium:', e));
    context = null;
    page = null;
    await playground.stop().catch((e: unknown) => console.error('stopping the playground:', e));
    await bot.stop().catch((e: unknown) => console.error('stopping the bot:', e));
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  return session;
}
