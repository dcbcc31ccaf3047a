import { Clock } from '../common/clock';
import { AdaptiveDelay } from './adaptive-delay';
import {
  RateLimitConfig,
  RateLimitConfigError,
  validateRateLimitConfig,
} from './rate-limit-config';
import { MAX_RETRY_AFTER_MS } from './retry-after';
import { StartTimeWindow } from './start-time-window';

/**
 * How the request that held a permit ended, as far as politeness is concerned.
 * - success: any answer that is not a throttle or server problem, permanent 4xx included.
 * - throttled: 429 (or an equivalent "slow down").
 * - server-error: 5xx, timeout, connection reset, truncated body.
 * - aborted: the caller gave up (job cancelled); says nothing about the server.
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

export interface RateLimiterStatus {
  /** Permits granted since the limiter was created. */
  requestsMade: number;
  inFlight: number;
  waiting: number;
  currentDelayMs: number;
  /** True while the gap is above minDelayMs or a Retry-After floor is still ahead. */
  throttled: boolean;
  /** Last throttle or server error, ISO 8601; null if none yet. */
  lastThrottledAt: string | null;
  /** End of the Retry-After floor while it is still ahead, ISO 8601; otherwise null. */
  retryAfterUntil: string | null;
  /** End of the pause after a pauseEveryRequests-th start while it lasts, ISO 8601; else null. */
  pausedUntil: string | null;
  config: RateLimitConfig;
}

interface Waiter {
  resolve(permit: RequestPermit): void;
  stopListeningForAbort(): void;
}

interface WakeUp {
  atMs: number;
  cancel: AbortController;
}

/**
 * The single gate every upstream request passes. A request may start only when all hold:
 * fewer than maxConcurrent permits are out, the current adaptive gap has passed since the
 * previous start and since the last throttle/server error, any Retry-After floor has
 * passed, the start keeps every sliding 60 s window at or under maxRequestsPerMinute, and,
 * after every pauseEveryRequests-th start, pauseMs has passed since that start.
 * Waiters are served strictly in arrival order. Time passes only through the injected
 * Clock, so FakeClock drives it in tests.
 */
export class RateLimiter {
  private readonly config: Readonly<RateLimitConfig>;
  private readonly window: StartTimeWindow;
  private readonly delay: AdaptiveDelay;
  // A Set keeps insertion order (FIFO) and removes an aborted waiter in O(1).
  private readonly waiters = new Set<Waiter>();
  private inFlight = 0;
  private requestsMade = 0;
  private lastStartAt: number | undefined;
  private backoffUntil: number | undefined;
  private retryAfterUntil: number | undefined;
  private lastThrottledAt: number | undefined;
  private pausedUntil: number | undefined;
  // At most one pending clock.sleep; it exists only while the head waiter waits on time.
  private wakeUp: WakeUp | undefined;

  constructor(
    config: RateLimitConfig,
    private readonly clock: Clock,
  ) {
    const problems = validateRateLimitConfig(config);
    if (problems.length > 0) throw new RateLimitConfigError(problems);
    this.config = Object.freeze({ ...config });
    this.window = new StartTimeWindow(config.maxRequestsPerMinute);
    this.delay = new AdaptiveDelay(config);
  }

  /** Resolves when the request may start; rejects with the abort reason if aborted first. */
  acquire(signal?: AbortSignal): Promise<RequestPermit> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<RequestPermit>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.waiters.delete(waiter)) return;
        reject(abortReason(signal));
        this.schedule();
      };
      const waiter: Waiter = {
        resolve,
        stopListeningForAbort: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
      this.schedule();
    });
  }

  status(): RateLimiterStatus {
    const now = this.clock.now();
    const retryAfterAhead = this.retryAfterUntil !== undefined && this.retryAfterUntil > now;
    const pauseAhead = this.pausedUntil !== undefined && this.pausedUntil > now;
    return {
      requestsMade: this.requestsMade,
      inFlight: this.inFlight,
      waiting: this.waiters.size,
      currentDelayMs: this.delay.currentMs,
      throttled: this.delay.isBackingOff || retryAfterAhead,
      lastThrottledAt: toIso(this.lastThrottledAt),
      retryAfterUntil: retryAfterAhead ? toIso(this.retryAfterUntil) : null,
      pausedUntil: pauseAhead ? toIso(this.pausedUntil) : null,
      config: { ...this.config },
    };
  }

  /** Grants every waiter that may start now, then sleeps until the next one may. */
  private schedule(): void {
    while (this.waiters.size > 0 && this.inFlight < this.config.maxConcurrent) {
      const now = this.clock.now();
      const startAt = this.earliestStartAt();
      if (startAt > now) {
        this.wakeUpAt(startAt, now);
        return;
      }
      const [head] = this.waiters;
      this.grant(head, now);
    }
    // Nobody waits, or everybody waits for a release, which calls schedule() itself.
    this.cancelWakeUp();
  }

  private earliestStartAt(): number {
    const afterGap =
      this.lastStartAt === undefined ? -Infinity : this.lastStartAt + this.delay.currentMs;
    return Math.max(
      afterGap,
      this.backoffUntil ?? -Infinity,
      this.retryAfterUntil ?? -Infinity,
      this.pausedUntil ?? -Infinity,
      this.window.nextFreeSlotAt(),
    );
  }

  private grant(waiter: Waiter, now: number): void {
    this.waiters.delete(waiter);
    waiter.stopListeningForAbort();
    this.window.record(now);
    this.lastStartAt = now;
    this.inFlight++;
    this.requestsMade++;
    const { pauseEveryRequests, pauseMs } = this.config;
    if (pauseEveryRequests > 0 && this.requestsMade % pauseEveryRequests === 0) {
      this.pausedUntil = now + pauseMs;
    }
    waiter.resolve(this.createPermit());
  }

  private createPermit(): RequestPermit {
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.recordOutcome(outcome);
        this.schedule();
      },
    };
  }

  private recordOutcome(outcome: RequestOutcome): void {
    switch (outcome.kind) {
      case 'success':
        this.delay.recordSuccess();
        return;
      case 'throttled':
      case 'server-error': {
        const now = this.clock.now();
        this.lastThrottledAt = now;
        this.delay.recordFailure();
        // Counted from the failure as well as from the last start: a request that failed
        // after a 30 s timeout must not be followed by an instant retry.
        this.backoffUntil = Math.max(this.backoffUntil ?? -Infinity, now + this.delay.currentMs);
        this.raiseRetryAfterFloor(outcome.retryAfterMs, now);
        return;
      }
      case 'aborted':
        return;
    }
  }

  /**
   * Retry-After is a hard floor, even beyond maxDelayMs: the server said when it will talk
   * again. It is capped at MAX_RETRY_AFTER_MS for callers that did not use
   * parseRetryAfter, and never lowers a floor an earlier answer set.
   */
  private raiseRetryAfterFloor(retryAfterMs: number | undefined, now: number): void {
    if (retryAfterMs === undefined || Number.isNaN(retryAfterMs)) return;
    const waitMs = Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(retryAfterMs)));
    this.retryAfterUntil = Math.max(this.retryAfterUntil ?? -Infinity, now + waitMs);
  }

  private wakeUpAt(atMs: number, now: number): void {
    // A sooner wake-up re-runs schedule(), which re-arms for the later time if needed.
    if (this.wakeUp && this.wakeUp.atMs <= atMs) return;
    this.cancelWakeUp();
    const wakeUp: WakeUp = { atMs, cancel: new AbortController() };
    this.wakeUp = wakeUp;
    const onWake = (): void => {
      if (this.wakeUp !== wakeUp) return;
      this.wakeUp = undefined;
      this.schedule();
    };
    this.clock.sleep(Math.ceil(atMs - now), wakeUp.cancel.signal).then(onWake, onWake);
  }

  private cancelWakeUp(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.cancel.abort();
  }
}

/**
 * The signal's reason when it is an Error (AbortController.abort() gives an AbortError
 * DOMException). Any other reason is wrapped, keeping it as `cause`, so callers can always
 * treat the rejection as an Error.
 */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return isErrorLike(reason) ? reason : new Error('aborted', { cause: reason });
}

/**
 * Duck-typed because `instanceof Error` is false for errors from another realm: Node's
 * DOMException under Jest's vm context, for one.
 */
function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  if (typeof value !== 'object' || value === null) return false;
  const { name, message } = value as Partial<Record<'name' | 'message', unknown>>;
  return typeof name === 'string' && typeof message === 'string';
}

function toIso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
