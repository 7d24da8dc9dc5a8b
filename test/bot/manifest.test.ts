// The commands Teams suggests (manifest commandLists) must be commands the bot understands.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { typedCommand } from '../../src/dialogs/commands';
import { repoRoot } from '../helpers/fixtures';

describe('Teams manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'manifest', 'manifest.json'), 'utf8'));
  const bot = manifest.bots[0];

  it('offers exactly the typed commands start, help, summary, restart, cancel, all understood by the bot', () => {
    const titles: string[] = bot.commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    assert.deepStrictEqual(titles, ['start', 'help', 'summary', 'restart', 'cancel']);
    for (const t of titles) assert.ok(typedCommand(t), `${t} is not understood`);
  });

  it('lets admins upload files in 1:1 chat and install the bot in all three scopes', () => {
    assert.strictEqual(bot.supportsFiles, true);
    assert.deepStrictEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.strictEqual(manifest.manifestVersion, '1.22');
  });
});
