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
