import fc from 'fast-check';
import { FakeClock } from '../common/clock';
import { RateLimitConfig } from '../domain/rate-limit-config';
import { RateLimiter } from './rate-limiter';
import { RequestOutcome } from './request-permit';
import { MAX_RETRY_AFTER_MS } from './retry-after';
import { WINDOW_MS } from './start-time-window';

interface TaskPlan {
  arrivalMs: number;
  durationMs: number;
  outcome: RequestOutcome;
  /** When set, the task gives up waiting this long after it arrives. */
  abortAfterMs?: number;
}

interface SimulationResult {
  /** Start times, relative to the moment the simulation began, in grant order. */
  starts: number[];
  /** Task indexes in the order they called acquire() and the order they were granted. */
  acquireOrder: number[];
  grantOrder: number[];
  maxInFlight: number;
  abortedWhileWaiting: number[];
  /** Starts that happened before a Retry-After floor an earlier answer had set. */
  floorViolations: string[];
  /** The adaptive rate after the last release. */
  allowedRequestsPerMinute: number;
}

// Generous: 40 tasks at 1 rpm behind 20 s Retry-Afters still finish within a few hours.
const MAX_SIMULATED_MINUTES = 10 * 24 * 60;

/**
 * Runs every task against one limiter on a FakeClock, advancing a minute at a time until
 * all tasks have settled. FakeClock wakes sleepers in deadline order and flushes
 * microtasks between them, so each observation happens at the instant the limiter acted.
 */
async function simulate(config: RateLimitConfig, tasks: TaskPlan[]): Promise<SimulationResult> {
  const clock = new FakeClock();
  const limiter = new RateLimiter(config, clock);
  const origin = clock.now();
  const result: SimulationResult = {
    starts: [],
    acquireOrder: [],
    grantOrder: [],
    maxInFlight: 0,
    abortedWhileWaiting: [],
    floorViolations: [],
    allowedRequestsPerMinute: NaN,
  };
  let inFlight = 0;
  let retryAfterFloor = -Infinity;

  const run = async (task: TaskPlan, index: number): Promise<void> => {
    await clock.sleep(task.arrivalMs);
    const controller = new AbortController();
    if (task.abortAfterMs !== undefined) {
      void clock.sleep(task.abortAfterMs).then(() => controller.abort());
    }
    result.acquireOrder.push(index);
    let permit;
    try {
      permit = await limiter.acquire(controller.signal);
    } catch {
      result.abortedWhileWaiting.push(index);
      return;
    }
    const startedAt = clock.now();
    if (startedAt < retryAfterFloor) {
      result.floorViolations.push(`task ${index} at ${startedAt} < ${retryAfterFloor}`);
    }
    result.starts.push(startedAt - origin);
    result.grantOrder.push(index);
    result.maxInFlight = Math.max(result.maxInFlight, ++inFlight);
    await clock.sleep(task.durationMs);
    inFlight--;
    const { outcome } = task;
    if ((outcome.kind === 'throttled' || outcome.kind === 'server-error') && outcome.retryAfterMs) {
      const floorMs = Math.min(MAX_RETRY_AFTER_MS, Math.ceil(outcome.retryAfterMs));
      retryAfterFloor = Math.max(retryAfterFloor, clock.now() + floorMs);
    }
    permit.release(outcome);
  };

  let settled = false;
  const all = Promise.all(tasks.map(run)).then(() => {
    settled = true;
  });
  for (let minute = 0; !settled; minute++) {
    if (minute > MAX_SIMULATED_MINUTES) throw new Error('simulation stalled');
    await clock.advance(60_000);
  }
  await all;
  expect(limiter.status()).toMatchObject({
    requestsMade: result.starts.length,
    inFlight: 0,
    waiting: 0,
  });
  result.allowedRequestsPerMinute = limiter.status().allowedRequestsPerMinute;
  return result;
}

const configArb: fc.Arbitrary<RateLimitConfig> = fc
  .record({
    maxRequestsPerMinute: fc.oneof(
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 200 }),
    ),
    maxConcurrent: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 32 })),
    minDelayMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
    extraDelayMs: fc.integer({ min: 0, max: 20_000 }),
    backoffMultiplier: fc.double({ min: 1, max: 4, noNaN: true }),
    // Small counts so pauses happen inside 40 tasks; 0 (never) and large counts as well.
    pauseEveryRequests: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 10_000 }),
    ),
    pauseMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30_000 })),
  })
  .map(({ extraDelayMs, ...config }) => ({
    ...config,
    maxDelayMs: Math.max(100, config.minDelayMs + extraDelayMs),
  }));

const retryAfterArb = fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined });

const outcomeArb: fc.Arbitrary<RequestOutcome> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'success' as const }) },
  {
    weight: 2,
    arbitrary: retryAfterArb.map((ms) => ({ kind: 'throttled' as const, retryAfterMs: ms })),
  },
  {
    weight: 1,
    arbitrary: retryAfterArb.map((ms) => ({ kind: 'server-error' as const, retryAfterMs: ms })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'aborted' as const }) },
);

const taskArb: fc.Arbitrary<TaskPlan> = fc.record(
  {
    // Half the tasks burst in at time 0, the rest trickle in over two minutes.
    arrivalMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120_000 })),
    durationMs: fc.integer({ min: 0, max: 5000 }),
    outcome: outcomeArb,
    abortAfterMs: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: undefined, freq: 8 }),
  },
  { requiredKeys: ['arrivalMs', 'durationMs', 'outcome'] },
);

const tasksArb = fc.array(taskArb, { minLength: 1, maxLength: 40 });

function expectWindowRespected(starts: number[], maxPerMinute: number): void {
  for (let i = maxPerMinute; i < starts.length; i++) {
    // Starts i - rpm .. i are rpm + 1 starts; they must not fit inside one window.
    expect(starts[i] - starts[i - maxPerMinute]).toBeGreaterThanOrEqual(WINDOW_MS);
  }
}

/** Never more than pauseEveryRequests starts in a row without a pause of pauseMs after them. */
function expectPausesRespected(starts: number[], config: RateLimitConfig): void {
  const every = config.pauseEveryRequests;
  if (every === 0) return;
  for (let i = every; i < starts.length; i += every) {
    expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(config.pauseMs);
  }
}

describe('RateLimiter properties (FakeClock)', () => {
  it('keeps every guarantee under random configs, arrivals, durations and outcomes', async () => {
    await fc.assert(
      fc.asyncProperty(configArb, tasksArb, async (config, tasks) => {
        const result = await simulate(config, tasks);

        expectWindowRespected(result.starts, config.maxRequestsPerMinute);
        expect(result.maxInFlight).toBeLessThanOrEqual(config.maxConcurrent);
        for (let i = 1; i < result.starts.length; i++) {
          expect(result.starts[i] - result.starts[i - 1]).toBeGreaterThanOrEqual(config.minDelayMs);
        }
        expect(result.floorViolations).toEqual([]);
        expectPausesRespected(result.starts, config);
        // AIMD stays between its floor (one request per maxDelayMs) and the maximum.
        const floor = Math.min(config.maxRequestsPerMinute, 60_000 / config.maxDelayMs);
        expect(result.allowedRequestsPerMinute).toBeLessThanOrEqual(config.maxRequestsPerMinute);
        expect(result.allowedRequestsPerMinute).toBeGreaterThanOrEqual(
          Math.round(floor * 10) / 10 - 0.05,
        );

        // Every task either ran or gave up while waiting; only tasks that abort give up.
        expect(result.starts.length + result.abortedWhileWaiting.length).toBe(tasks.length);
        for (const index of result.abortedWhileWaiting) {
          expect(tasks[index].abortAfterMs).toBeDefined();
        }
        const granted = new Set(result.grantOrder);
        expect(result.grantOrder).toEqual(result.acquireOrder.filter((i) => granted.has(i)));
      }),
      { numRuns: 150 },
    );
  });

  it('is exact, not merely safe: healthy requests start as early as allowed', async () => {
    const healthyTask = taskArb.map((task) => ({
      ...task,
      outcome: { kind: 'success' as const },
      abortAfterMs: undefined,
    }));
    const roomyConfig = configArb.map((config) => ({ ...config, maxConcurrent: 32 }));
    await fc.assert(
      fc.asyncProperty(
        roomyConfig,
        fc.array(healthyTask, { minLength: 1, maxLength: 32 }),
        async (config, tasks) => {
          const result = await simulate(config, tasks);
          const rpm = config.maxRequestsPerMinute;
          const expected: number[] = [];
          result.grantOrder.forEach((taskIndex, k) => {
            const arrival = tasks[taskIndex].arrivalMs;
            const afterGap = k > 0 ? expected[k - 1] + config.minDelayMs : -Infinity;
            const windowFree = k >= rpm ? expected[k - rpm] + WINDOW_MS : -Infinity;
            const every = config.pauseEveryRequests;
            const pauseOver =
              every > 0 && k > 0 && k % every === 0 ? expected[k - 1] + config.pauseMs : -Infinity;
            expected.push(Math.max(arrival, afterGap, windowFree, pauseOver));
          });
          expect(result.starts).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('carries a 50,000-request job through one limiter', async () => {
    const config: RateLimitConfig = {
      maxRequestsPerMinute: 6000,
      maxConcurrent: 8,
      minDelayMs: 0,
      maxDelayMs: 1000,
      backoffMultiplier: 2,
      pauseEveryRequests: 100,
      pauseMs: 5000,
    };
    const clock = new FakeClock();
    const limiter = new RateLimiter(config, clock);
    const total = 50_000;
    const starts: number[] = [];
    let next = 0;
    // A worker pool, like a job issuing one request per (date, district) item.
    const worker = async (): Promise<void> => {
      while (next < total) {
        const item = next++;
        const permit = await limiter.acquire();
        starts.push(clock.now());
        await clock.sleep(item % 7);
        permit.release(item % 997 === 0 ? { kind: 'server-error' } : { kind: 'success' });
      }
    };
    let settled = false;
    const workers = Promise.all(Array.from({ length: 16 }, worker)).then(() => {
      settled = true;
    });
    while (!settled) await clock.advance(60_000);
    await workers;

    expect(starts).toHaveLength(total);
    expect(limiter.status()).toMatchObject({ requestsMade: total, inFlight: 0, waiting: 0 });
    expectWindowRespected(starts, config.maxRequestsPerMinute);
    expectPausesRespected(starts, config);
    expect(clock.pendingSleepers).toBe(0);
  });
});
