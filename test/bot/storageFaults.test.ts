// Storage faults as a user and an operator see them: a full SQLite file mid-conversation (the error
// passes through botbuilder-dialogs, which wraps it), /healthz while storage fails, and a DATA_DIR
// that cannot be used at start-up.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector } from '../helpers/fakeConnector';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { makeEventLogDump } from '../helpers/eventLogGenerator';
import { StoreUnavailableError } from '../../src/bot/storage/recordStore';
import { storeFailureIn } from '../../src/bot/storage/storeFailure';

describe('storage faults over HTTP', function () {
  this.timeout(60000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-full-'));
  const connector = new FakeConnector();
  // A 1 MB cap: the file is "full" after a dozen large pastes, as a full disk would be.
  const bot = new BotProcess({ STORAGE: 'sqlite', DATA_DIR: dataDir, SQLITE_MAX_MB: '1' });

  before(async () => {
    await connector.start();
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('SQLite full in the middle of a case: "temporarily unavailable", and /healthz says 503', async () => {
    assert.strictEqual((await fetch(`${bot.url}/healthz`)).status, 200);
    const c = new ChatDriver(() => bot, connector, 'a:full-1');
    await c.say('1');
    const paste = makeEventLogDump(100 * 1024);
    let failure = '';
    for (let i = 0; i < 60 && !failure; i++) {
      const t = textOf(await c.say(paste));
      if (/temporarily unavailable|something went wrong/i.test(t)) failure = t;
    }
    assert.ok(failure, 'the store never filled up');
    assert.match(failure, /IRM Doctor is temporarily unavailable \(its storage did not answer\)\. Nothing you sent before was lost; please try again/);
    assert.doesNotMatch(failure, /something went wrong/);
    const health = await fetch(`${bot.url}/healthz`);
    assert.strictEqual(health.status, 503);
    assert.match(JSON.stringify(await health.json()), /full/i);
  });

  it('a DATA_DIR that cannot be used: one line naming DATA_DIR, exit code 2, no stack trace', async () => {
    const broken = new BotProcess({ STORAGE: 'sqlite', DATA_DIR: '/dev/null/irm-doctor' });
    const err = await broken.start().then(() => null, (e: Error) => e);
    await broken.stop();
    assert.ok(err, 'the bot must not start');
    assert.match(err.message, /bot exited with 2 before listening/);
    assert.match(err.message, /Configuration error: DATA_DIR "\/dev\/null\/irm-doctor" cannot hold the database/);
    assert.doesNotMatch(err.message, /\n\s+at /, 'no stack trace');
  });
});

describe('storeFailureIn', () => {
  it('finds the storage failure inside what botbuilder-dialogs and others wrap around it', () => {
    const full = new StoreUnavailableError('SQLite store failed: database or disk is full');
    assert.strictEqual(storeFailureIn(full), full);
    // botbuilder-dialogs' DialogContextError keeps the original in `error`.
    const dialog = Object.assign(new Error(full.message), { name: 'DialogContextError', error: full });
    assert.strictEqual(storeFailureIn(dialog), full);
    assert.strictEqual(storeFailureIn(new Error('outer', { cause: dialog })), full);
    assert.strictEqual(storeFailureIn(new Error('database or disk is full')), undefined);
    const loop: { error?: unknown } = {};
    loop.error = loop;
    assert.strictEqual(storeFailureIn(loop), undefined);
  });
});
