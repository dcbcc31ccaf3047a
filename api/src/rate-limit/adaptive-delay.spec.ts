import { AdaptiveDelay, BACKOFF_FLOOR_MS, SUCCESSES_PER_RECOVERY_STEP } from './adaptive-delay';

function succeed(delay: AdaptiveDelay, times: number): void {
  for (let i = 0; i < times; i++) delay.recordSuccess();
}

describe('AdaptiveDelay', () => {
  const polite = { minDelayMs: 250, maxDelayMs: 60_000, backoffMultiplier: 2 };

  it('starts at minDelayMs and is not backing off', () => {
    const delay = new AdaptiveDelay(polite);
    expect(delay.currentMs).toBe(250);
    expect(delay.isBackingOff).toBe(false);
  });

  it('grows from the 1 s floor by the multiplier and stops at maxDelayMs', () => {
    const delay = new AdaptiveDelay(polite);
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      delay.recordFailure();
      seen.push(delay.currentMs);
    }
    expect(seen).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(delay.isBackingOff).toBe(true);
  });

  it('backs off even when minDelayMs is 0', () => {
    const delay = new AdaptiveDelay({ ...polite, minDelayMs: 0 });
    delay.recordFailure();
    expect(delay.currentMs).toBe(BACKOFF_FLOOR_MS * 2);
  });

  it('multiplies from minDelayMs when it is above the floor, rounding up', () => {
    const delay = new AdaptiveDelay({
      minDelayMs: 3000,
      maxDelayMs: 60_000,
      backoffMultiplier: 1.5,
    });
    delay.recordFailure();
    expect(delay.currentMs).toBe(4500);
    delay.recordFailure();
    expect(delay.currentMs).toBe(6750);
    delay.recordFailure();
    expect(delay.currentMs).toBe(10_125);
  });

  it('never exceeds a maxDelayMs below the floor', () => {
    const delay = new AdaptiveDelay({ minDelayMs: 0, maxDelayMs: 100, backoffMultiplier: 10 });
    delay.recordFailure();
    expect(delay.currentMs).toBe(100);
  });

  it('steps down once per SUCCESSES_PER_RECOVERY_STEP successes, back to minDelayMs', () => {
    const delay = new AdaptiveDelay(polite);
    delay.recordFailure();
    delay.recordFailure(); // 4000
    succeed(delay, SUCCESSES_PER_RECOVERY_STEP - 1);
    expect(delay.currentMs).toBe(4000);
    succeed(delay, 1);
    expect(delay.currentMs).toBe(2000);
    succeed(delay, SUCCESSES_PER_RECOVERY_STEP);
    expect(delay.currentMs).toBe(1000);
    // 500 would be below the backoff floor: straight back to the configured pace.
    succeed(delay, SUCCESSES_PER_RECOVERY_STEP);
    expect(delay.currentMs).toBe(250);
    expect(delay.isBackingOff).toBe(false);
  });

  it('restarts the success count on every failure', () => {
    const delay = new AdaptiveDelay(polite);
    delay.recordFailure(); // 2000
    succeed(delay, SUCCESSES_PER_RECOVERY_STEP - 1);
    delay.recordFailure(); // 4000
    succeed(delay, SUCCESSES_PER_RECOVERY_STEP - 1);
    expect(delay.currentMs).toBe(4000);
  });

  it('with a multiplier of 1 pauses at the floor and recovers in one step', () => {
    const delay = new AdaptiveDelay({ ...polite, backoffMultiplier: 1 });
    delay.recordFailure();
    delay.recordFailure();
    expect(delay.currentMs).toBe(BACKOFF_FLOOR_MS);
    succeed(delay, SUCCESSES_PER_RECOVERY_STEP);
    expect(delay.currentMs).toBe(250);
  });

  it('does not go below a minDelayMs above the floor while recovering', () => {
    const delay = new AdaptiveDelay({ minDelayMs: 5000, maxDelayMs: 6000, backoffMultiplier: 2 });
    delay.recordFailure();
    expect(delay.currentMs).toBe(6000);
    succeed(delay, SUCCESSES_PER_RECOVERY_STEP);
    expect(delay.currentMs).toBe(5000);
  });
});
