import * as assert from 'assert';
import { formatLocal } from '../../../src/engine/reminders/formatLocal';

describe('reminders: formatLocal', () => {
  const d = new Date('2026-11-26T13:30:00Z');

  it('shows the time in the user\'s zone and names the zone', () => {
    assert.strictEqual(formatLocal(d, 'Europe/Berlin'), 'Thu 26 Nov, 14:30 (Europe/Berlin)');
    assert.strictEqual(formatLocal(new Date('2026-07-02T13:30:00Z'), 'Europe/Berlin'), 'Thu 2 Jul, 15:30 (Europe/Berlin)');
    assert.strictEqual(formatLocal(d, 'Asia/Kolkata'), 'Thu 26 Nov, 19:00 (Asia/Kolkata)');
    assert.strictEqual(formatLocal(d, 'Pacific/Chatham'), 'Fri 27 Nov, 03:15 (Pacific/Chatham)');
    assert.strictEqual(formatLocal(d, 'America/New_York'), 'Thu 26 Nov, 08:30 (America/New_York)');
  });

  it('uses UTC, and says so, when the zone is missing or unknown', () => {
    assert.strictEqual(formatLocal(d, null), 'Thu 26 Nov, 13:30 (UTC)');
    assert.strictEqual(formatLocal(d, 'Not/AZone'), 'Thu 26 Nov, 13:30 (UTC)');
  });

  it('follows another locale when given, and survives a malformed one', () => {
    const de = formatLocal(d, 'Europe/Berlin', 'de-DE');
    assert.ok(de.includes('14:30') && de.includes('26') && de.endsWith('(Europe/Berlin)'), de);
    assert.strictEqual(formatLocal(d, 'Europe/Berlin', 'not a locale!!'), 'Thu 26 Nov, 14:30 (Europe/Berlin)');
  });
});
