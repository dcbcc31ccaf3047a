import { FakeClock } from '../common/clock';
import { FULL_RECOVERY_SECONDS } from './aimd-rate';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
  RateLimitConfig,
  RateLimitConfigError,
} from '../domain/rate-limit-config';
import { LimiterWait, RateLimiter } from './rate-limiter';
import { RequestPermit } from './request-permit';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after';

/** One acquire() call observed from outside: when it resolved, or why it failed. */
interface Tracked {
  permit?: RequestPermit;
  startedAt?: number;
  error?: unknown;
}

const SUCCESS = { kind: 'success' } as const;
const THROTTLED = { kind: 'throttled' } as const;

describe('RateLimiter', () => {
  let clock: FakeClock;
  let t0: number;

  beforeEach(() => {
    clock = new FakeClock();
    t0 = clock.now();
  });

  function limiterWith(overrides: Partial<RateLimitConfig> = {}): RateLimiter {
    return new RateLimiter({ ...DEFAULT_RATE_LIMIT_CONFIG, ...overrides }, clock);
  }

  function track(pending: Promise<RequestPermit>): Tracked {
    const tracked: Tracked = {};
    pending.then(
      (permit) => {
        tracked.permit = permit;
        tracked.startedAt = clock.now();
      },
      (error: unknown) => {
        tracked.error = error;
      },
    );
    return tracked;
  }

  /** Proves the start happens exactly at `atMs`: not a millisecond earlier. */
  async function expectStartAt(tracked: Tracked, atMs: number): Promise<RequestPermit> {
    if (atMs > clock.now()) {
      await clock.advance(atMs - 1 - clock.now());
      expect(tracked.startedAt).toBeUndefined();
    }
    await clock.advance(atMs - clock.now());
    expect(tracked.startedAt).toBe(atMs);
    return tracked.permit as RequestPermit;
  }

  it('refuses an invalid config', () => {
    expect(() => limiterWith({ maxConcurrent: 0 })).toThrow(RateLimitConfigError);
  });

  it('reports an idle status', () => {
    const status = limiterWith().status();
    expect(status).toEqual({
      requestsMade: 0,
      inFlight: 0,
      waiting: 0,
      currentDelayMs: 250,
      allowedRequestsPerMinute: 120,
      allowedRateReason: 'configured-maximum',
      waitingFor: null,
      throttled: false,
      lastThrottledAt: null,
      retryAfterUntil: null,
      pausedUntil: null,
      config: DEFAULT_RATE_LIMIT_CONFIG,
    });
    status.config.maxConcurrent = 99;
    expect(limiterWith().status().config.maxConcurrent).toBe(2);
  });

  it('spaces consecutive starts by minDelayMs', async () => {
    const limiter = limiterWith({ minDelayMs: 250 });
    for (let i = 0; i < 4; i++) {
      const permit = await expectStartAt(track(limiter.acquire()), t0 + i * 250);
      permit.release(SUCCESS);
    }
    expect(limiter.status().requestsMade).toBe(4);
  });

  it('never hands out more than maxConcurrent permits', async () => {
    const limiter = limiterWith({ maxConcurrent: 2, minDelayMs: 0 });
    const [a, b, c] = [0, 1, 2].map(() => track(limiter.acquire()));
    await clock.advance(10_000);
    expect([a.startedAt, b.startedAt, c.startedAt]).toEqual([t0, t0, undefined]);
    expect(limiter.status()).toMatchObject({ inFlight: 2, waiting: 1 });
    a.permit?.release(SUCCESS);
    await clock.advance(0);
    expect(c.startedAt).toBe(t0 + 10_000);
  });

  it('keeps the minimum gap even when a slot frees up sooner', async () => {
    const limiter = limiterWith({ maxConcurrent: 1, minDelayMs: 1000 });
    const a = track(limiter.acquire());
    const b = track(limiter.acquire());
    await clock.advance(100);
    a.permit?.release(SUCCESS);
    await expectStartAt(b, t0 + 1000);
  });

  it('enforces the sliding window exactly: start rpm+1 waits a full 60 s', async () => {
    const limiter = limiterWith({ maxRequestsPerMinute: 3, maxConcurrent: 3, minDelayMs: 0 });
    const first = [0, 1, 2].map(() => track(limiter.acquire()));
    await clock.advance(0);
    expect(first.map((t) => t.startedAt)).toEqual([t0, t0, t0]);
    first.forEach((t) => t.permit?.release(SUCCESS));
    const fourth = track(limiter.acquire());
    const fifth = track(limiter.acquire());
    await expectStartAt(fourth, t0 + 60_000);
    expect(fifth.startedAt).toBe(t0 + 60_000);
  });

  describe('adaptive rate (AIMD)', () => {
    it('divides the allowed rate on each 429 without Retry-After, down to the floor', async () => {
      // Floor: one request per maxDelayMs = 12/min.
      const limiter = limiterWith({ maxConcurrent: 1, minDelayMs: 0, maxDelayMs: 5000 });
      let at = t0;
      const steps = [
        { rate: 60, gap: 1000 },
        { rate: 30, gap: 2000 },
        { rate: 15, gap: 4000 },
        { rate: 12, gap: 5000 },
        { rate: 12, gap: 5000 },
      ];
      for (const { rate, gap } of steps) {
        const permit = await expectStartAt(track(limiter.acquire()), at);
        permit.release(THROTTLED);
        expect(limiter.status()).toMatchObject({
          allowedRequestsPerMinute: rate,
          allowedRateReason: 'lowered-after-throttle',
          currentDelayMs: gap,
          throttled: true,
        });
        at += gap;
      }
      expect(limiter.status().lastThrottledAt).toBe(new Date(t0 + 12_000).toISOString());
    });

    it('counts the lowered gap from the failure, not only from the start', async () => {
      const limiter = limiterWith({ maxConcurrent: 1 });
      const a = track(limiter.acquire());
      const b = track(limiter.acquire());
      await clock.advance(30_000); // a times out after 30 s
      a.permit?.release({ kind: 'server-error' });
      expect(limiter.status().allowedRateReason).toBe('lowered-after-server-error');
      await expectStartAt(b, t0 + 30_000 + 1000); // 60/min
    });

    it('lowers the rate once for push-backs to requests sent before the last decrease', async () => {
      const limiter = limiterWith({ maxConcurrent: 2, minDelayMs: 0 });
      const [a, b] = [track(limiter.acquire()), track(limiter.acquire())];
      await clock.advance(0);
      a.permit?.release(THROTTLED);
      b.permit?.release(THROTTLED);
      expect(limiter.status().allowedRequestsPerMinute).toBe(60);
      // A request sent at the lowered rate that meets a 429 lowers it again.
      const c = await expectStartAt(track(limiter.acquire()), t0 + 1000);
      c.release(THROTTLED);
      expect(limiter.status().allowedRequestsPerMinute).toBe(30);
    });

    it('raises the rate with the seconds of success, back to the maximum', async () => {
      const limiter = limiterWith({ maxConcurrent: 1, minDelayMs: 0 });
      (await expectStartAt(track(limiter.acquire()), t0)).release(THROTTLED);
      const perSecond = 120 / FULL_RECOVERY_SECONDS;
      let seen = 60;
      while (seen < 120) {
        const next = track(limiter.acquire());
        await clock.advance(Math.ceil(60_000 / seen) + 1); // status rounds the rate
        next.permit?.release(SUCCESS);
        const expected = Math.min(120, 60 + ((clock.now() - t0) / 1000) * perSecond);
        seen = limiter.status().allowedRequestsPerMinute;
        expect(seen).toBeCloseTo(expected, 0);
      }
      // Half the maximum back in FULL_RECOVERY_SECONDS / 2, not after tens of requests.
      expect(clock.now() - t0).toBeLessThanOrEqual((FULL_RECOVERY_SECONDS / 2) * 1000 + 1000);
      expect(limiter.status()).toMatchObject({
        allowedRateReason: 'configured-maximum',
        throttled: false,
        currentDelayMs: 500, // still paced at 120/min: this server has pushed back once
      });
    });

    it('with a multiplier of 1 never lowers the rate', async () => {
      const limiter = limiterWith({ maxConcurrent: 1, minDelayMs: 0, backoffMultiplier: 1 });
      (await expectStartAt(track(limiter.acquire()), t0)).release(THROTTLED);
      expect(limiter.status()).toMatchObject({ allowedRequestsPerMinute: 120, throttled: false });
    });
  });

  describe('Retry-After', () => {
    it('is obeyed exactly, beyond maxDelayMs', async () => {
      const limiter = limiterWith({ maxConcurrent: 1, maxDelayMs: 5000 });
      const a = await expectStartAt(track(limiter.acquire()), t0);
      a.release({ kind: 'throttled', retryAfterMs: parseRetryAfter('120', clock.now()) });
      const b = track(limiter.acquire());
      await clock.advance(1);
      expect(limiter.status()).toMatchObject({
        throttled: true,
        waitingFor: 'retry-after',
        retryAfterUntil: new Date(t0 + 120_000).toISOString(),
      });
      await expectStartAt(b, t0 + 120_000);
      expect(limiter.status().retryAfterUntil).toBeNull();
    });

    it('neither lowers the rate nor compounds: every "wait 1 s" costs 1 s', async () => {
      const limiter = limiterWith({ maxRequestsPerMinute: 1200, maxConcurrent: 1, minDelayMs: 0 });
      let at = t0;
      for (let i = 0; i < 6; i++) {
        const permit = await expectStartAt(track(limiter.acquire()), at);
        permit.release({ kind: 'throttled', retryAfterMs: 1000 });
        expect(limiter.status()).toMatchObject({
          allowedRequestsPerMinute: 1200,
          allowedRateReason: 'configured-maximum',
          // Paced at the allowed rate now that the server has pushed back: no bursts.
          currentDelayMs: 50,
        });
        at += 1000;
      }
    });

    it('honours an HTTP-date on a 503', async () => {
      const limiter = limiterWith({ maxConcurrent: 1 });
      const a = await expectStartAt(track(limiter.acquire()), t0);
      const header = new Date(t0 + 45_000).toUTCString();
      a.release({ kind: 'server-error', retryAfterMs: parseRetryAfter(header, clock.now()) });
      await expectStartAt(track(limiter.acquire()), t0 + 45_000);
    });

    it('keeps the later of a Retry-After and a lowered-rate gap', async () => {
      const limiter = limiterWith({ maxConcurrent: 2, minDelayMs: 0 });
      const [a, b] = [track(limiter.acquire()), track(limiter.acquire())];
      await clock.advance(0);
      a.permit?.release(THROTTLED); // 60/min: the next start waits 1 s
      b.permit?.release({ kind: 'throttled', retryAfterMs: 400 });
      await expectStartAt(track(limiter.acquire()), t0 + 1000);
    });

    it('never lowers an earlier Retry-After floor', async () => {
      const limiter = limiterWith({ maxConcurrent: 2, minDelayMs: 0 });
      const [a, b, c] = [0, 1, 2].map(() => track(limiter.acquire()));
      await clock.advance(0);
      a.permit?.release({ kind: 'throttled', retryAfterMs: 60_000 });
      b.permit?.release({ kind: 'throttled', retryAfterMs: 5000 });
      await expectStartAt(c, t0 + 60_000);
    });

    it('caps a raw Retry-After at MAX_RETRY_AFTER_MS', async () => {
      const limiter = limiterWith({ maxConcurrent: 1 });
      const a = await expectStartAt(track(limiter.acquire()), t0);
      a.release({ kind: 'throttled', retryAfterMs: 10 * MAX_RETRY_AFTER_MS });
      await expectStartAt(track(limiter.acquire()), t0 + MAX_RETRY_AFTER_MS);
    });
  });

  it('treats an aborted outcome as neutral', async () => {
    const limiter = limiterWith({ maxConcurrent: 1 });
    const permit = await expectStartAt(track(limiter.acquire()), t0);
    permit.release({ kind: 'aborted' });
    expect(limiter.status()).toMatchObject({ currentDelayMs: 250, throttled: false });
    await expectStartAt(track(limiter.acquire()), t0 + 250);
  });

  describe('an abort ends every kind of wait at once', () => {
    /** Puts the limiter in a state where the next acquire() waits for `kind`. */
    async function holdBack(kind: LimiterWait): Promise<RateLimiter> {
      const configs: Record<LimiterWait, Partial<RateLimitConfig>> = {
        'retry-after': { maxConcurrent: 1, minDelayMs: 0 },
        'allowed-rate': { maxConcurrent: 1, minDelayMs: 0, maxDelayMs: 600_000 },
        pause: { maxConcurrent: 1, minDelayMs: 0, pauseEveryRequests: 1, pauseMs: 600_000 },
        window: { maxRequestsPerMinute: 1, maxConcurrent: 1, minDelayMs: 0 },
        'min-delay': { maxConcurrent: 1, minDelayMs: 60_000, maxDelayMs: 60_000 },
        concurrency: { maxConcurrent: 1, minDelayMs: 0 },
      };
      const limiter = limiterWith(configs[kind]);
      const first = await expectStartAt(track(limiter.acquire()), t0);
      if (kind === 'retry-after') first.release({ kind: 'throttled', retryAfterMs: 3_600_000 });
      else if (kind === 'allowed-rate') {
        // Ten server errors in a row take the rate to its floor of 0.1/min (a 10 min gap).
        first.release({ kind: 'server-error' });
        for (let i = 0; i < 10; i++) {
          const next = track(limiter.acquire());
          await clock.advance(600_000);
          next.permit?.release({ kind: 'server-error' });
        }
      } else if (kind !== 'concurrency') first.release(SUCCESS);
      return limiter;
    }

    it.each<LimiterWait>([
      'retry-after',
      'allowed-rate',
      'pause',
      'window',
      'min-delay',
      'concurrency',
    ])('%s', async (kind) => {
      const limiter = await holdBack(kind);
      const controller = new AbortController();
      const waiting = track(limiter.acquire(controller.signal));
      await clock.advance(1);
      expect(limiter.status()).toMatchObject({ waiting: 1, waitingFor: kind });
      const reason = new Error('job cancelled');
      controller.abort(reason);
      await clock.advance(0);
      // Rejected without the clock moving on: nothing waits out the rule.
      expect(waiting.error).toBe(reason);
      expect(waiting.permit).toBeUndefined();
      expect(limiter.status()).toMatchObject({ waiting: 0, waitingFor: null });
      expect(clock.pendingSleepers).toBe(0);
    });
  });

  describe('pause every pauseEveryRequests starts', () => {
    it('holds the start after every Nth for pauseMs from that start, and says so', async () => {
      const limiter = limiterWith({ pauseEveryRequests: 3, pauseMs: 5000, maxConcurrent: 1 });
      const expected = [0, 250, 500, 5500, 5750, 6000, 11_000].map((ms) => t0 + ms);
      for (const [i, at] of expected.entries()) {
        const permit = await expectStartAt(track(limiter.acquire()), at);
        if (i === 2) {
          expect(limiter.status()).toMatchObject({
            requestsMade: 3,
            pausedUntil: new Date(t0 + 5500).toISOString(),
            throttled: false,
          });
        } else if (i === 5) {
          expect(limiter.status().pausedUntil).toBe(new Date(t0 + 11_000).toISOString());
        } else {
          expect(limiter.status().pausedUntil).toBeNull();
        }
        permit.release(SUCCESS);
      }
    });

    it('counts the pause from the Nth start, not from its release', async () => {
      const limiter = limiterWith({ pauseEveryRequests: 1, pauseMs: 5000, maxConcurrent: 1 });
      const a = track(limiter.acquire());
      const b = track(limiter.acquire());
      const c = track(limiter.acquire());
      await clock.advance(3000);
      a.permit?.release(SUCCESS);
      await expectStartAt(b, t0 + 5000);
      // A request slower than the pause is followed at once (after the usual gap).
      await clock.advance(8000);
      b.permit?.release(SUCCESS);
      await expectStartAt(c, t0 + 13_000);
    });

    it('keeps waiters in arrival order across pauses; aborted waiters do not count', async () => {
      const limiter = limiterWith({
        pauseEveryRequests: 2,
        pauseMs: 1000,
        maxConcurrent: 8,
        minDelayMs: 0,
      });
      const order: number[] = [];
      const controller = new AbortController();
      const waiters = [0, 1, 2, 3, 4, 5].map((id) => {
        const pending = limiter.acquire(id === 2 ? controller.signal : undefined);
        pending.then(
          () => order.push(id),
          () => undefined,
        );
        return track(pending);
      });
      await clock.advance(0);
      controller.abort();
      await clock.advance(5000);
      expect(waiters.map((w) => w.startedAt)).toEqual([
        t0,
        t0,
        undefined,
        t0 + 1000,
        t0 + 1000,
        t0 + 2000,
      ]);
      expect(order).toEqual([0, 1, 3, 4, 5]);
      expect(limiter.status()).toMatchObject({ requestsMade: 5, waiting: 0 });
    });

    it('never pauses with pauseEveryRequests 0, nor for long with pauseMs 0', async () => {
      for (const pause of [
        { pauseEveryRequests: 0, pauseMs: 600_000 },
        { pauseEveryRequests: 1, pauseMs: 0 },
      ]) {
        const limiter = limiterWith({
          ...pause,
          maxRequestsPerMinute: 60_000,
          maxConcurrent: 1,
          minDelayMs: 0,
        });
        for (let i = 0; i < 250; i++) {
          (await expectStartAt(track(limiter.acquire()), clock.now())).release(SUCCESS);
        }
        expect(limiter.status()).toMatchObject({ requestsMade: 250, pausedUntil: null });
      }
      expect(clock.now()).toBe(t0);
    });

    it('combines with the sliding window: each start waits for the later of the two', async () => {
      const limiter = limiterWith({
        maxRequestsPerMinute: 3,
        maxConcurrent: 8,
        minDelayMs: 0,
        pauseEveryRequests: 2,
        pauseMs: 10_000,
      });
      const all = [0, 1, 2, 3, 4, 5, 6].map(() => track(limiter.acquire()));
      await clock.advance(200_000);
      expect(all.map((w) => (w.startedAt ?? NaN) - t0)).toEqual([
        0, 0, 10_000, 60_000, 70_000, 70_000, 120_000,
      ]);
    });

    it('keeps the later of a pause and a Retry-After floor', async () => {
      const limiter = limiterWith({
        maxConcurrent: 1,
        minDelayMs: 0,
        pauseEveryRequests: 2,
        pauseMs: 5000,
      });
      (await expectStartAt(track(limiter.acquire()), t0)).release(SUCCESS);
      const b = await expectStartAt(track(limiter.acquire()), t0);
      await clock.advance(100);
      b.release({ kind: 'throttled', retryAfterMs: 20_000 });
      // Retry-After (t0 + 20.1 s) beats the pause (t0 + 5 s); it adds no gap of its own.
      const c = await expectStartAt(track(limiter.acquire()), t0 + 20_100);
      c.release(SUCCESS);
      // One gap at the allowed rate (120/min) later, this 4th start begins the next pause.
      const d = await expectStartAt(track(limiter.acquire()), t0 + 20_600);
      d.release(SUCCESS);
      const e = track(limiter.acquire());
      await clock.advance(2000);
      expect(limiter.status()).toMatchObject({
        retryAfterUntil: null,
        pausedUntil: new Date(t0 + 25_600).toISOString(),
      });
      await expectStartAt(e, t0 + 25_600);
    });

    it('lets a pause outlast a shorter Retry-After', async () => {
      const limiter = limiterWith({ maxConcurrent: 1, pauseEveryRequests: 1, pauseMs: 30_000 });
      const a = await expectStartAt(track(limiter.acquire()), t0);
      a.release({ kind: 'throttled', retryAfterMs: 1000 });
      await expectStartAt(track(limiter.acquire()), t0 + 30_000);
    });
  });

  it('serves waiters first come, first served', async () => {
    const limiter = limiterWith({ maxConcurrent: 1, minDelayMs: 0 });
    const order: number[] = [];
    const all = [0, 1, 2, 3, 4].map(async (id) => {
      const permit = await limiter.acquire();
      order.push(id);
      await clock.sleep(10);
      permit.release(SUCCESS);
    });
    await clock.advance(1000);
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('removes an aborted waiter and rejects with the signal reason', async () => {
    const limiter = limiterWith({ maxConcurrent: 1, minDelayMs: 0 });
    const holder = track(limiter.acquire());
    const controller = new AbortController();
    const aborted = track(limiter.acquire(controller.signal));
    const next = track(limiter.acquire());
    await clock.advance(0);
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await clock.advance(0);
    expect(aborted.error).toBe(reason);
    expect(limiter.status()).toMatchObject({ waiting: 1, inFlight: 1 });
    await clock.advance(1000);
    holder.permit?.release(SUCCESS);
    await clock.advance(0);
    expect(next.startedAt).toBe(t0 + 1000);
    expect(aborted.permit).toBeUndefined();
    expect(limiter.status().requestsMade).toBe(2);
  });

  it('rejects at once for an already aborted signal, with an AbortError by default', async () => {
    const limiter = limiterWith();
    const controller = new AbortController();
    controller.abort();
    const rejected = track(limiter.acquire(controller.signal));
    await clock.advance(0);
    expect((rejected.error as Error).name).toBe('AbortError');
    expect(limiter.status()).toMatchObject({ waiting: 0, requestsMade: 0 });
  });

  it('wraps a non-Error abort reason, keeping it as the cause', async () => {
    const limiter = limiterWith({ maxConcurrent: 1 });
    track(limiter.acquire());
    const controller = new AbortController();
    const aborted = track(limiter.acquire(controller.signal));
    controller.abort('stop');
    await clock.advance(0);
    expect(aborted.error).toBeInstanceOf(Error);
    expect((aborted.error as Error).cause).toBe('stop');
  });

  it('drops its wake-up when the waiter it was for aborts', async () => {
    const limiter = limiterWith({ minDelayMs: 5000 });
    (await expectStartAt(track(limiter.acquire()), t0)).release(SUCCESS);
    const controller = new AbortController();
    track(limiter.acquire(controller.signal));
    await clock.advance(0);
    expect(clock.pendingSleepers).toBe(1);
    controller.abort();
    await clock.advance(0);
    expect(clock.pendingSleepers).toBe(0);
  });

  it('ignores a second release of the same permit', async () => {
    const limiter = limiterWith({ maxConcurrent: 1, minDelayMs: 0 });
    const permit = await expectStartAt(track(limiter.acquire()), t0);
    permit.release(THROTTLED);
    permit.release(THROTTLED);
    expect(limiter.status()).toMatchObject({ inFlight: 0, allowedRequestsPerMinute: 60 });
    const b = track(limiter.acquire());
    const c = track(limiter.acquire());
    await clock.advance(10_000);
    // Had the second release freed a phantom slot, c would be running beside b.
    expect(b.startedAt).toBe(t0 + 1000);
    expect(c.startedAt).toBeUndefined();
    expect(limiter.status().inFlight).toBe(1);
  });

  it('leaves no pending sleep behind once idle', async () => {
    const limiter = limiterWith();
    const all = [0, 1, 2, 3].map(async () => (await limiter.acquire()).release(SUCCESS));
    await clock.advance(10_000);
    await Promise.all(all);
    expect(clock.pendingSleepers).toBe(0);
    expect(limiter.status()).toMatchObject({ requestsMade: 4, inFlight: 0, waiting: 0 });
  });
});
