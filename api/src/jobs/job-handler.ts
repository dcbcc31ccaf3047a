import type { RateLimitConfig } from '../domain/rate-limit-config';
import type { RateLimiterStatus } from '../rate-limit/rate-limiter';
import type { JobConfig, JobOrder, JobRecord, JobType } from '../domain/job.model';

/** One unit of work. `group` feeds the per-group progress (the district, for collection). */
export interface PlannedItem {
  id: string;
  group?: string;
}

/** How an item finished when it did not fail. */
export interface ItemResult {
  outcome: 'done' | 'skipped';
  /** Why it was skipped, or what was noteworthy (e.g. "no-data"). */
  reason?: string;
  attempts?: number;
  /** With reason `superseded`: the id of the item whose result replaces this one's. */
  supersededBy?: string;
  /** What the item wrote, kept in the ledger (data-collection: the snapshot date). */
  touched?: string;
}

/** Thrown by `processItem` when an item fails; the job records it and moves on. */
export class ItemFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly attempts?: number,
  ) {
    super(message);
    this.name = 'ItemFailure';
  }
}

export interface JobPreview {
  totalItems: number;
  skippedExisting: number;
  /** data-collection: closing days a later one of the range replaces (not downloaded). */
  superseded?: number;
  /** data-collection: items of dates whose summary says there is no data. */
  noDataItems?: number;
  /** data-collection: items of dates whose summary is not stored, counted as downloads. */
  unclassifiedItems?: number;
  /** data-collection: items whose reports would be downloaded (at most, see unclassified). */
  itemsToDownload?: number;
  /**
   * analytics-generation: selected dates whose stored analytics were computed from the
   * snapshots stored now, so not recomputed (0 with force).
   */
  upToDate?: number;
  dateRange: { startDate: string; endDate: string } | null;
  /** The order of its dates; the service fills it in from the job's config. */
  order?: JobOrder;
  dates: number;
  districts: string[];
  upstreamRequests: number;
  estimatedDurationSeconds: number;
  rateLimit: RateLimitConfig | null;
  notes: string[];
}

/** What a handler shows live while its job runs. */
export interface HandlerLiveStatus {
  /** The run's upstream rate limiter, for a job type that has one. */
  rateLimiter: RateLimiterStatus | null;
}

/** What a handler sees while its job runs. */
export interface JobRunContext {
  readonly job: Readonly<JobRecord>;
  /** The saved rate-limit config with this job's overrides applied. */
  readonly rateLimit: RateLimitConfig;
  /**
   * Aborted when work under way must stop: the job lost its lease, or the shutdown grace
   * period is over. An item interrupted by it is left unfinished (redone on resume).
   */
  readonly signal: AbortSignal;
  /**
   * Aborted as soon as the run is told to stop: cancel, lease loss, shutdown, repeated
   * storage failures. Every wait before new work (the rate limiter's Retry-After, lowered
   * rate, pause, window, concurrency) takes it, so a stop never waits one out; the item
   * that was waiting rejects with its reason and is left unfinished. Requests already in
   * flight finish under `signal`.
   */
  readonly stopSignal: AbortSignal;
  /** Planning can take minutes (one upstream request per date); this keeps it from looking stale. */
  reportPlanningProgress(): void;
}

/**
 * One run of a job, built by its handler's `start` and dropped when the run ends. Whatever a
 * run learns while it plans and works (plans per date, its rate limiter, what it measured)
 * lives here, so handlers stay stateless singletons and two runs never share state.
 */
export interface JobRun {
  /** Lists every item of the job in processing order; must be deterministic for resume. */
  plan(): Promise<PlannedItem[]>;

  /** Does one item. Throws `ItemFailure` for an expected failure. */
  processItem(item: PlannedItem): Promise<ItemResult>;

  /** Live status worth showing while the job runs (e.g. the rate limiter). */
  liveStatus?(): HandlerLiveStatus | null;

  /**
   * True while the job holds back because its upstream asked it to (Retry-After, backoff,
   * a politeness pause): the heartbeat records that as a sign of life for the stale rule.
   */
  waitingOnUpstream?(): boolean;

  /** Called once after the last item, also on cancel or a failed plan. */
  close?(): Promise<void>;

  /** Extra figures for the job's result when it completes (asked after `close`). */
  result?(): Record<string, unknown>;
}

/**
 * The one contract through which job types plug into the runner. The runner knows
 * nothing of Toastmasters: it starts a run, plans, skips what the ledger marks finished,
 * processes the rest with bounded concurrency and records every outcome.
 */
export abstract class JobHandler {
  abstract readonly jobType: JobType;

  /** Type-specific checks of a create request; returns problems as messages. */
  validate(_config: JobConfig): string[] {
    return [];
  }

  /** A dry run: what the job would do, without doing it. */
  abstract preview(config: JobConfig, rateLimit: RateLimitConfig): Promise<JobPreview>;

  /** A new run of the job, before its first item. */
  abstract start(context: JobRunContext): JobRun;

  /**
   * For a retry job: which planned items redo the failed items of the original job.
   * By default exactly the items whose latest outcome there was `failed`.
   */
  selectRetryItems(planned: PlannedItem[], failedItemIds: ReadonlySet<string>): PlannedItem[] {
    return planned.filter((item) => failedItemIds.has(item.id));
  }

  /** Items processed at once. */
  concurrency(context: JobRunContext): number {
    return context.rateLimit.maxConcurrent;
  }
}
