import { Clock } from '../common/clock';
import { AimdRate, AllowedRateReason } from './aimd-rate';
import {
  RateLimitConfig,
  RateLimitConfigError,
  validateRateLimitConfig,
} from '../domain/rate-limit-config';
import { RequestGate, RequestOutcome, RequestPermit } from './request-permit';
import { MAX_RETRY_AFTER_MS } from './retry-after';
import { StartTimeWindow } from './start-time-window';

/** What the next start waits for, the latest of the rules when several hold it back. */
export const LIMITER_WAITS = [
  'retry-after',
  'pause',
  'window',
  'allowed-rate',
  'min-delay',
  'concurrency',
] as const;
export type LimiterWait = (typeof LIMITER_WAITS)[number];

export interface RateLimiterStatus {
  /** Permits granted since the limiter was created. */
  requestsMade: number;
  inFlight: number;
  waiting: number;
  /** The gap enforced between starts now: minDelayMs, or one at the allowed rate once pushed back. */
  currentDelayMs: number;
  /** Requests per minute the adaptive control allows now (at most maxRequestsPerMinute). */
  allowedRequestsPerMinute: number;
  /** Why the allowed rate is where it is. */
  allowedRateReason: AllowedRateReason;
  /** What the oldest waiter waits for; null when nobody waits. */
  waitingFor: LimiterWait | null;
  /** True while the allowed rate is lowered or a Retry-After is still ahead. */
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
 * fewer than maxConcurrent permits are out; minDelayMs has passed since the previous start;
 * once the upstream has pushed back, one gap at the allowed rate has passed since the
 * previous start and since the push-back that lowered it; any Retry-After has passed; the start keeps
 * every sliding 60 s window at or under maxRequestsPerMinute; and, after every
 * pauseEveryRequests-th start, pauseMs has passed since that start.
 *
 * A Retry-After is obeyed exactly and is the whole answer to that push-back: it neither
 * lowers the rate nor adds a gap, so a server that says "wait 1 s" costs 1 s. A push-back
 * without one feeds the AIMD control (see AimdRate).
 *
 * Every wait is inside `acquire`, which takes the caller's abort signal: cancel, lease loss
 * or shutdown end it at once whatever it waits for. Waiters are served strictly in arrival
 * order. Time passes only through the injected Clock, so FakeClock drives it in tests.
 */
export class RateLimiter implements RequestGate {
  private readonly config: Readonly<RateLimitConfig>;
  private readonly window: StartTimeWindow;
  private readonly rate: AimdRate;
  // A Set keeps insertion order (FIFO) and removes an aborted waiter in O(1).
  private readonly waiters = new Set<Waiter>();
  private inFlight = 0;
  private requestsMade = 0;
  private lastStartAt: number | undefined;
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
    this.rate = new AimdRate(config);
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
      currentDelayMs: Math.ceil(this.gapMs()),
      allowedRequestsPerMinute: Math.round(this.rate.requestsPerMinute * 10) / 10,
      allowedRateReason: this.rate.reason,
      waitingFor: this.waiters.size > 0 ? this.blockingRule(now) : null,
      throttled: this.rate.isLowered || retryAfterAhead,
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

  private gapMs(): number {
    return Math.max(this.config.minDelayMs, this.rate.pacingGapMs);
  }

  /** When each rule lets the next request start; the latest of them decides. */
  private startTimes(): Record<Exclude<LimiterWait, 'concurrency'>, number> {
    const gap = this.rate.pacingGapMs;
    const afterStart = (ms: number): number =>
      this.lastStartAt === undefined ? -Infinity : this.lastStartAt + ms;
    // Counted from the push-back as well as from the last start: a request that failed
    // after a 30 s timeout must not be followed by an instant retry.
    const afterDecrease = this.rate.decreasedAt === undefined ? -Infinity : this.rate.decreasedAt;
    return {
      'retry-after': this.retryAfterUntil ?? -Infinity,
      pause: this.pausedUntil ?? -Infinity,
      window: this.window.nextFreeSlotAt(),
      'allowed-rate': gap > 0 ? Math.max(afterStart(gap), afterDecrease + gap) : -Infinity,
      'min-delay': afterStart(this.config.minDelayMs),
    };
  }

  private earliestStartAt(): number {
    return Math.max(...Object.values(this.startTimes()));
  }

  private blockingRule(now: number): LimiterWait | null {
    let latest: LimiterWait | null = null;
    let latestAt = now;
    for (const [rule, at] of Object.entries(this.startTimes()) as [LimiterWait, number][]) {
      if (at > latestAt) [latest, latestAt] = [rule, at];
    }
    if (latest === null && this.inFlight >= this.config.maxConcurrent) return 'concurrency';
    return latest;
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
    waiter.resolve(this.createPermit(now));
  }

  private createPermit(startedAt: number): RequestPermit {
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.recordOutcome(outcome, startedAt);
        this.schedule();
      },
    };
  }

  private recordOutcome(outcome: RequestOutcome, startedAt: number): void {
    const now = this.clock.now();
    switch (outcome.kind) {
      case 'success':
        this.rate.recordSuccess(now);
        return;
      case 'throttled':
      case 'server-error': {
        this.lastThrottledAt = now;
        this.rate.recordPushBackSeen();
        const retryAfterMs = outcome.retryAfterMs;
        if (retryAfterMs === undefined || Number.isNaN(retryAfterMs)) {
          this.rate.recordPushBack(outcome.kind, startedAt, now);
        } else {
          this.raiseRetryAfterFloor(retryAfterMs, now);
        }
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
  private raiseRetryAfterFloor(retryAfterMs: number, now: number): void {
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
