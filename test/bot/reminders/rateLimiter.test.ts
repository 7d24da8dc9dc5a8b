// Teams' send limits, on an injected clock: no conversation ever gets more than 7 sends in a second
// (8 in 2 s), and the app as a whole no more than 30 a second.
import * as assert from 'assert';
import { RateLimiter } from '../../../src/bot/proactive/rateLimiter';

function harness(): { limiter: RateLimiter; stamps: Map<string, number[]>; now: () => number } {
  let t = 0;
  const now = (): number => t;
  const sleep = async (ms: number): Promise<void> => { t += ms; };
  return { limiter: new RateLimiter(now, sleep), stamps: new Map(), now };
}

function maxIn(stamps: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < stamps.length; i++) {
    while (stamps[i]! - stamps[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('rate limiter', () => {
  it('one conversation: at most 7 per second and 8 per 2 seconds', async () => {
    const { limiter, now } = harness();
    const stamps: number[] = [];
    for (let i = 0; i < 40; i++) {
      await limiter.acquire('a:1');
      stamps.push(now());
    }
    assert.ok(maxIn(stamps, 1000) <= 7);
    assert.ok(maxIn(stamps, 2000) <= 8);
    // 40 sends at 8 per 2 s need about 9 s: the limiter waited, it did not drop anything.
    assert.ok(now() >= 8000, `took ${now()} ms`);
  });

  it('many conversations: at most 30 per second for the app', async () => {
    const { limiter, now } = harness();
    const stamps: number[] = [];
    for (let i = 0; i < 300; i++) {
      await limiter.acquire(`a:${i}`);
      stamps.push(now());
    }
    assert.ok(maxIn(stamps, 1000) <= 30);
    assert.ok(now() >= 9000 && now() < 11000, `took ${now()} ms`);
  });
});
