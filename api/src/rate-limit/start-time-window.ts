export const WINDOW_MS = 60_000;

/**
 * The start times of the most recent `capacity` requests, in a fixed ring. The limit is
 * exact: start number k + capacity may only happen once start number k is a full window
 * old, so no 60 s window anywhere ever holds more than `capacity` starts. A token bucket
 * would let a full bucket plus the refill burst through one window. Memory is
 * `capacity` numbers, however long the job runs.
 */
export class StartTimeWindow {
  private readonly starts: Float64Array;
  private oldestIndex = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.starts = new Float64Array(capacity);
  }

  record(startMs: number): void {
    if (this.size < this.capacity) {
      this.starts[(this.oldestIndex + this.size) % this.capacity] = startMs;
      this.size++;
      return;
    }
    this.starts[this.oldestIndex] = startMs;
    this.oldestIndex = (this.oldestIndex + 1) % this.capacity;
  }

  /** Earliest time the next start fits the window; -Infinity while the ring is not full. */
  nextFreeSlotAt(): number {
    return this.size < this.capacity ? -Infinity : this.starts[this.oldestIndex] + WINDOW_MS;
  }
}
