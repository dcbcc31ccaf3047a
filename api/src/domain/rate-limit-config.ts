/** How politely every upstream request is paced. Applied by `RateLimiter`. */
export interface RateLimitConfig {
  /** Hard cap on request starts inside any sliding 60 s window. */
  maxRequestsPerMinute: number;
  /** Hard cap on requests in flight at once. */
  maxConcurrent: number;
  /** Smallest gap between consecutive starts, always. */
  minDelayMs: number;
  /**
   * The floor of the adaptive rate is one start per maxDelayMs. (Before the AIMD control it
   * was the ceiling of a multiplied gap; saved configs keep the field and its bounds.)
   */
  maxDelayMs: number;
  /**
   * The allowed rate is divided by this on a throttle/server error without Retry-After;
   * 1 never lowers it. (It used to multiply the gap.)
   */
  backoffMultiplier: number;
  /** After every this many request starts, the next start waits for `pauseMs`; 0 never. */
  pauseEveryRequests: number;
  /** How long the start after every `pauseEveryRequests`-th waits, from that start. */
  pauseMs: number;
}

/**
 * 120 rpm is 2 requests/second, the low end of the pace the dashboard tolerated; two in
 * flight lets one slow 50 KB download overlap the next without hammering the server. A
 * 5 s pause every 100 requests is the "pause every 50-100 requests" that also worked.
 */
export const DEFAULT_RATE_LIMIT_CONFIG: Readonly<RateLimitConfig> = Object.freeze({
  maxRequestsPerMinute: 120,
  maxConcurrent: 2,
  minDelayMs: 250,
  maxDelayMs: 60_000,
  backoffMultiplier: 2,
  pauseEveryRequests: 100,
  pauseMs: 5_000,
});

export interface NumericBound {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/** Shared with the DTOs so the API rejects exactly what the limiter would reject. */
export const RATE_LIMIT_BOUNDS = {
  // 1,000 requests/s: far above anything polite, but lets benchmarks measure the engine.
  maxRequestsPerMinute: { min: 1, max: 60_000, integer: true },
  maxConcurrent: { min: 1, max: 32, integer: true },
  minDelayMs: { min: 0, max: 60_000, integer: true },
  maxDelayMs: { min: 100, max: 600_000, integer: true },
  backoffMultiplier: { min: 1, max: 10, integer: false },
  pauseEveryRequests: { min: 0, max: 10_000, integer: true },
  pauseMs: { min: 0, max: 600_000, integer: true },
} as const satisfies Record<keyof RateLimitConfig, NumericBound>;

const FIELDS = Object.keys(RATE_LIMIT_BOUNDS) as (keyof RateLimitConfig)[];

export class RateLimitConfigError extends Error {
  override readonly name = 'RateLimitConfigError';

  constructor(readonly details: string[]) {
    super(`Invalid rate-limit config: ${details.join('; ')}`);
  }
}

/** Returns one message per problem, each naming the field; empty when the config is valid. */
export function validateRateLimitConfig(config: RateLimitConfig): string[] {
  const problems: string[] = [];
  for (const field of FIELDS) {
    const problem = checkBound(field, config[field], RATE_LIMIT_BOUNDS[field]);
    if (problem) problems.push(problem);
  }
  if (problems.length === 0 && config.minDelayMs > config.maxDelayMs) {
    problems.push(
      `minDelayMs (${config.minDelayMs}) must not exceed maxDelayMs (${config.maxDelayMs})`,
    );
  }
  return problems;
}

/**
 * Applies an override on top of `base`. Fields that are absent or `undefined` keep the
 * base value, because class-transformer leaves omitted optional DTO fields as `undefined`.
 * @throws RateLimitConfigError when the merged result is invalid.
 */
export function mergeRateLimitConfig(
  base: Readonly<RateLimitConfig>,
  partial: Partial<RateLimitConfig>,
): RateLimitConfig {
  const merged: RateLimitConfig = { ...base };
  for (const field of FIELDS) {
    const value = partial[field];
    if (value !== undefined) merged[field] = value;
  }
  const problems = validateRateLimitConfig(merged);
  if (problems.length > 0) throw new RateLimitConfigError(problems);
  return merged;
}

function checkBound(field: string, value: unknown, bound: NumericBound): string | undefined {
  const kind = bound.integer ? 'an integer' : 'a number';
  const expected = `${field} must be ${kind} between ${bound.min} and ${bound.max}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${expected}, got ${describe(value)}`;
  }
  if (bound.integer && !Number.isInteger(value)) return `${expected}, got ${value}`;
  if (value < bound.min || value > bound.max) return `${expected}, got ${value}`;
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}
