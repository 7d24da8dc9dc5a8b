// The conversation in-process, beside the HTTP tests: transcripts of [what the admin does, what the
// bot's replies show], played through botbuilder's TestAdapter against the real bot handler
// (IrmDoctorBot, the route table, the generic FlowDialog, a memory store).
import * as assert from 'assert';
import { fixture } from '../helpers/fixtures';
import { Transcript, transcriptBot } from '../helpers/transcript';

describe('conversation transcripts (TestAdapter, in-process)', () => {
  it('start, a symptom, questions answered by typing and by a click, a paste, summary, resolved', async () => {
    await new Transcript(transcriptBot()).play([
      [{ install: true }, /Users cannot use Exchange IRM features, like OWA/],
      ['start', /What is the problem\?/],
      ['1', /Outlook/],
      [{ click: /^Yes/ }, /One user or one piece of content\?/],
      ['n', /Test-IRMConfiguration -Sender/],
      ['I ran it but I am not sure what it says\nit printed a lot', { all: [/could not use that output/i, /Test-IRMConfiguration/] }],
      [fixture('irm-test', 'warning-irm-disabled.txt'), { all: [/Set-IRMConfiguration -InternalLicensingEnabled \$true/, /Turn IRM on/] }],
      ['summary', /Run Test-IRMConfiguration/],
      ['yes', /Resolved/],
      // The case is closed: the symptom starts a new one.
      ['1', /Outlook/],
    ]);
  });

  it('skip a paste step, restart (the old case kept), summary last, cancel', async () => {
    await new Transcript(transcriptBot()).play([
      ['2', /Test-IRMConfiguration/],
      ['skip', { all: [/Get-IRMConfiguration/], not: /Run Test-IRMConfiguration/ }],
      ['restart', { all: [/Starting a fresh case/, /What is the problem\?/] }],
      ['summary', /There is no case yet.*summary last/],
      ['summary last', { all: [/Your previous case/, /Test-IRMConfiguration/] }],
      ['2', /Test-IRMConfiguration/],
      ['cancel', /Cancelled\. Nothing else will happen on this case/],
      ['summary', /There is no case yet/],
      ['summary last', /Cancelled/i],
    ]);
  });

  it('a paste before any symptom is diagnosed and kept in the case, which a symptom then walks', async () => {
    const t = new Transcript(transcriptBot());
    await t.play([
      [fixture('irm-configuration', 'internal-disabled.txt'), { all: [/InternalLicensingEnabled/, /pick your symptom/] }],
      ['summary', /InternalLicensingEnabled/],
    ]);
    const replies = await t.turn('1');
    assert.match(t.text(replies), /Outlook/);
  });

  it('escalate shows the draft; typed cancel answers the draft, not the case, which goes on', async () => {
    await new Transcript(transcriptBot({ helpdeskChannel: '19:helpdesk@thread.tacv2' })).play([
      ['1', /Outlook/],
      ['escalate', { all: [/helpdesk/i], not: /No helpdesk channel is configured/ }],
      ['cancel', { all: [/OK, not escalated/], not: /Cancelled\. Nothing else/ }],
      ['yes', /One user or one piece of content\?/],
      ['escalate', /helpdesk/i],
      [{ click: /^Cancel$/ }, /OK, not escalated/],
    ]);
  });

  it('without a helpdesk channel, escalate says how to set one', async () => {
    await new Transcript(transcriptBot()).play([['escalate', /No helpdesk channel is configured/]]);
  });

  it('a click on an earlier step is not acted on; a card value that is not ours is refused', async () => {
    const t = new Transcript(transcriptBot());
    const first = await t.turn('1');
    await t.turn('yes');
    t.last = first;
    await t.play([
      [{ click: /^Yes/ }, { all: [/earlier step/, /One user or one piece of content\?/] }],
      [{ value: { irm: 'answer', caseId: '<script>', nodeId: 'x', optionId: 'y' } }, /could not read what that button sent/],
    ]);
  });

  it('a conversation stored before the mode existed goes on where it was', async () => {
    const bot = transcriptBot();
    const t = new Transcript(bot);
    await t.play([['1', /Outlook/]]);
    // Rewrite the record in the shape earlier versions stored (no mode; the case walk was in a dialog stack).
    const hit = (await bot.store.get<Record<string, unknown>>('conversations', t.conversationId))!;
    const { mode: _mode, ...old } = hit.value;
    await bot.store.put('conversations', t.conversationId, { ...old, pendingEscalation: null, awaitingInfoFor: null }, hit.etag);
    await t.play([['yes', /One user or one piece of content\?/]]);
    assert.deepStrictEqual((await bot.repo.getConversation(t.conversationId))!.value.mode, { name: 'in-case' });
  });
});
