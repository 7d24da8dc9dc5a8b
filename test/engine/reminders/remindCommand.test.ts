import * as assert from 'assert';
import { MAX_REMIND_MINUTES, parseRemindCommand } from '../../../src/engine/reminders/remindCommand';

describe('reminders: parseRemindCommand', () => {
  const ok: Array<[string, number, string | null]> = [
    ['remind me in 30 minutes', 30, null],
    ['Remind me in 1 minute', 1, null],
    ['REMIND ME IN 5 MINS', 5, null],
    ['remind me in 10 min', 10, null],
    ['remind me in 45m', 45, null],
    ['remind me in 2 hours', 120, null],
    ['remind me in 1 hour', 60, null],
    ['remind me in 3 hrs', 180, null],
    ['remind me in 1 hr', 60, null],
    ['remind me in 4h', 240, null],
    ['remind me in 1 day', 1440, null],
    ['remind me in 2 days', 2880, null],
    ['remind me in 3d', 4320, null],
    ['remind me in 30 days', MAX_REMIND_MINUTES, null],
    ['remind me in an hour', 60, null],
    ['remind me in a day', 1440, null],
    ['  remind   me  in  20   minutes.  ', 20, null],
    ['/remind me in 15 minutes', 15, null],
    ['please remind me in 15 minutes!', 15, null],
    ['remind me in 2 hours to check the connector log', 120, 'check the connector log'],
    ['Remind me in 2 HRS to check event 3001 on RMS01.', 120, 'check event 3001 on RMS01'],
    ['remind me in 1 day about the certificate renewal', 1440, 'the certificate renewal'],
    ['remind me in 5m: Restart IIS on EX01', 5, 'Restart IIS on EX01'],
    ['remind me in 1 hour check Test-IRMConfiguration again', 60, 'check Test-IRMConfiguration again'],
    ['remind me in 10 minutes to', 10, null],
  ];
  for (const [text, minutes, about] of ok) {
    it(`reads "${text}"`, () => {
      assert.deepStrictEqual(parseRemindCommand(text), { ok: true, minutes, about });
    });
  }

  const errors: Array<[string, RegExp]> = [
    ['remind me in 0 minutes', /shortest reminder is 1 minute/],
    ['remind me in -5 minutes', /shortest reminder is 1 minute/],
    ['remind me in soon', /did not understand "in soon"/],
    ['remind me in 99999 days', /at most 30 days ahead; 99999 days is too far/],
    ['remind me in 31 days', /at most 30 days/],
    ['remind me in 721 hours', /at most 30 days/],
    ['remind me in 1.5 hours', /whole number/],
    ['remind me in 2,5 hours', /whole number/],
    ['remind me in 30 seconds', /"seconds" is not a unit/],
    ['remind me in 2 weeks', /"weeks" is not a unit/],
    ['remind me in 5 constructor', /"constructor" is not a unit/],
    ['remind me in 5 toString', /"toString" is not a unit/],
    ['remind me in 2 hours 30 minutes', /one amount and one unit/],
    ['remind me in 2 hours and 30 minutes', /one amount and one unit/],
    ['remind me in 30', /did not understand/],
    ['remind me', /When should I remind you/],
    ['remind me to check the log', /When should I remind you/],
    ['remind me tomorrow', /minutes, hours or days from now/],
    ['remind me later', /minutes, hours or days from now/],
    ['remind me at 5pm', /minutes, hours or days from now/],
    [`remind me in 1 hour to ${'x'.repeat(301)}`, /under 300 characters/],
  ];
  for (const [text, error] of errors) {
    it(`explains what is wrong with "${text.slice(0, 50)}"`, () => {
      const r = parseRemindCommand(text);
      assert.ok(r && !r.ok && error.test(r.error), JSON.stringify(r));
    });
  }

  it('every error sentence shows how to say it', () => {
    for (const text of ['remind me in 0 minutes', 'remind me in soon', 'remind me', 'remind me tomorrow']) {
      const r = parseRemindCommand(text);
      assert.ok(r && !r.ok && r.error.includes('remind me in'), JSON.stringify(r));
    }
  });

  it('leaves anything that is not a reminder request to the rest of the bot', () => {
    for (const text of ['', 'hello', 'remind me what the tenant URL was', 'can you remind me in 5 minutes', 'reminder: check the log',
      'remind meeting in 5 minutes', 'Get-IRMConfiguration', 'remind me how to enable IRM', 'remind me about the registry keys']) {
      assert.strictEqual(parseRemindCommand(text), null, text);
    }
  });
});
