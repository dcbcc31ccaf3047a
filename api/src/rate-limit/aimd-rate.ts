import { RateLimitConfig } from '../domain/rate-limit-config';

/**
 * Seconds of successful requests the allowed rate needs to climb from nothing back to
 * maxRequestsPerMinute. Recovery is paced by time, not by a count of successes, so a slow
 * job recovers as fast as a quick one: from half the maximum in 15 s.
 */
export const FULL_RECOVERY_SECONDS = 30;

/** Why the allowed rate is what it is (shown in the live limiter status). */
export const ALLOWED_RATE_REASONS = [
  'configured-maximum',
  'lowered-after-throttle',
  'lowered-after-server-error',
] as const;
export type AllowedRateReason = (typeof ALLOWED_RATE_REASONS)[number];

type AimdConfig = Pick<
  RateLimitConfig,
  'maxRequestsPerMinute' | 'maxDelayMs' | 'backoffMultiplier'
>;

/**
 * The allowed request rate under additive-increase, multiplicative-decrease control, as
 * TCP controls its window: a push-back without Retry-After (429, 5xx, timeout) divides
 * the rate by backoffMultiplier, each success adds maxRequestsPerMinute /
 * FULL_RECOVERY_SECONDS per second elapsed since the last change. It stays between a floor
 * (one request per maxDelayMs) and maxRequestsPerMinute.
 *
 * Only a push-back to a request started after the last decrease lowers the rate again:
 * the requests already in flight were sent at the old rate, and their answers say nothing
 * about the new one (TCP's one reduction per window). Without that rule, two requests in
 * flight that both meet a 429 would quarter the rate.
 */
export class AimdRate {
  readonly ceilingPerMinute: number;
  readonly floorPerMinute: number;
  private readonly increasePerMs: number;
  private perMinute: number;
  private why: AllowedRateReason = 'configured-maximum';
  private lastDecreaseAt: number | undefined;
  private lastChangeAt: number | undefined;
  private pushedBack = false;

  constructor(private readonly config: AimdConfig) {
    this.ceilingPerMinute = config.maxRequestsPerMinute;
    this.floorPerMinute = Math.min(this.ceilingPerMinute, 60_000 / config.maxDelayMs);
    this.increasePerMs = this.ceilingPerMinute / FULL_RECOVERY_SECONDS / 1000;
    this.perMinute = this.ceilingPerMinute;
  }

  get requestsPerMinute(): number {
    return this.perMinute;
  }

  get reason(): AllowedRateReason {
    return this.why;
  }

  /** True while the rate is below maxRequestsPerMinute. */
  get isLowered(): boolean {
    return this.perMinute < this.ceilingPerMinute;
  }

  /**
   * Gap between starts at the allowed rate, once the upstream has pushed back; 0 before.
   * Until then only the sliding window holds, and a job may burst; an upstream that has
   * shown a limit of its own gets evenly spaced requests instead, because a burst is what
   * meets its limit (each burst into a window-limited server costs a 429).
   */
  get pacingGapMs(): number {
    return this.pushedBack ? 60_000 / this.perMinute : 0;
  }

  /** When the last decrease happened; the next start waits one pacing gap from it. */
  get decreasedAt(): number | undefined {
    return this.lastDecreaseAt;
  }

  recordSuccess(nowMs: number): void {
    if (!this.isLowered) return;
    const since = this.lastChangeAt ?? nowMs;
    this.perMinute = Math.min(
      this.ceilingPerMinute,
      this.perMinute + Math.max(0, nowMs - since) * this.increasePerMs,
    );
    this.lastChangeAt = nowMs;
    if (!this.isLowered) this.why = 'configured-maximum';
  }

  /** Any push-back, Retry-After or not: from now on starts are paced at the allowed rate. */
  recordPushBackSeen(): void {
    this.pushedBack = true;
  }

  /**
   * A push-back without Retry-After to a request that started at `startedAtMs`. Returns
   * whether it lowered the rate.
   */
  recordPushBack(kind: 'throttled' | 'server-error', startedAtMs: number, nowMs: number): boolean {
    this.pushedBack = true;
    if (this.lastDecreaseAt !== undefined && startedAtMs <= this.lastDecreaseAt) return false;
    this.perMinute = Math.max(this.floorPerMinute, this.perMinute / this.config.backoffMultiplier);
    this.lastDecreaseAt = nowMs;
    this.lastChangeAt = nowMs;
    if (this.isLowered) {
      this.why = kind === 'throttled' ? 'lowered-after-throttle' : 'lowered-after-server-error';
    }
    return true;
  }
}
