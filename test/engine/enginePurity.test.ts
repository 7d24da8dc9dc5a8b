// src/engine must stay pure so a port to the Microsoft 365 Agents SDK never touches it: the lint rule
// that enforces it is tested here, on the real ESLint configuration.
import * as assert from 'assert';
import * as path from 'path';
import { repoRoot } from '../helpers/fixtures';

interface LintMessage { ruleId: string | null; message: string }
interface LintResult { messages: LintMessage[] }
interface ESLintLike { lintText(code: string, opts: { filePath: string }): Promise<LintResult[]> }

describe('src/engine purity (lint rule)', function () {
  this.timeout(30000);
  let eslint: ESLintLike;
  before(async () => {
    // eslint ships as ESM-capable CJS; load it at run time so the build does not depend on its types.
    const { ESLint } = (await import('eslint')) as unknown as { ESLint: new (o: { cwd: string }) => ESLintLike };
    eslint = new ESLint({ cwd: repoRoot });
  });

  const lint = async (file: string, code: string): Promise<LintMessage[]> =>
    (await eslint.lintText(code, { filePath: path.join(repoRoot, file) }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports');

  for (const mod of ['botbuilder', 'botbuilder-dialogs', 'botframework-connector', 'restify', '@azure/identity', '@azure/storage-blob', 'applicationinsights']) {
    it(`rejects importing ${mod} under src/engine`, async () => {
      const msgs = await lint('src/engine/rules/example.ts', `import * as x from '${mod}';\nexport const y = x;\n`);
      assert.strictEqual(msgs.length, 1, JSON.stringify(msgs));
    });
  }

  it('allows the same import in src/bot, and relative imports in src/engine', async () => {
    assert.deepStrictEqual(await lint('src/bot/example.ts', "import * as x from 'botbuilder';\nexport const y = x;\n"), []);
    assert.deepStrictEqual(await lint('src/engine/rules/example.ts', "import { diagnose } from '../diagnose';\nexport const y = diagnose;\n"), []);
  });
});
