// The structured log: JSON lines with a level, an event and the turn they belong to, filtered by
// LOG_LEVEL, and never what the admin typed or pasted. Checked on the logger itself and on the real
// server process over HTTP.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { inTurn, log, parseLogLevel, setLogLevel, setLogWriter, type LogLevel } from '../../src/dialogs/logger';
import { message } from '../helpers/activities';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector } from '../helpers/fakeConnector';
import { fixture, repoRoot } from '../helpers/fixtures';

type Line = Record<string, unknown>;
const jsonLines = (text: string): Line[] => text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Line);

describe('structured log: the logger', () => {
  let lines: { level: LogLevel; line: string }[] = [];
  let restore: ReturnType<typeof setLogWriter>;
  beforeEach(() => {
    lines = [];
    restore = setLogWriter((level, line) => lines.push({ level, line }));
    setLogLevel('info');
  });
  afterEach(() => {
    setLogWriter(restore);
    setLogLevel('info');
  });

  it('writes one JSON object per line with time, level, event, the turn it ran in, and the fields given', async () => {
    await inTurn('act-77', async () => {
      await Promise.resolve();
      log.warn('helpdesk.card-update-failed', { ticket: 'IRM-3', status: 503 }, new Error('connector said no'));
    });
    log.info('server.listening', { port: 3978 });
    assert.strictEqual(lines.length, 2);
    const [a, b] = lines.map((l) => JSON.parse(l.line) as Line);
    assert.deepStrictEqual({ ...a, time: undefined, stack: undefined }, {
      time: undefined, stack: undefined, level: 'warn', event: 'helpdesk.card-update-failed', turn: 'act-77', ticket: 'IRM-3', status: 503, error: 'connector said no', errorType: 'Error',
    });
    assert.match(String(a!.time), /^\d{4}-\d\d-\d\dT/);
    assert.strictEqual(b!.turn, undefined, 'outside a turn there is no turn id');
    assert.ok(lines.every((l) => !l.line.includes('\n')));
  });

  it('keeps to LOG_LEVEL, and cuts any field to 300 characters so a paste can never land in the log whole', () => {
    setLogLevel('warn');
    log.debug('turn.start');
    log.info('server.listening');
    log.error('storage.failed', { detail: 'x'.repeat(5000) });
    assert.deepStrictEqual(lines.map((l) => l.level), ['error']);
    assert.ok(String((JSON.parse(lines[0]!.line) as Line).detail).length <= 301);
  });

  it('reads LOG_LEVEL: the four levels in any case, info by default, anything else refused naming the variable', () => {
    assert.strictEqual(parseLogLevel(undefined), 'info');
    assert.strictEqual(parseLogLevel(' DEBUG '), 'debug');
    assert.strictEqual(parseLogLevel('error'), 'error');
    assert.throws(() => parseLogLevel('verbose'), /LOG_LEVEL must be one of debug, info, warn, error \(got "verbose"\)/);
  });
});

describe('structured log: the server with LOG_LEVEL=debug', function () {
  this.timeout(30000);
  const connector = new FakeConnector();
  const bot = new BotProcess({ LOG_LEVEL: 'debug' });
  before(async () => {
    await connector.start();
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('logs each turn with its level and turn id, and nothing the admin typed or pasted', async () => {
    const conversationId = 'a:log-1';
    const typed = 'zebra-crossing-password-hunter2';
    const pasted = fixture('irm-test', 'warning-irm-disabled.txt');
    const turns = [
      { ...message({ serviceUrl: connector.url, conversationId, text: '1' }), id: 'turn-log-1' },
      { ...message({ serviceUrl: connector.url, conversationId, text: `${typed} is my answer` }), id: 'turn-log-2' },
      { ...message({ serviceUrl: connector.url, conversationId, text: pasted }), id: 'turn-log-3' },
    ];
    for (const [i, a] of turns.entries()) {
      assert.strictEqual((await bot.post(a)).status, 200);
      await connector.waitForActivities(conversationId, i + 1);
    }
    const lines = jsonLines(bot.output);
    assert.ok(lines.some((l) => l.level === 'info' && l.event === 'server.listening' && /listening on http/.test(String(l.message))), 'the start-up line is structured too');
    for (const id of ['turn-log-1', 'turn-log-2', 'turn-log-3']) {
      const mine = lines.filter((l) => l.turn === id);
      assert.ok(mine.length > 0, `a line for ${id}`);
      for (const l of mine) assert.ok(typeof l.level === 'string' && typeof l.event === 'string', JSON.stringify(l));
    }
    assert.ok(!bot.output.includes(typed), 'what the admin typed is not logged');
    for (const line of pasted.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 12)) {
      assert.ok(!bot.output.includes(line), `pasted output is not logged: ${line}`);
    }
  });
});

describe('structured log: LOG_LEVEL at start-up', () => {
  it('an unknown level stops the bot with a message naming the variable (exit 2)', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist/src/bot/index.js')], {
      env: { ...process.env, LOG_LEVEL: 'verbose', PORT: '0', STORAGE: 'memory' }, encoding: 'utf8', timeout: 20000,
    });
    assert.strictEqual(r.status, 2, r.stderr);
    // A plain line for the person starting the bot, not a JSON record with escaped quotes.
    assert.match(r.stderr, /^Configuration error: LOG_LEVEL must be one of debug, info, warn, error \(got "verbose"\)$/m);
    assert.strictEqual(r.stderr.trim().split('\n').filter((l) => l.startsWith('Configuration error')).length, 1);
  });
});
