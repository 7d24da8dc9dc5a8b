// The troubleshooting conversation end to end, as an Exchange admin lives it in Teams: the real
// server process, a fake Bot Connector on loopback, realistic pastes, typed answers and card clicks,
// and a `kill -9` in the middle of a case.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeEachHost } from '../helpers/botHosts';
import { BotProcess } from '../helpers/botProcess';
import { FakeConnector } from '../helpers/fakeConnector';
import { ChatDriver, submitsIn, textOf } from '../helpers/chatDriver';
import { fixture } from '../helpers/fixtures';
import { makeEventLogDump } from '../helpers/eventLogGenerator';

describeEachHost('troubleshooting conversation over HTTP', function (host) {
  this.timeout(60000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-conv-'));
  const connector = new FakeConnector();
  let bot = new BotProcess({ BOT_HOST: host, STORAGE: 'sqlite', DATA_DIR: dataDir });
  let n = 0;
  const chat = (extra = {}): ChatDriver => new ChatDriver(() => bot, connector, `a:conv-${++n}`, extra);

  before(async () => {
    await connector.start();
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('branch A by typed answers to a resolution, surviving kill -9 mid-case', async () => {
    const c = chat();
    assert.match(textOf(await c.install()), /Users cannot use Exchange IRM features, like OWA/);
    assert.match(textOf(await c.say('start')), /What is the problem\?/);
    let r = await c.say('1');
    assert.match(textOf(r), /Outlook/);
    r = await c.say('yes');
    assert.match(textOf(r), /One user or one piece of content\?/);
    r = await c.say('n');
    assert.match(textOf(r), /Test-IRMConfiguration -Sender/);

    // Something unreadable re-prompts and leaves the step where it was.
    r = await c.say('I ran it but I am not sure what it says\nit printed a lot');
    assert.match(textOf(r), /could not use that output/i);
    assert.match(textOf(r), /Test-IRMConfiguration/);

    r = await c.say(fixture('irm-test', 'warning-irm-disabled.txt'));
    const text = textOf(r);
    assert.ok(text.includes('Set-IRMConfiguration -InternalLicensingEnabled $true'), text);
    assert.match(text, /Turn IRM on/);

    // Crash the server (no clean shutdown), start it again on the same data, and carry on.
    await bot.stop('SIGKILL');
    bot = new BotProcess({ BOT_HOST: host, STORAGE: 'sqlite', DATA_DIR: dataDir });
    await bot.start();

    r = await c.say('summary');
    assert.match(textOf(r), /Run Test-IRMConfiguration/);
    r = await c.say('yes');
    assert.match(textOf(r), /Resolved/);
  });

  it('branch B by card clicks and pastes, to its end (logs collected, escalation)', async () => {
    const c = chat();
    let r = await c.install();
    r = await c.click(/admin cannot enable/i, r);
    assert.match(textOf(r), /Test-IRMConfiguration/);
    r = await c.say(fixture('irm-test', 'kb2805976-use-license.txt'));
    assert.match(textOf(r), /Get-IRMConfiguration/);
    r = await c.say(fixture('irm-configuration', 'seed-healthy.txt'));
    assert.match(textOf(r), /Get-WinEvent/);
    r = await c.say(fixture('connector-events', 'winevent-list.txt'));
    assert.match(textOf(r), /2001/);
    assert.match(textOf(r), /Authorise the Exchange servers/);
    r = await c.click(/still failing/i, r);
    assert.match(textOf(r), /Is one server different\?/);
    r = await c.click(/^No/, r);
    r = await c.click(/look right/i, r);
    r = await c.click(/^No/, r);
    assert.match(textOf(r), /certutil -verify -urlfetch/);
    r = await c.say(fixture('certificate-check', 'ok.txt'));
    assert.match(textOf(r), /Mode 2/);
    r = await c.click(/nothing to change/i, r);
    r = await c.click(/Yes, collect/i, r);
    for (let i = 0; i < 10 && submitsIn(r.at(-1)!).some((s) => s.title === 'Done'); i++) r = await c.click(/^Done$/, r);
    assert.match(textOf(r), /support ticket/i);
    const summary = textOf(await c.say('summary'));
    assert.match(summary, /2001/);
  });

  it('ignores a click on a card from an earlier step and shows where the case is', async () => {
    const c = chat();
    const welcome = await c.install();
    const first = await c.click(/Users cannot use/i, welcome);
    await c.say('yes');
    const r = await c.click(/^Yes/, first); // the A1 card again
    assert.match(textOf(r), /earlier step/);
    assert.match(textOf(r), /One user or one piece of content\?/);
  });

  it('diagnoses a paste before any symptom is chosen and keeps its facts for the case', async () => {
    const c = chat();
    let r = await c.say(fixture('bot', 'irmconfig-licensing-off.txt'));
    assert.ok(textOf(r).includes('Set-IRMConfiguration -InternalLicensingEnabled $true'));
    assert.match(textOf(r), /pick your symptom/i);
    r = await c.say('summary');
    assert.match(textOf(r), /7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b\.rms\.na\.aadrm\.com/);
  });

  it('restart starts a fresh case; summary last shows the old one', async () => {
    const c = chat();
    await c.say('2');
    await c.say(fixture('irm-test', 'kb2805976-use-license.txt'));
    assert.match(textOf(await c.say('restart')), /fresh case/);
    assert.match(textOf(await c.say('summary')), /no case yet|What is the problem/i);
    assert.match(textOf(await c.say('summary last')), /Run Test-IRMConfiguration/);
  });

  it('reads an uploaded .txt file in 1:1 chat and refuses one over 5 MB', async () => {
    const c = chat();
    connector.files.set('irm.txt', Buffer.from(fixture('bot', 'irmconfig-licensing-off.txt')));
    connector.files.set('huge.log', Buffer.alloc(6 * 1024 * 1024, 'a'));
    const file = (name: string): Record<string, unknown> => ({
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name,
      content: { downloadUrl: `${connector.url}files/${name}`, uniqueId: name, fileType: name.split('.').pop() },
    });
    let r = await c.say('', { attachments: [file('irm.txt')] });
    assert.ok(textOf(r).includes('Set-IRMConfiguration -InternalLicensingEnabled $true'), textOf(r));
    r = await c.say('', { attachments: [file('huge.log')] });
    assert.match(textOf(r), /larger than 5 MB/);
    // A whole Application log of ~1 MB: the connector's events are picked out and the card fits in a message.
    connector.files.set('Application.log', Buffer.from(makeEventLogDump(1024 * 1024)));
    r = await c.say('', { attachments: [file('Application.log')] });
    assert.match(textOf(r), /RMS connector event log/i);
    r = await c.say('', { attachments: [file('picture.png')] });
    assert.match(textOf(r), /\.txt, \.reg, \.csv, \.xml and \.log/);
  });

  it('answers an @mention in a channel after removing the mention', async () => {
    const c = chat({ conversationType: 'channel' });
    const r = await c.say('<at>IRM Doctor</at> help', { html: '<p><at>IRM Doctor</at> help</p>' });
    assert.match(textOf(r), /What is the problem\?/);
  });

  it('kept every message it sent in these conversations under 28 KB', () => {
    const sizes = connector.activities().map((a) => Buffer.byteLength(JSON.stringify(a), 'utf8'));
    assert.ok(sizes.length > 40, `only ${sizes.length} messages seen`);
    assert.ok(Math.max(...sizes) < 28 * 1024, `largest message ${Math.max(...sizes)} bytes`);
  });

  it('rejects a forged card value with a clear message', async () => {
    const c = chat();
    const r = await c.submit({ irm: 'answer', caseId: '../../etc/passwd', nodeId: 'x', optionId: 'y' });
    assert.match(textOf(r), /could not read what that button sent/);
  });
});
