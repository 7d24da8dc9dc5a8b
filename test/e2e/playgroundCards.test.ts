// Commands on cards copy exactly, as the Agents Playground renders them (it has no CodeBlock, so it
// shows the fallback, as Teams clients without CodeBlock do). Assertions are on the text of the
// rendered card in the page: the backslash in "S-1-5-18\*" (without it Remove-Item deletes the
// folder itself), "#" comment lines (a Markdown fallback made them headings and put prose among
// commands), and placeholders (a Markdown fallback read "<connector-fqdn>" as an HTML tag and
// dropped it). Screenshots: test-output/playground-cards/.
import * as assert from 'assert';
import * as path from 'path';
import { PLACEHOLDER_NOTE } from '../../src/cards/codeText';
import { fixture, repoRoot } from '../helpers/fixtures';
import { cardWith, expectVisible, renderedLines, usePlaygroundSession } from '../helpers/playgroundSession';

const SHOTS = path.join(repoRoot, 'test-output', 'playground-cards');
const SYMPTOM_A = 'Users cannot use Exchange IRM features, like OWA';

describe('cards that copy exactly in the Agents Playground (headless Chromium)', function () {
  this.timeout(60000);
  const session = usePlaygroundSession({ shotsDir: SHOTS });

  it('a step card shows its placeholder and a fix card its comment lines and S-1-5-18\\* exactly', async function () {
    this.timeout(150000);
    const page = session.page;
    await session.open();
    await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
    const symptomA = page.getByRole('button', { name: SYMPTOM_A, exact: true }).last();
    await expectVisible(symptomA, `the welcome card's button "${SYMPTOM_A}"`, 40000);
    await symptomA.click();
    await expectVisible(page.getByText('Step A1: Can the user open it in Outlook?').last(), 'step A1');
    await page.getByRole('button', { name: /^Yes, Outlook opens it/ }).last().click();
    await expectVisible(page.getByText('Step A2: One user or one piece of content?').last(), 'step A2');
    await page.getByRole('button', { name: /^No, several users/ }).last().click();

    // The step card: the test mailbox is not known yet, so the command holds a placeholder.
    const step = cardWith(page, 'Step A3: Run Test-IRMConfiguration');
    await expectVisible(step, 'the card of step A3');
    await step.scrollIntoViewIfNeeded();
    await session.snap('step-card');
    const stepLines = await renderedLines(step);
    assert.ok(stepLines.includes('# Test-IRMConfiguration -Sender [mailbox@yourdomain]'),
      `the step card shows the command with its placeholder, commented out until filled in:\n${stepLines.join('\n')}`);
    assert.ok(stepLines.includes(PLACEHOLDER_NOTE), `the step card says what to replace:\n${stepLines.join('\n')}`);
    assert.ok(!stepLines.some((l) => /Sender\s*$|Sender mailbox@/.test(l)), 'no placeholder lost or turned into a link');

    // The fix card: a registry export with EnterprisePublishing missing.
    await page.getByRole('textbox').last().click();
    await page.keyboard.insertText(fixture('registry', 'missing-enterprise-publishing.txt'));
    await page.getByRole('button', { name: 'Send Message' }).click();
    const fix = cardWith(page, 'EnterprisePublishing key does not exist');
    await expectVisible(fix, 'the diagnosis card with the registry fix', 30000);
    await fix.getByText(/Remove-Item/).first().scrollIntoViewIfNeeded();
    await session.snap('fix-card');
    const fixLines = await renderedLines(fix);
    const shown = fixLines.join('\n');
    assert.ok(fixLines.includes('Remove-Item "C:\\ProgramData\\Microsoft\\DRM\\Server\\S-1-5-18\\*" -Recurse -Force'), `the purge keeps its backslash:\n${shown}`);
    assert.ok(fixLines.includes('# On EACH Exchange server (elevated PowerShell):'), `comment lines keep their "#":\n${shown}`);
    assert.ok(fixLines.includes('# Then once, in the Exchange Management Shell:'), `comment lines keep their "#":\n${shown}`);
    assert.ok(fixLines.includes('Set-IRMConfiguration -InternalLicensingEnabled $false -Force'), `commands stay on their own lines:\n${shown}`);
  });
});
