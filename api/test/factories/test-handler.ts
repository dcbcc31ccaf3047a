import {
  JobHandler,
  ItemFailure,
  ItemResult,
  JobPreview,
  JobRun,
  JobRunContext,
  PlannedItem,
} from '../../src/jobs/job-handler';
import type { JobConfig, JobRecord, JobType } from '../../src/domain/job.model';
import type { RateLimitConfig } from '../../src/domain/rate-limit-config';

export type ItemBehaviour = (
  item: PlannedItem,
  signal: AbortSignal,
  stopSignal: AbortSignal,
  job: Readonly<JobRecord>,
) => Promise<ItemResult>;

/**
 * A job type defined by the test: plans `items`, and processes each with `behaviour`.
 * It lets the runner be tested without Toastmasters, which the runner must not know.
 */
export class TestHandler extends JobHandler {
  readonly processed: string[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    readonly jobType: JobType,
    public items: PlannedItem[],
    public behaviour: ItemBehaviour = () => Promise.resolve({ outcome: 'done' }),
    private readonly parallelism = 2,
  ) {
    super();
  }

  preview(config: JobConfig, rateLimit: RateLimitConfig): Promise<JobPreview> {
    return Promise.resolve({
      totalItems: this.items.length,
      skippedExisting: 0,
      dateRange:
        config.startDate && config.endDate
          ? { startDate: config.startDate, endDate: config.endDate }
          : null,
      dates: 0,
      districts: [],
      upstreamRequests: 0,
      estimatedDurationSeconds: 0,
      rateLimit,
      notes: ['test handler'],
    });
  }

  /** Each run asks the handler, so a test can swap `plan` or `waitingOnUpstream` mid-test. */
  start(context: JobRunContext): JobRun {
    return {
      plan: () => this.plan(),
      processItem: (item) => this.processItem(item, context),
      waitingOnUpstream: () => this.waitingOnUpstream(),
    };
  }

  plan(): Promise<PlannedItem[]> {
    return Promise.resolve(this.items);
  }

  waitingOnUpstream(): boolean {
    return false;
  }

  private async processItem(item: PlannedItem, context: JobRunContext): Promise<ItemResult> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const result = await this.behaviour(item, context.signal, context.stopSignal, context.job);
      this.processed.push(item.id);
      return result;
    } finally {
      this.inFlight--;
    }
  }

  override concurrency(): number {
    return this.parallelism;
  }
}

export function items(count: number, groups = ['61', '62']): PlannedItem[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `2026-01-${String((i % 28) + 1).padStart(2, '0')}/${groups[i % groups.length]}-${i}`,
    group: groups[i % groups.length],
  }));
}

export function failWith(message: string, retryable: boolean): Promise<never> {
  return Promise.reject(new ItemFailure(message, retryable, 3));
}

/** A promise with its resolve exposed, to hold items in flight. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
