// The troubleshooting conversation in a real Teams-like client: the bot process, the Microsoft 365
// Agents Playground (which renders Adaptive Cards the way Teams does) and headless Chromium driven
// by playwright-core. Every assertion is on what the page shows a person, not on HTTP traffic.
// Screenshots of each stage go to test-output/playground/; when the whole walk passes, the most
// telling one is copied to docs/screenshot-conversation.png (shown by the README) when UPDATE_SCREENSHOT=1.
// Skipped, with a message, where Debian's chromium (/usr/bin/chromium) is not installed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fixture, repoRoot } from '../helpers/fixtures';
import { expectVisible, usePlaygroundSession } from '../helpers/playgroundSession';

const SHOTS = path.join(repoRoot, 'test-output', 'playground');
const DOC_SHOT = path.join(repoRoot, 'docs', 'screenshot-conversation.png');

const SYMPTOM_A = 'Users cannot use Exchange IRM features, like OWA';
const SYMPTOM_B = 'The admin cannot enable the IRM integration in Exchange';

describe('troubleshooting conversation in the Agents Playground (headless Chromium)', function () {
  this.timeout(60000);
  const session = usePlaygroundSession({ shotsDir: SHOTS });
  const snap = (name: string): Promise<string> => session.snap(name);

  it('walks branch A by card clicks and a pasted Test-IRMConfiguration to "Turn IRM on"', async function () {
    this.timeout(150000);
    const page = session.page;
    await session.open();
    await page.getByRole('treeitem', { name: 'Personal Chat' }).click();

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
    // Refreshing the README's screenshot is opt-in, so an ordinary test run leaves the tree clean.
    if (process.env.UPDATE_SCREENSHOT === '1') {
      fs.mkdirSync(path.dirname(DOC_SHOT), { recursive: true });
      fs.copyFileSync(conversation, DOC_SHOT);
    }
  });
});
