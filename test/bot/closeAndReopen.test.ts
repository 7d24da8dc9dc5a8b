// Closing a case takes one clear answer, and a closed case can be taken up again (issue 13: a bare
// "yes" to a two-part question closed a case as resolved with connector refusals on record).
// In-process transcripts through botbuilder's TestAdapter against the real bot.
import { fixture } from '../helpers/fixtures';
import { Transcript, transcriptBot } from '../helpers/transcript';

describe('closing and reopening a case (TestAdapter, in-process)', () => {
  it('a "yes" with connector refusals on record says so and asks again; the case closes on the second; Reopen takes it back', async () => {
    await new Transcript(transcriptBot()).play([
      ['1', /Outlook/],
      ['yes', /One user or one piece of content\?/],
      ['no', /Test-IRMConfiguration -Sender/],
      // The connector log, pasted at the Test-IRMConfiguration step: kept, with its refusals (event 2001).
      [fixture('connector-events', 'winevent-list.txt'), /2001/],
      [fixture('irm-test', 'warning-irm-disabled.txt'), { all: [/Turn IRM on/, /After turning IRM on, do the IRM features that failed .* work for the affected users now\?/] }],
      ['yes', { all: [/Before I close this case as resolved/, /still on record/, /2001/, /answer \*\*Yes, it works now\*\* again/], not: /Resolved:/ }],
      ['yes', { all: [/Resolved: IRM turned on/, /Reopen this case/] }],
      [{ click: /^Reopen this case$/ }, { all: [/Case reopened at step A3 \(Turn IRM on\)/, /After turning IRM on/] }],
      ['no', /Get-IRMConfiguration/],
    ]);
  });

  it('typed reopen brings back a cancelled case where it stopped; an open case stays as it is', async () => {
    await new Transcript(transcriptBot()).play([
      ['2', /Test-IRMConfiguration/],
      ['skip', /Get-IRMConfiguration/],
      ['cancel', /Cancelled/],
      ['reopen', { all: [/Case reopened at step B2 /, /Get-IRMConfiguration/] }],
      ['reopen', /This case is still open/],
      ['skip', /tenant/i],
    ]);
  });

  it('reopen with no case says there is none', async () => {
    await new Transcript(transcriptBot()).play([['reopen', /There is no case to reopen/]]);
  });
});
