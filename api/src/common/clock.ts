/**
 * The service's only source of "now". Injected everywhere time matters (stale detection,
 * leases, retention, rate limiting) so tests can move time without waiting.
 */
export abstract class Clock {
  /** Milliseconds since the Unix epoch. */
  abstract now(): number;

  /** Resolves after `ms` milliseconds of this clock's time. */
  abstract sleep(ms: number, signal?: AbortSignal): Promise<void>;

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * A clock that only moves when told to. Sleepers wake in deadline order as time advances,
 * which lets rate-limit and stale-job tests run in microseconds.
 */
export class FakeClock extends Clock {
  private sleepers: { wakeAt: number; resolve: () => void; seq: number }[] = [];
  private seq = 0;

  constructor(private current = Date.UTC(2026, 0, 15, 12, 0, 0)) {
    super();
  }

  now(): number {
    return this.current;
  }

  set(ms: number): void {
    this.current = ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const sleeper = {
        wakeAt: this.current + (Number.isFinite(ms) ? Math.max(0, ms) : 0),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Number of callers currently waiting in `sleep`. */
  get pendingSleepers(): number {
    return this.sleepers.length;
  }

  /**
   * Moves time forward by `ms`, waking each sleeper at its own deadline and letting the
   * microtasks it schedules run before the next one wakes.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new Error(`FakeClock cannot move backwards (${ms} ms)`);
    const target = this.current + ms;
    for (;;) {
      await flushMicrotasks();
      const next = this.sleepers
        .filter((s) => s.wakeAt <= target)
        .sort((a, b) => a.wakeAt - b.wakeAt || a.seq - b.seq)[0];
      if (!next) break;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      this.current = Math.max(this.current, next.wakeAt);
      next.resolve();
    }
    this.current = target;
    await flushMicrotasks();
  }
}

/**
 * Lets every microtask chain settle, however deep: a macrotask boundary runs only after
 * the microtask queue is empty.
 */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}
