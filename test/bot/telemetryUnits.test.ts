// The telemetry pieces on their own: hashing, the choice of sink from configuration, the guard that
// keeps free text out, and Application Insights pointed at a dead local endpoint (no network needed):
// it must neither crash nor hold up a shutdown.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../../src/bot/config';
import { GuardedTelemetry, REDACTED } from '../../src/bot/telemetry/guardedTelemetry';
import { DEFAULT_SALT, hashId } from '../../src/bot/telemetry/hashing';
import { readRecording, RecordingTelemetry } from '../../src/bot/telemetry/recordingTelemetry';
import { selectTelemetry } from '../../src/bot/telemetry/selectTelemetry';
import { NoTelemetry } from '../../src/bot/telemetry/telemetry';
import { withTelemetryScope } from '../../src/bot/telemetry/telemetryScope';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector } from '../helpers/fakeConnector';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { repoRoot } from '../helpers/fixtures';

/** Syntactically valid, pointing at a closed port on loopback: every send fails at once. */
const DEAD_CONNECTION = 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/';

describe('telemetry: hashing', () => {
  it('is sha256 of salt and id: stable, 32 hex characters, different per salt, empty for no id', () => {
    const a = hashId('29:user-1', 'salt-1');
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.strictEqual(hashId('29:user-1', 'salt-1'), a);
    assert.notStrictEqual(hashId('29:user-1', 'salt-2'), a);
    assert.notStrictEqual(hashId('29:user-2', 'salt-1'), a);
    assert.ok(!a.includes('user'));
    assert.strictEqual(hashId(null, 'salt-1'), '');
    assert.strictEqual(hashId('', 'salt-1'), '');
  });
});

describe('telemetry: choice of sink', () => {
  const cfg = (env: Record<string, string>) => loadConfig(env).telemetry;

  it('is off by default, with no warning', () => {
    const warnings: string[] = [];
    const s = selectTelemetry(cfg({}), (l) => warnings.push(l));
    assert.strictEqual(s.kind, 'none');
    assert.ok(s.telemetry.inner instanceof NoTelemetry);
    assert.deepStrictEqual(warnings, []);
  });

  it('is Application Insights with a connection string, and warns when TELEMETRY_SALT is missing', async () => {
    const warnings: string[] = [];
    const s = selectTelemetry(cfg({ APPLICATIONINSIGHTS_CONNECTION_STRING: DEAD_CONNECTION }), (l) => warnings.push(l));
    assert.strictEqual(s.kind, 'app-insights');
    assert.strictEqual(s.salt, DEFAULT_SALT);
    assert.match(warnings.join('\n'), /TELEMETRY_SALT/);
    s.telemetry.event('case.started', { branch: 'A' });
    s.telemetry.exception(new Error('boom at https://rmsconnector.woodfin.com'));
    const started = Date.now();
    await s.telemetry.close();
    assert.ok(Date.now() - started < 8000, `close took ${Date.now() - started} ms`);

    const salted = selectTelemetry(cfg({ APPLICATIONINSIGHTS_CONNECTION_STRING: DEAD_CONNECTION, TELEMETRY_SALT: 's3cret' }), (l) => warnings.push(l));
    assert.strictEqual(salted.salt, 's3cret');
    await salted.telemetry.close();
  });

  it('records to TELEMETRY_RECORD_FILE when set (it wins over a connection string)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'irm-telu-')), 't.jsonl');
    const s = selectTelemetry(cfg({ TELEMETRY_RECORD_FILE: file, APPLICATIONINSIGHTS_CONNECTION_STRING: DEAD_CONNECTION, TELEMETRY_SALT: 'x' }), () => undefined);
    assert.strictEqual(s.kind, 'recording');
    s.telemetry.event('case.resolved', { nodeId: 'A3.enable-irm' }, { ageMinutes: 12.5 });
    const [item] = readRecording(file);
    assert.deepStrictEqual(item && item.type === 'event' ? [item.name, item.props, item.measurements] : null, ['case.resolved', { nodeId: 'A3.enable-irm' }, { ageMinutes: 12.5 }]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

describe('telemetry: the guard', () => {
  it('drops values that look like free text, keeps ids, and adds the turn scope', async () => {
    const rec = new RecordingTelemetry();
    const t = new GuardedTelemetry(rec);
    await withTelemetryScope({ tenant: 'abc123', user: 'def456' }, async () => {
      t.event('paste', { kind: 'irm-test', ids: 'registry.activation-missing,registry.settings-ok', url: 'https://x.woodfin.com', mail: 'admin@woodfin.com', text: 'two\nlines', path: 'C:\\Users\\admin' });
    });
    t.event('bad name with spaces', {});
    assert.strictEqual(rec.items.length, 1);
    const item = rec.items[0]!;
    assert.deepStrictEqual(item.props, {
      tenant: 'abc123', user: 'def456', kind: 'irm-test', ids: 'registry.activation-missing,registry.settings-ok', url: REDACTED, mail: REDACTED, text: REDACTED, path: REDACTED,
    });
  });

  it('sends exceptions without their message (only the class, a code and the stack frames)', () => {
    const rec = new RecordingTelemetry();
    const e = Object.assign(new TypeError('cannot reach rmsconnector.woodfin.com for admin@woodfin.com: "pasted text"'), { code: 'ECONNREFUSED' });
    new GuardedTelemetry(rec).exception(e, { where: 'turn' });
    const item = rec.items[0]!;
    assert.ok(item.type === 'exception');
    const all = JSON.stringify(item);
    assert.ok(!/contoso|pasted/.test(all), all);
    assert.strictEqual(item.message, 'TypeError ECONNREFUSED');
    assert.match(item.stack, /\n\s+at /);
  });

  it('never lets a failing sink reach the caller', async () => {
    const t = new GuardedTelemetry({
      event: () => { throw new Error('sink down'); },
      exception: () => { throw new Error('sink down'); },
      flush: () => Promise.reject(new Error('sink down')),
    });
    const quiet = console.error;
    console.error = () => undefined;
    try {
      t.event('turn', {});
      t.exception(new Error('x'));
      await t.flush();
      await t.close();
    } finally {
      console.error = quiet;
    }
  });
});

describe('telemetry: Application Insights with an unreachable endpoint', function () {
  this.timeout(60000);

  it('a process that sends events and closes the client exits on its own, promptly', async () => {
    const script = `
      const { AppInsightsTelemetry } = require(${JSON.stringify(path.join(repoRoot, 'dist', 'src', 'bot', 'telemetry', 'appInsightsTelemetry.js'))});
      const t = new AppInsightsTelemetry(${JSON.stringify(DEAD_CONNECTION)});
      for (let i = 0; i < 50; i++) t.event('turn', { outcome: 'ok' }, { turnMs: i });
      t.exception(new Error('x'));
      t.flush().then(() => t.close()).then(() => console.log('closed'));
    `;
    const started = Date.now();
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`still running after 30 s: ${stdout}`)); }, 30000);
      child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout }); });
    });
    assert.strictEqual(out.code, 0);
    assert.match(out.stdout, /closed/);
    assert.ok(Date.now() - started < 20000, `took ${Date.now() - started} ms`);
  });

  it('the bot runs with it, answers, and stops on SIGTERM without waiting for the endpoint', async () => {
    const connector = await new FakeConnector().start();
    const bot = new BotProcess({ APPLICATIONINSIGHTS_CONNECTION_STRING: DEAD_CONNECTION, TELEMETRY_SALT: 'unit' });
    try {
      await bot.start(30000);
      const c = new ChatDriver(() => bot, connector, 'a:ai-1');
      assert.match(textOf(await c.say('1')), /Outlook/);
      const started = Date.now();
      await bot.stop();
      // Flushing to the dead endpoint is cut off after 3 s; the rest is slack for a loaded machine.
      assert.ok(Date.now() - started < 15000, `stop took ${Date.now() - started} ms:\n${bot.output}`);
      assert.doesNotMatch(bot.output, /"event":"turn\.failed"|Unhandled|uncaught/i, bot.output);
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});
