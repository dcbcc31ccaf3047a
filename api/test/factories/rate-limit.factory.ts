/**
 * A rate-limit config as stored before `pauseEveryRequests` and `pauseMs` existed: every
 * store and the API must read it with those two taking their defaults.
 */
export const RATE_LIMIT_CONFIG_BEFORE_PAUSE = Object.freeze({
  maxRequestsPerMinute: 60,
  maxConcurrent: 1,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  backoffMultiplier: 3,
});

/**
 * A rate limit that stays out of a test's way: far above what the emulator needs, and no
 * politeness pause, which would only slow the collection a test starts from. The limiter's
 * own specs test pacing and pauses.
 */
export const FAST_RATE_LIMIT = Object.freeze({
  maxRequestsPerMinute: 6000,
  maxConcurrent: 4,
  minDelayMs: 0,
  maxDelayMs: 1500,
  backoffMultiplier: 2,
  pauseEveryRequests: 0,
});
