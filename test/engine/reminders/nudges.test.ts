import * as assert from 'assert';
import { DEFAULT_MAX_NUDGES, DEFAULT_UNCLAIMED_NUDGE_MINUTES, nextNudgeDue, nudgeSettings } from '../../../src/engine/reminders/nudges';

describe('reminders: unclaimed-ticket nudges', () => {
  const created = new Date('2026-11-26T13:00:00Z');
  const due = (sent: number, every = 30, max = 3): string | null => nextNudgeDue(created, sent, every, max)?.toISOString() ?? null;

  it('nudge k is due k × every minutes after creation, then stops after the maximum', () => {
    assert.strictEqual(due(0), '2026-11-26T13:30:00.000Z');
    assert.strictEqual(due(1), '2026-11-26T14:00:00.000Z');
    assert.strictEqual(due(2), '2026-11-26T14:30:00.000Z');
    assert.strictEqual(due(3), null);
    assert.strictEqual(due(7), null);
  });

  it('counts from creation, not from the last (perhaps late) send', () => {
    assert.strictEqual(due(1, 45, 5), '2026-11-26T14:30:00.000Z');
    assert.strictEqual(due(4, 45, 5), '2026-11-26T16:45:00.000Z');
  });

  it('is off with a maximum of 0 or a non-positive interval; odd counts are tolerated', () => {
    assert.strictEqual(due(0, 30, 0), null);
    assert.strictEqual(due(0, 0, 3), null);
    assert.strictEqual(due(0, Number.NaN, 3), null);
    assert.strictEqual(due(-2), '2026-11-26T13:30:00.000Z');
  });

  it('reads the settings from environment strings, with defaults and warnings', () => {
    assert.deepStrictEqual(nudgeSettings({}), { everyMinutes: DEFAULT_UNCLAIMED_NUDGE_MINUTES, maxNudges: DEFAULT_MAX_NUDGES, warnings: [] });
    assert.strictEqual(DEFAULT_UNCLAIMED_NUDGE_MINUTES, 30);
    assert.deepStrictEqual(nudgeSettings({ UNCLAIMED_NUDGE_MINUTES: ' 15 ', MAX_NUDGES: '0' }), { everyMinutes: 15, maxNudges: 0, warnings: [] });
    const bad = nudgeSettings({ UNCLAIMED_NUDGE_MINUTES: 'half an hour', MAX_NUDGES: '-1' });
    assert.strictEqual(bad.everyMinutes, 30);
    assert.strictEqual(bad.maxNudges, DEFAULT_MAX_NUDGES);
    assert.strictEqual(bad.warnings.length, 2);
    assert.ok(bad.warnings[0]!.startsWith('UNCLAIMED_NUDGE_MINUTES="half an hour"'), bad.warnings[0]);
  });
});
