/**
 * How the request that held a permit ended, as far as politeness is concerned. The one
 * definition: the dashboard client reports with it and the limiter reacts to it.
 * - success: any answer that is not a throttle or server problem, permanent 4xx included.
 * - throttled: 429 (or an equivalent "slow down").
 * - server-error: 5xx, timeout, connection reset, truncated body.
 * - aborted: the caller gave up (job cancelled); says nothing about the server.
 * `retryAfterMs` is the server's own Retry-After, when it sent one.
 */
export type RequestOutcome =
  | { kind: 'success' }
  | { kind: 'throttled'; retryAfterMs?: number }
  | { kind: 'server-error'; retryAfterMs?: number }
  | { kind: 'aborted' };

/** Held for the duration of one upstream request. Releasing twice is a no-op. */
export interface RequestPermit {
  release(outcome: RequestOutcome): void;
}

/** Whatever decides when the next upstream request may start (the RateLimiter in production). */
export interface RequestGate {
  /** Resolves when the request may start; rejects with the abort reason once `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<RequestPermit>;
}
