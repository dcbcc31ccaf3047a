import type { RateLimitConfig } from '../rate-limit/rate-limit-config';

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

/** Seconds `requests` take under the config; rounded up. */
export function estimateSeconds(
  requests: number,
  config: RateLimitConfig,
  latencyMs = ASSUMED_UPSTREAM_LATENCY_MS,
): number {
  if (requests === 0) return 0;
  return Math.ceil(requests / sustainableRequestRate(config, latencyMs));
}
