// The command words, spelled once (src/dialogs/commands.ts): a whole message in any usual spelling
// is the command; the same word inside a paste or a sentence is not.
import * as assert from 'assert';
import { commandWord, typedCommand } from '../../src/dialogs/commands';

describe('command words', () => {
  it('reads each command in its usual spellings', () => {
    const table: [string, string][] = [
      ['start', 'start'], ['Help', 'help'], ['hi', 'help'], ['?', 'help'], ['/summary', 'summary'], ['Summary.', 'summary'],
      ['summary last', 'summary-last'], ['last  summary', 'summary-last'], ['restart!', 'restart'], ['cancel', 'cancel'],
      ['escalate', 'escalate'], ['my reminders', 'reminders'], ['send', 'send'], ['skip this step', 'skip'], ['Skip', 'skip'],
      ['forget me', 'forget-me'], ['delete my data', 'forget-me'], ['helpdesk here', 'helpdesk-here'], ['open tickets', 'tickets'],
    ];
    for (const [text, word] of table) assert.strictEqual(commandWord(text), word, text);
  });

  it('takes no word inside a longer message or a paste for a command', () => {
    for (const t of ['please cancel the case', 'skip\nAdminDisplayName : EXCH01', 'summary of Get-IRMConfiguration', 'send it', '', 'x'.repeat(5000)]) {
      assert.strictEqual(commandWord(t), undefined, t.slice(0, 40));
    }
  });

  it('the typed commands of the 1:1 chat are the only ones Teams may suggest', () => {
    assert.strictEqual(typedCommand('summary last'), 'summary-last');
    for (const t of ['send', 'skip', 'forget me', 'tickets']) assert.strictEqual(typedCommand(t), undefined, t);
  });
});
