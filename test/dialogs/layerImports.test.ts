// Imports go one way, bot -> dialogs -> cards -> engine, and only src/bot (the host) may use the Bot
// Framework SDK (or any other host SDK), so a second host on the Microsoft 365 Agents SDK shares the
// engine, the cards and the conversation. Checked here on the real ESLint configuration.
import * as assert from 'assert';
import * as path from 'path';
import { repoRoot } from '../helpers/fixtures';

interface LintMessage { ruleId: string | null; message: string }
interface LintResult { messages: LintMessage[] }
interface ESLintLike { lintText(code: string, opts: { filePath: string }): Promise<LintResult[]> }

describe('one direction through the layers (lint rule)', function () {
  this.timeout(30000);
  let eslint: ESLintLike;
  before(async () => {
    const { ESLint } = (await import('eslint')) as unknown as { ESLint: new (o: { cwd: string }) => ESLintLike };
    eslint = new ESLint({ cwd: repoRoot });
  });

  const restricted = async (file: string, from: string): Promise<string[]> =>
    (await eslint.lintText(`import * as x from '${from}';\nexport const y = x;\n`, { filePath: path.join(repoRoot, file) }))[0]!.messages
      .filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

  const upward: [string, string][] = [
    ['src/dialogs/example.ts', '../bot/irmDoctorBot'],
    ['src/dialogs/ports/example.ts', '../../bot/storage/recordStore'],
    ['src/dialogs/example.ts', '../bot'],
    ['src/cards/example.ts', '../dialogs/outbound'],
    ['src/cards/example.ts', '../bot/teamsTurn'],
    ['src/engine/example.ts', '../cards/cards'],
    ['src/engine/rules/example.ts', '../../dialogs/routeTable'],
    ['src/engine/flow/example.ts', '../../bot/server'],
  ];
  for (const [file, from] of upward) {
    it(`rejects ${from} in ${file}`, async () => {
      const msgs = await restricted(file, from);
      assert.strictEqual(msgs.length, 1, JSON.stringify(msgs));
      assert.match(msgs[0]!, /one way/);
    });
  }

  for (const layer of ['src/dialogs', 'src/cards']) {
    for (const mod of ['botbuilder', 'botbuilder-dialogs', 'botframework-connector', '@microsoft/agents-hosting', 'restify', '@azure/storage-blob']) {
      it(`rejects ${mod} in ${layer}`, async () => {
        assert.strictEqual((await restricted(`${layer}/example.ts`, mod)).length, 1);
      });
    }
  }

  it('allows every downward import, and the SDK in src/bot', async () => {
    const allowed: [string, string][] = [
      ['src/bot/example.ts', 'botbuilder'],
      ['src/bot/example.ts', '../dialogs/routeTable'],
      ['src/bot/storage/example.ts', '../../dialogs/conversationRecord'],
      ['src/dialogs/example.ts', '../cards/cards'],
      ['src/dialogs/ports/example.ts', '../../engine/case/caseTypes'],
      ['src/cards/example.ts', '../engine/types'],
      ['src/cards/example.ts', 'adaptivecards-templating'],
      ['src/engine/rules/example.ts', '../diagnose'],
    ];
    for (const [file, from] of allowed) assert.deepStrictEqual(await restricted(file, from), [], `${from} in ${file}`);
  });
});
