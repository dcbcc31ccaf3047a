import { FakeClock } from '../common/clock';
import { DEFAULT_RATE_LIMIT_CONFIG, RateLimitConfig } from '../domain/rate-limit-config';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { estimateSeconds, sustainableRequestRate } from './collection-estimate';

const NO_PAUSE = { pauseEveryRequests: 0 };

describe('collection duration estimate', () => {
  it('takes the tightest of window, spacing and concurrency', () => {
    // Defaults at 1.5 s per response: two in flight give 4/3 requests per second.
    expect(sustainableRequestRate(DEFAULT_RATE_LIMIT_CONFIG, 1500)).toBeCloseTo(4 / 3);
    const config = { ...DEFAULT_RATE_LIMIT_CONFIG, ...NO_PAUSE };
    expect(estimateSeconds(300, config)).toBe(225);
    expect(estimateSeconds(0, DEFAULT_RATE_LIMIT_CONFIG)).toBe(0);
  });

  it('adds each pause beyond the gap it replaces, only where a start follows it', () => {
    // 300 requests: pauses after starts 100 and 200 (5 s each, less the 0.75 s gap).
    expect(estimateSeconds(300, DEFAULT_RATE_LIMIT_CONFIG)).toBe(Math.ceil(225 + 2 * 4.25));
    // Exactly 100 requests: the pause after the last start delays nothing.
    expect(estimateSeconds(100, DEFAULT_RATE_LIMIT_CONFIG)).toBe(
      estimateSeconds(100, { ...DEFAULT_RATE_LIMIT_CONFIG, ...NO_PAUSE }),
    );
    // A pause shorter than the usual gap changes nothing.
    expect(estimateSeconds(300, { ...DEFAULT_RATE_LIMIT_CONFIG, pauseMs: 500 })).toBe(225);
  });

  it('matches the limiter itself on a FakeClock when spacing sets the pace', async () => {
    const config: RateLimitConfig = {
      maxRequestsPerMinute: 60_000,
      maxConcurrent: 4,
      minDelayMs: 500,
      maxDelayMs: 1000,
      backoffMultiplier: 2,
      pauseEveryRequests: 100,
      pauseMs: 5000,
    };
    const latencyMs = 100;
    const requests = 1000;
    const clock = new FakeClock();
    const limiter = new RateLimiter(config, clock);
    const origin = clock.now();
    let finishedAt = origin;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests) {
        next++;
        const permit = await limiter.acquire();
        await clock.sleep(latencyMs);
        finishedAt = clock.now();
        permit.release({ kind: 'success' });
      }
    };
    let settled = false;
    const workers = Promise.all(Array.from({ length: 4 }, worker)).then(() => {
      settled = true;
    });
    while (!settled) await clock.advance(60_000);
    await workers;

    // 999 gaps of 0.5 s, 9 of them stretched to 5 s pauses, then one last response.
    expect(finishedAt - origin).toBe(999 * 500 + 9 * 4500 + latencyMs);
    const estimate = estimateSeconds(requests, config, latencyMs);
    expect(estimate * 1000).toBeGreaterThanOrEqual(finishedAt - origin);
    expect(estimate * 1000 - (finishedAt - origin)).toBeLessThan(1000);
  });
});
