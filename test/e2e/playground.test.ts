// The troubleshooting conversation in a real Teams-like client: the bot process, the Microsoft 365
// Agents Playground (which renders Adaptive Cards the way Teams does) and headless Chromium driven
// by playwright-core. Every assertion is on what the page shows a person, not on HTTP traffic.
// Screenshots of each stage go to test-output/playground/; when the whole walk passes, the most
// telling one is copied to docs/screenshot-conversation.png (shown by the README).
// Skipped, with a message, where Debian's chromium (/usr/bin/chromium) is not installed.
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { BotProcess } from '../helpers/botProcess';
import { fixture, repoRoot } from '../helpers/fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// As root on a machine with no network but loopback: no sandbox, and nothing in the background
// that would try to reach Google's hosts.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const PLAYGROUND_CLI = path.join(repoRoot, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const SHOTS = path.join(repoRoot, 'test-output', 'playground');
const DOC_SHOT = path.join(repoRoot, 'docs', 'screenshot-conversation.png');

const SYMPTOM_A = 'Users cannot use Exchange IRM features, like OWA';
const SYMPTOM_B = 'The admin cannot enable the IRM integration in Exchange';

/** Waits for a locator to be visible; fails with what the page should have shown. */
async function expectVisible(locator: Locator, what: string, timeout = 20000): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch {
    assert.fail(`the page does not show ${what} (after ${timeout} ms)`);
  }
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

/** The Agents Playground as a child process in its own process group (so after() can end all of it). */
class Playground {
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

describe('troubleshooting conversation in the Agents Playground (headless Chromium)', function () {
  this.timeout(60000);
  const bot = new BotProcess({ STORAGE: 'memory' });
  const playground = new Playground();
  let scratch = '';
  let context: BrowserContext | null = null;
  let page: Page;
  let shot = 0;

  const snap = async (name: string): Promise<string> => {
    const file = path.join(SHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };

  before(async function () {
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
    fs.rmSync(SHOTS, { recursive: true, force: true });
    fs.mkdirSync(SHOTS, { recursive: true });

    await bot.start();
    await playground.start(`${bot.url}/api/messages`, path.join(scratch, 'home'));
    context = await chromium.launchPersistentContext(path.join(scratch, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, HOME: path.join(scratch, 'home') } as Record<string, string>,
      viewport: { width: 1280, height: 1000 },
      timeout: 30000,
    });
    page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(20000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && context) await snap('failed').catch(() => undefined);
  });

  after(async function () {
    this.timeout(30000);
    // Each step on its own, so one failure does not leave the others running.
    if (context) await context.close().catch((e: unknown) => console.error('closing chromium:', e));
    context = null;
    await playground.stop().catch((e: unknown) => console.error('stopping the playground:', e));
    await bot.stop().catch((e: unknown) => console.error('stopping the bot:', e));
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('walks branch A by card clicks and a pasted Test-IRMConfiguration to "Turn IRM on"', async function () {
    this.timeout(90000);
    // The page is ready after ~10 s; the bot's welcome card comes with the playground's install event.
    await page.goto(`http://127.0.0.1:${playground.port}/`, { timeout: 30000 });
    await page.getByRole('treeitem', { name: 'Personal Chat' }).click({ timeout: 40000 });
    // More room for the chat: the playground's own log panel is not what a user reads.
    const hideLog = page.getByTitle('Hide log panel');
    if (await hideLog.isVisible()) await hideLog.click();

    // 1. The welcome card, with both symptoms as buttons.
    const symptomA = page.getByRole('button', { name: SYMPTOM_A, exact: true }).last();
    await expectVisible(symptomA, `the welcome card's button "${SYMPTOM_A}"`, 40000);
    await expectVisible(page.getByRole('button', { name: SYMPTOM_B, exact: true }).last(), `the button "${SYMPTOM_B}"`);
    await expectVisible(page.getByText('What is the problem?').last(), 'the welcome question');
    await snap('welcome');

    // 2. Branch A, step A1: Outlook can open it.
    await symptomA.click();
    await expectVisible(page.getByText('Step A1: Can the user open it in Outlook?').last(), 'step A1');
    await snap('step-a1');
    await page.getByRole('button', { name: /^Yes, Outlook opens it/ }).last().click();

    // 3. Step A2: several users, not one.
    await expectVisible(page.getByText('Step A2: One user or one piece of content?').last(), 'step A2');
    await snap('step-a2');
    await page.getByRole('button', { name: /^No, several users/ }).last().click();

    // 4. Step A3: run Test-IRMConfiguration and paste the result into the compose box.
    await expectVisible(page.getByText('Step A3: Run Test-IRMConfiguration').last(), 'step A3');
    await snap('step-a3');
    const compose = page.getByRole('textbox').last();
    await compose.click();
    // insertText puts the text in the compose box with its line breaks, and the playground sends
    // them. (A clipboard paste, Ctrl+V, is sent by playground 0.2.28 with its line breaks removed.)
    await page.keyboard.insertText(fixture('irm-test', 'warning-irm-disabled.txt'));
    await snap('pasted');
    await page.getByRole('button', { name: 'Send Message' }).click();

    // 5. The diagnosis card and the next step. The fix command must be on the bot's cards: the
    // pasted text breaks "Set-IRMConf" / "iguration" across two lines, so it cannot match.
    await expectVisible(page.getByText('I read this as: Test-IRMConfiguration output').last(), 'the diagnosis card');
    const problem = page.getByText('IRM is switched off (InternalLicensingEnabled is False), so the test only reports WARNING.').last();
    await problem.scrollIntoViewIfNeeded({ timeout: 5000 }).catch(() => undefined);
    await snap('diagnosis');
    await expectVisible(problem, 'the problem found on the diagnosis card', 5000);
    await expectVisible(page.getByText('Step A3: Turn IRM on').last(), 'the step "Turn IRM on"');
    await expectVisible(page.getByRole('button', { name: /^Yes, it works now/ }).last(), 'the answers of "Turn IRM on"');
    await page.getByText('Step A3: Turn IRM on').last().scrollIntoViewIfNeeded();
    const final = await snap('turn-irm-on');
    await expectVisible(page.getByText(/Set-IRMConfiguration -InternalLicensingEnabled \$true/).first(),
      'the fix command "Set-IRMConfiguration -InternalLicensingEnabled $true" on a card', 5000);

    assert.ok(final);

    // For the README: a taller window with the end of the paste, the diagnosis and the next step.
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.getByText('I read this as: Test-IRMConfiguration output').last().evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (p.scrollHeight > p.clientHeight + 1 && el.ownerDocument.defaultView?.getComputedStyle(p).overflowY !== 'visible') {
          p.scrollTop -= 100;
          break;
        }
      }
    });
    const conversation = await snap('conversation');
    fs.mkdirSync(path.dirname(DOC_SHOT), { recursive: true });
    fs.copyFileSync(conversation, DOC_SHOT);
  });
});
