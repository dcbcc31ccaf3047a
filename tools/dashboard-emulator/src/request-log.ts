import { ReportKind } from './report-kind';

export interface LogEntry {
  /** Arrival time, ISO 8601 UTC. */
  time: string;
  url: string;
  /** HTTP status sent; 0 when no response was sent (reset, hang, client gone). */
  status: number;
  /** Null when the URL did not parse as a report request. */
  report: ReportKind | null;
  district?: string;
  /**
   * Collection date served (`YYYY-MM-DD`), after latest-data substitution: an empty MONTH_END
   * or the `substitute-latest` fault.
   */
  date?: string;
  /** True when an empty MONTH_END asked for the latest data. */
  latest?: boolean;
  durationMs: number;
  /** The injected fault, or `rate-limit-enforced` for the emulator's own limit. */
  fault?: string;
  /** The Retry-After sent with a 429 or 503, in seconds, so clients' obedience can be checked. */
  retryAfterSeconds?: number;
}

/** A ring of the newest entries: benchmarks send millions of requests, memory must stay flat. */
export class RequestLog {
  private entries: LogEntry[] = [];
  private start = 0;

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError('log limit must be a positive integer');
    }
  }

  add(entry: LogEntry): void {
    if (this.entries.length < this.limit) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.limit;
  }

  /** Oldest first. */
  list(): LogEntry[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}
