import * as assert from 'assert';
import { isQuiet, nextAllowed, parseQuietHours, type QuietHours } from '../../../src/engine/reminders/quietHours';

const at = (iso: string): Date => new Date(iso);

function quiet(spec: string): QuietHours {
  const p = parseQuietHours(spec);
  if (!p.ok || !p.quiet) throw new Error(`bad test spec ${spec}`);
  return p.quiet;
}

describe('reminders: quiet hours', () => {
  describe('parseQuietHours', () => {
    it('reads HH:MM-HH:MM, with or without wrapping midnight, and loose spellings', () => {
      assert.deepStrictEqual(parseQuietHours('20:00-07:00'), { ok: true, quiet: { start: 1200, end: 420 } });
      assert.deepStrictEqual(parseQuietHours('09:30-17:15'), { ok: true, quiet: { start: 570, end: 1035 } });
      assert.deepStrictEqual(parseQuietHours(' 20 – 7 '), { ok: true, quiet: { start: 1200, end: 420 } });
      assert.deepStrictEqual(parseQuietHours('22:00-24:00'), { ok: true, quiet: { start: 1320, end: 0 } });
    });

    it('treats off, none and empty as no quiet hours', () => {
      for (const s of ['off', 'OFF', 'none', '', '  ', undefined, null]) {
        assert.deepStrictEqual(parseQuietHours(s), { ok: true, quiet: null }, String(s));
      }
    });

    it('explains what is wrong with a bad value', () => {
      for (const s of ['25:00-07:00', '20:60-07:00', '20:00', '20:00-07:00-08:00', 'nights', '24:00-07:00', '8pm-7am']) {
        const p = parseQuietHours(s);
        assert.ok(!p.ok && p.error.includes('"20:00-07:00"'), `${s}: ${JSON.stringify(p)}`);
      }
      const same = parseQuietHours('07:00-07:00');
      assert.ok(!same.ok && same.error.includes('same time'), JSON.stringify(same));
    });
  });

  describe('isQuiet', () => {
    const night = quiet('20:00-07:00');
    const lunch = quiet('12:00-13:00');
    // Berlin in November is UTC+1.
    const cases: Array<[string, QuietHours, boolean]> = [
      ['2026-11-26T18:59:59Z', night, false], // 19:59:59
      ['2026-11-26T19:00:00Z', night, true], // 20:00 exactly: start is inclusive
      ['2026-11-26T22:59:00Z', night, true], // 23:59
      ['2026-11-26T23:00:00Z', night, true], // 00:00
      ['2026-11-27T05:59:00Z', night, true], // 06:59
      ['2026-11-27T06:00:00Z', night, false], // 07:00 exactly: end is exclusive
      ['2026-11-27T11:00:00Z', night, false], // noon
      ['2026-11-27T10:59:00Z', lunch, false],
      ['2026-11-27T11:00:00Z', lunch, true],
      ['2026-11-27T11:59:00Z', lunch, true],
      ['2026-11-27T12:00:00Z', lunch, false],
    ];
    for (const [now, q, expected] of cases) {
      it(`${now} in Berlin, ${q.start}-${q.end}: ${expected ? 'quiet' : 'not quiet'}`, () => {
        assert.strictEqual(isQuiet(at(now), 'Europe/Berlin', q), expected);
      });
    }

    it('is never quiet without quiet hours, and uses UTC without a valid zone', () => {
      assert.strictEqual(isQuiet(at('2026-11-26T23:00:00Z'), 'Europe/Berlin', null), false);
      assert.strictEqual(isQuiet(at('2026-11-26T19:30:00Z'), null, night), false);
      assert.strictEqual(isQuiet(at('2026-11-26T20:30:00Z'), 'Bad/Zone', night), true);
    });

    it('judges by the local clock: 21:00 in Kolkata is 15:30 UTC', () => {
      assert.strictEqual(isQuiet(at('2026-11-26T15:30:00Z'), 'Asia/Kolkata', night), true);
      assert.strictEqual(isQuiet(at('2026-11-26T15:30:00Z'), 'UTC', night), false);
    });
  });

  describe('nextAllowed', () => {
    const night = quiet('20:00-07:00');
    const next = (now: string, tz: string | null, q: QuietHours | null): string => nextAllowed(at(now), tz, q).toISOString();

    it('returns now itself outside quiet hours, or without them', () => {
      assert.strictEqual(next('2026-11-26T11:00:00Z', 'Europe/Berlin', night), '2026-11-26T11:00:00.000Z');
      assert.strictEqual(next('2026-11-27T06:00:00Z', 'Europe/Berlin', night), '2026-11-27T06:00:00.000Z'); // exactly 07:00
      assert.strictEqual(next('2026-11-26T18:59:59.999Z', 'Europe/Berlin', night), '2026-11-26T18:59:59.999Z');
      assert.strictEqual(next('2026-11-26T23:00:00Z', 'Europe/Berlin', null), '2026-11-26T23:00:00.000Z');
    });

    it('exactly at the start of a wrapping window waits for tomorrow\'s end', () => {
      assert.strictEqual(next('2026-11-26T19:00:00Z', 'Europe/Berlin', night), '2026-11-27T06:00:00.000Z');
    });

    it('after midnight waits for the same day\'s end, up to the last second', () => {
      assert.strictEqual(next('2026-11-27T01:00:00Z', 'Europe/Berlin', night), '2026-11-27T06:00:00.000Z');
      assert.strictEqual(next('2026-11-27T05:59:59Z', 'Europe/Berlin', night), '2026-11-27T06:00:00.000Z');
    });

    it('handles a window that does not wrap, and one that ends at 24:00', () => {
      assert.strictEqual(next('2026-11-27T11:30:00Z', 'Europe/Berlin', quiet('12:00-13:00')), '2026-11-27T12:00:00.000Z');
      assert.strictEqual(next('2026-11-27T23:30:00Z', 'UTC', quiet('22:00-24:00')), '2026-11-28T00:00:00.000Z');
    });

    it('uses local time in odd-offset zones, and UTC without a zone', () => {
      assert.strictEqual(next('2026-11-26T15:30:00Z', 'Asia/Kolkata', night), '2026-11-27T01:30:00.000Z');
      // Chatham in November is +13:45: 07:00 local on the 27th is 17:15Z on the 26th.
      assert.strictEqual(next('2026-11-26T08:00:00Z', 'Pacific/Chatham', night), '2026-11-26T17:15:00.000Z');
      assert.strictEqual(next('2026-11-26T21:00:00Z', null, night), '2026-11-27T07:00:00.000Z');
    });

    it('spring-forward night: 07:00 CEST comes an hour sooner in UTC', () => {
      // 21:00 CET on 28 March; clocks jump at 02:00 local.
      assert.strictEqual(next('2026-03-28T20:00:00Z', 'Europe/Berlin', night), '2026-03-29T05:00:00.000Z');
    });

    it('fall-back night: 07:00 CET comes an hour later in UTC', () => {
      assert.strictEqual(next('2026-10-24T19:00:00Z', 'Europe/Berlin', night), '2026-10-25T06:00:00.000Z');
      assert.strictEqual(next('2026-11-01T01:00:00Z', 'America/New_York', night), '2026-11-01T12:00:00.000Z');
    });

    it('an end time skipped by spring forward moves on by the gap', () => {
      // New York, 8 March: 02:00 EST jumps to 03:00 EDT, so "02:30" never happens; 01:45 EST is 06:45Z.
      assert.strictEqual(next('2026-03-08T06:45:00Z', 'America/New_York', quiet('01:30-02:30')), '2026-03-08T07:30:00.000Z');
    });

    it('an end time repeated by fall back is the first occurrence after now', () => {
      const q = quiet('22:00-01:30');
      // New York, 1 November: 01:00-02:00 happens twice, first EDT (05:00-06:00Z) then EST (06:00-07:00Z).
      assert.strictEqual(next('2026-11-01T05:15:00Z', 'America/New_York', q), '2026-11-01T05:30:00.000Z'); // 01:15 EDT
      assert.strictEqual(next('2026-11-01T06:15:00Z', 'America/New_York', q), '2026-11-01T06:30:00.000Z'); // 01:15 EST
      assert.strictEqual(next('2026-11-01T03:00:00Z', 'America/New_York', q), '2026-11-01T05:30:00.000Z'); // 23:00 EDT
    });

    it('never returns a time inside quiet hours or before now', () => {
      const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
      const windows = [night, quiet('12:00-13:00'), quiet('01:30-02:30'), quiet('22:00-01:30')];
      // Days around every DST change of these zones in 2026.
      const starts = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-09-25', '2026-10-23', '2026-10-30'].map((d) => Date.parse(`${d}T00:00:00Z`));
      for (const tz of zones) {
        for (const q of windows) {
          for (const start of starts) for (let t = start; t < start + 4 * 86_400_000; t += 37 * 60_000) {
            const got = nextAllowed(new Date(t), tz, q);
            assert.ok(got.getTime() >= t && !isQuiet(got, tz, q), `${tz} ${q.start}-${q.end} at ${new Date(t).toISOString()} → ${got.toISOString()}`);
          }
        }
      }
    });
  });
});
