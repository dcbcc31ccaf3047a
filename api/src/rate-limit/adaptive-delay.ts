import { RateLimitConfig } from './rate-limit-config';

/**
 * Smallest gap a backoff multiplies from. Without it a minDelayMs of 0 (or a few ms)
 * would "back off" to 0 (or a few ms) and keep hammering a server that just said 429.
 */
export const BACKOFF_FLOOR_MS = 1000;

/**
 * Consecutive successes needed before the gap shrinks one step. Ten keeps recovery slow
 * enough that a server which throttles intermittently is not pushed straight back to
 * full speed after one lucky answer.
 */
export const SUCCESSES_PER_RECOVERY_STEP = 10;

type DelayConfig = Pick<RateLimitConfig, 'minDelayMs' | 'maxDelayMs' | 'backoffMultiplier'>;

/**
 * The gap enforced between consecutive request starts. It grows multiplicatively on each
 * throttle or server error (capped at maxDelayMs) and steps back down by the same factor
 * after every SUCCESSES_PER_RECOVERY_STEP consecutive successes, until it is back at
 * minDelayMs.
 */
export class AdaptiveDelay {
  private delayMs: number;
  private successStreak = 0;

  constructor(private readonly config: DelayConfig) {
    this.delayMs = config.minDelayMs;
  }

  get currentMs(): number {
    return this.delayMs;
  }

  get isBackingOff(): boolean {
    return this.delayMs > this.config.minDelayMs;
  }

  recordFailure(): void {
    const { minDelayMs, maxDelayMs, backoffMultiplier } = this.config;
    this.successStreak = 0;
    const base = Math.max(this.delayMs, minDelayMs, BACKOFF_FLOOR_MS);
    this.delayMs = Math.min(maxDelayMs, Math.ceil(base * backoffMultiplier));
  }

  recordSuccess(): void {
    if (!this.isBackingOff) return;
    this.successStreak++;
    if (this.successStreak < SUCCESSES_PER_RECOVERY_STEP) return;
    this.successStreak = 0;
    const { minDelayMs, backoffMultiplier } = this.config;
    const shrunk = Math.floor(this.delayMs / backoffMultiplier);
    // Below the backoff floor we are back in normal territory, and a multiplier of 1 never
    // shrinks anything: both return straight to the configured pace.
    const backToNormal = backoffMultiplier === 1 || shrunk < BACKOFF_FLOOR_MS;
    this.delayMs = backToNormal ? minDelayMs : Math.max(minDelayMs, shrunk);
  }
}
