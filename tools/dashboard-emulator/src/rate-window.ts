/**
 * The emulator's own rate limit: more than `limit` arrivals in the trailing window are refused.
 * Refused requests count as arrivals too, so a client that ignores Retry-After stays limited.
 * Only the newest limit+1 arrival times are kept, so memory is bounded whatever the load.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class RateWindow {
  private readonly arrivals: number[];
  private next = 0;
  private count = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError('rate limit must be a positive integer');
    }
    this.arrivals = new Array<number>(limit + 1).fill(0);
  }

  hit(): RateDecision {
    const now = this.clock();
    const size = this.arrivals.length;
    this.arrivals[this.next] = now;
    this.next = (this.next + 1) % size;
    this.count = Math.min(this.count + 1, size);
    if (this.count < size) {
      return { allowed: true };
    }
    // `next` now points at the oldest of the last limit+1 arrivals.
    const oldest = this.arrivals[this.next] ?? 0;
    if (oldest <= now - this.windowMs) {
      return { allowed: true };
    }
    // Wait until only limit-1 arrivals remain in the window, so the retry is the limit-th.
    const limitThNewest = this.arrivals[(this.next + 1) % size] ?? now;
    return { allowed: false, retryAfterMs: Math.max(1, limitThNewest + this.windowMs - now) };
  }
}
