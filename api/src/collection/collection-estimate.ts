import type { RateLimitConfig } from '../domain/rate-limit-config';

/**
 * Until a job has measured the upstream, previews assume this response time. The real
 * dashboard answers a district's club report in roughly one to two seconds.
 */
export const ASSUMED_UPSTREAM_LATENCY_MS = 1500;

/** Requests per second the limiter allows with this config, at the assumed latency. */
export function sustainableRequestRate(config: RateLimitConfig, latencyMs: number): number {
  const byWindow = config.maxRequestsPerMinute / 60;
  const bySpacing = config.minDelayMs > 0 ? 1000 / config.minDelayMs : Infinity;
  const byConcurrency = (config.maxConcurrent * 1000) / Math.max(1, latencyMs);
  return Math.min(byWindow, bySpacing, byConcurrency);
}

/**
 * Seconds `requests` take under the config; rounded up. A pause follows every
 * pauseEveryRequests-th start that has another start after it; it replaces the usual gap
 * after that start rather than adding to it.
 */
export function estimateSeconds(
  requests: number,
  config: RateLimitConfig,
  latencyMs = ASSUMED_UPSTREAM_LATENCY_MS,
): number {
  if (requests === 0) return 0;
  const rate = sustainableRequestRate(config, latencyMs);
  const pauses =
    config.pauseEveryRequests > 0 ? Math.floor((requests - 1) / config.pauseEveryRequests) : 0;
  const extraPerPause = Math.max(0, config.pauseMs / 1000 - 1 / rate);
  return Math.ceil(requests / rate + pauses * extraPerPause);
}
