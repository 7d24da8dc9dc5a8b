// Scale-out: two real bot processes share one Azure Blob storage (Azurite), and a Teams
// conversation whose turns land on either instance keeps its case. A storage outage in the middle
// tells the user "temporarily unavailable" and, once the storage is back, the case goes on where it was.
import * as assert from 'assert';
import { UNAVAILABLE_TEXT } from '../../src/bot/irmDoctorBot';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { BotProcess } from '../helpers/botProcess';
import { ChatDriver, textOf } from '../helpers/chatDriver';
import { FakeConnector } from '../helpers/fakeConnector';
import { fixture } from '../helpers/fixtures';

describe('scale-out: two bot processes on one Azure Blob storage', function () {
  this.timeout(60000);
  const connector = new FakeConnector();
  let az: Azurite;
  let bots: BotProcess[] = [];
  let n = 0;
  /** A conversation whose every turn goes to the other instance than the one before. */
  const alternating = (): ChatDriver => {
    let turn = 0;
    return new ChatDriver(() => bots[turn++ % 2]!, connector, `a:scale-${++n}`);
  };

  before(async () => {
    az = await startAzurite();
    await connector.start();
    const env = {
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: az.connectionString,
      AZURE_STORAGE_ACCOUNT_URL: '',
      AZURE_STORAGE_CONTAINER: `scale-${Date.now().toString(36)}`,
    };
    bots = [new BotProcess(env), new BotProcess(env)];
    await Promise.all(bots.map((b) => b.start()));
  });
  after(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await connector.stop();
    await az?.stop();
  });

  it('a conversation alternating between the instances keeps its case to the resolution', async () => {
    const c = alternating();
    assert.match(textOf(await c.say('start')), /What is the problem\?/);
    assert.match(textOf(await c.say('1')), /Outlook/);
    assert.match(textOf(await c.say('yes')), /One user or one piece of content\?/);
    assert.match(textOf(await c.say('no')), /Test-IRMConfiguration -Sender/);
    const r = textOf(await c.say(fixture('irm-test', 'warning-irm-disabled.txt')));
    assert.ok(r.includes('Set-IRMConfiguration -InternalLicensingEnabled $true'), r);
    assert.match(r, /Turn IRM on/);
    assert.match(textOf(await c.say('yes')), /Resolved/);
  });

  it('storage down mid-conversation: "temporarily unavailable", then the case goes on at the same step', async () => {
    const c = alternating();
    assert.match(textOf(await c.say('start')), /What is the problem\?/);
    assert.match(textOf(await c.say('1')), /Outlook/);
    await az.down();
    try {
      // Both instances answer, quickly enough for Teams, and neither loses the step.
      assert.strictEqual(textOf(await c.say('yes')), UNAVAILABLE_TEXT);
      assert.strictEqual(textOf(await c.say('yes')), UNAVAILABLE_TEXT);
    } finally {
      await az.restart();
    }
    assert.match(textOf(await c.say('yes')), /One user or one piece of content\?/);
    assert.match(textOf(await c.say('no')), /Test-IRMConfiguration -Sender/);
  });
});
