import * as assert from 'assert';
import { addMinutes, customDue, presetDue, snoozeDue, validTimeZone } from '../../../src/engine/reminders/dueTimes';
import { instantsAt, zonedToInstant } from '../../../src/engine/reminders/zonedTime';

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();

describe('reminders: due times', () => {
  describe('presetDue', () => {
    it('adds real minutes for 15m and 1h, even across a DST change', () => {
      const now = at('2026-03-29T00:50:00Z'); // Berlin jumps 02:00 → 03:00 CEST at 01:00Z
      assert.strictEqual(iso(presetDue('15m', now, 'Europe/Berlin')), '2026-03-29T01:05:00.000Z');
      assert.strictEqual(iso(presetDue('1h', now, 'Europe/Berlin')), '2026-03-29T01:50:00.000Z');
    });

    const mornings: Array<[string, string, string | null, string]> = [
      // [why, now, zone, due]
      ['Berlin, the day before spring forward: 09:00 CEST', '2026-03-28T12:00:00Z', 'Europe/Berlin', '2026-03-29T07:00:00.000Z'],
      ['Berlin, just after local midnight counts from the local date, not the UTC one', '2026-03-28T23:30:00Z', 'Europe/Berlin', '2026-03-30T07:00:00.000Z'],
      ['Berlin, the day before fall back: 09:00 CET', '2026-10-24T12:00:00Z', 'Europe/Berlin', '2026-10-25T08:00:00.000Z'],
      ['New York, the day before spring forward: 09:00 EDT', '2026-03-07T20:00:00Z', 'America/New_York', '2026-03-08T13:00:00.000Z'],
      ['New York, late evening before fall back (UTC is already Nov 1): 09:00 EST', '2026-11-01T03:30:00Z', 'America/New_York', '2026-11-01T14:00:00.000Z'],
      ['Kolkata +05:30, after local midnight', '2026-06-01T20:00:00Z', 'Asia/Kolkata', '2026-06-03T03:30:00.000Z'],
      ['Chatham +13:45 in its summer', '2026-01-01T00:00:00Z', 'Pacific/Chatham', '2026-01-01T19:15:00.000Z'],
      ['Chatham on its DST-end night: tomorrow is +12:45', '2026-04-04T12:00:00Z', 'Pacific/Chatham', '2026-04-05T20:15:00.000Z'],
      ['Chatham +12:45 in its winter', '2026-07-01T00:00:00Z', 'Pacific/Chatham', '2026-07-01T20:15:00.000Z'],
      ['UTC, across a year end', '2026-12-31T23:59:00Z', 'UTC', '2027-01-01T09:00:00.000Z'],
      ['UTC, across February', '2026-02-28T10:00:00Z', 'UTC', '2026-03-01T09:00:00.000Z'],
      ['an unknown zone falls back to UTC', '2026-06-01T00:00:00Z', 'Mars/Olympus_Mons', '2026-06-02T09:00:00.000Z'],
      ['no zone falls back to UTC', '2026-06-01T23:00:00Z', null, '2026-06-02T09:00:00.000Z'],
    ];
    for (const [why, now, zone, due] of mornings) {
      it(`tomorrow morning: ${why}`, () => {
        assert.strictEqual(iso(presetDue('tomorrow-morning', at(now), zone)), due);
      });
    }
  });

  it('validTimeZone accepts IANA names, keeps the caller\'s spelling, fixes case-only differences, rejects the rest', () => {
    assert.strictEqual(validTimeZone('Europe/Berlin'), 'Europe/Berlin');
    assert.strictEqual(validTimeZone('Asia/Kolkata'), 'Asia/Kolkata');
    assert.strictEqual(validTimeZone(' utc '), 'UTC');
    for (const bad of ['Mars/Olympus_Mons', '', '   ', null, undefined, '+05:30x', 'x'.repeat(100)]) {
      assert.strictEqual(validTimeZone(bad), null, String(bad));
    }
  });

  it('addMinutes, customDue and snoozeDue count from now', () => {
    const now = at('2026-11-26T13:30:00Z');
    assert.strictEqual(iso(addMinutes(now, -30)), '2026-11-26T13:00:00.000Z');
    assert.strictEqual(iso(customDue(90, now)), '2026-11-26T15:00:00.000Z');
    assert.strictEqual(iso(customDue(30 * 24 * 60, now)), '2026-12-26T13:30:00.000Z');
    assert.strictEqual(iso(snoozeDue(now, 15)), '2026-11-26T13:45:00.000Z');
    assert.strictEqual(now.toISOString(), '2026-11-26T13:30:00.000Z', 'now is not mutated');
  });

  it('customDue and snoozeDue refuse delays that would fire at once or never', () => {
    const now = at('2026-11-26T13:30:00Z');
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => customDue(bad, now), RangeError);
      assert.throws(() => snoozeDue(now, bad), RangeError);
    }
  });

  describe('wall time to instant', () => {
    it('finds one instant normally, two in the repeated hour, none in the skipped hour', () => {
      const w = (day: number, hour: number, minute: number) => ({ year: 2026, month: 11, day, hour, minute, second: 0 });
      assert.deepStrictEqual(instantsAt(w(2, 1, 30), 'America/New_York').map((t) => new Date(t).toISOString()), ['2026-11-02T06:30:00.000Z']);
      assert.deepStrictEqual(instantsAt(w(1, 1, 30), 'America/New_York').map((t) => new Date(t).toISOString()),
        ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
      assert.deepStrictEqual(instantsAt({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, 'America/New_York'), []);
    });

    it('takes the first of a repeated time and moves a skipped time forward by the gap', () => {
      assert.strictEqual(iso(zonedToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin')), '2026-10-25T00:30:00.000Z');
      assert.strictEqual(iso(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin')), '2026-03-29T01:30:00.000Z');
      assert.strictEqual(iso(zonedToInstant({ year: 2026, month: 9, day: 27, hour: 3, minute: 0, second: 0 }, 'Pacific/Chatham')), '2026-09-26T14:15:00.000Z');
    });
  });
});
