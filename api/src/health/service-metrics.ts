import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AttemptOutcome, MetricsRecorder } from '../metrics/metrics-recorder';
import type { RateLimiterStatusDto } from '../rate-limit/dto/rate-limiter-status.dto';

/** What a scrape reads from the live service: the active job and its rate limiter. */
export interface LiveState {
  activeJob: {
    jobType: string;
    status: string;
    counters: { total: number; processed: number; failed: number; skipped: number };
  } | null;
  /** The same live limiter DTO as the job status and `GET /status` show. */
  rateLimiter: RateLimiterStatusDto | null;
}

/**
 * The service's Prometheus metrics, in a registry of its own (never prom-client's global
 * one, so several apps in one test process do not share counters). Labels are bounded
 * sets (job type, outcome, report kind): never job ids, dates or districts, which would
 * grow without end over a backfill of years.
 */
export class ServiceMetrics extends MetricsRecorder {
  readonly registry = new Registry();
  private readState: () => Promise<LiveState> = () =>
    Promise.resolve({ activeJob: null, rateLimiter: null });

  private readonly upstreamRequests = new Counter({
    name: 'ubs_upstream_requests_total',
    help: 'Requests to the dashboard, by report and how they ended',
    labelNames: ['report', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly upstreamDuration = new Histogram({
    name: 'ubs_upstream_request_duration_seconds',
    help: 'Time from sending a dashboard request to its whole body (or its failure)',
    labelNames: ['report'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  private readonly itemsFinished = new Counter({
    name: 'ubs_job_items_finished_total',
    help: 'Job items finished by this process, by job type and outcome',
    labelNames: ['job_type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly itemDuration = new Histogram({
    name: 'ubs_job_item_duration_seconds',
    help: 'Time to process one job item, waits for the rate limiter included',
    labelNames: ['job_type'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  private readonly jobsFinished = new Counter({
    name: 'ubs_jobs_finished_total',
    help: 'Jobs this process ran to an end, by job type and final status',
    labelNames: ['job_type', 'status'] as const,
    registers: [this.registry],
  });

  private readonly activeJob = new Gauge({
    name: 'ubs_active_job',
    help: 'The one active job of the deployment (1), by type and status; absent when idle',
    labelNames: ['job_type', 'status'] as const,
    registers: [this.registry],
  });

  private readonly activeJobItems = new Gauge({
    name: 'ubs_active_job_items',
    help: "The active job's item counters as last persisted",
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  private readonly rateLimiter = new Gauge({
    name: 'ubs_rate_limiter',
    help: "This process's rate limiter while it runs a job: requests in flight and waiting, current gap (ms), allowed requests per minute, throttled (0/1), in a periodic pause (0/1), waiting out a Retry-After (0/1)",
    labelNames: ['measure'] as const,
    registers: [this.registry],
  });

  /** `processMetrics`: also the standard process and Node.js figures (memory, CPU, GC, event loop). */
  constructor(options: { processMetrics?: boolean } = {}) {
    super();
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** Where scrape-time gauges read the live state from (set once the app is wired). */
  readLiveStateFrom(read: () => Promise<LiveState>): void {
    this.readState = read;
  }

  recordUpstream(report: string, outcome: AttemptOutcome, seconds: number): void {
    this.upstreamRequests.inc({ report, outcome });
    if (outcome !== 'aborted') this.upstreamDuration.observe({ report }, seconds);
  }

  recordItem(jobType: string, outcome: string, seconds: number): void {
    this.itemsFinished.inc({ job_type: jobType, outcome });
    this.itemDuration.observe({ job_type: jobType }, seconds);
  }

  recordJobFinished(jobType: string, status: string): void {
    this.jobsFinished.inc({ job_type: jobType, status });
  }

  /** The Prometheus text exposition; the live state is read once per scrape. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    this.showLiveState(await this.readState());
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private showLiveState({ activeJob, rateLimiter }: LiveState): void {
    this.activeJob.reset();
    this.activeJobItems.reset();
    this.rateLimiter.reset();
    if (activeJob) {
      this.activeJob.set({ job_type: activeJob.jobType, status: activeJob.status }, 1);
      for (const [state, value] of Object.entries(activeJob.counters)) {
        this.activeJobItems.set({ state }, value);
      }
    }
    if (rateLimiter) {
      this.rateLimiter.set({ measure: 'in_flight' }, rateLimiter.inFlight);
      this.rateLimiter.set({ measure: 'waiting' }, rateLimiter.waiting);
      this.rateLimiter.set({ measure: 'delay_ms' }, rateLimiter.currentDelayMs);
      this.rateLimiter.set(
        { measure: 'allowed_requests_per_minute' },
        rateLimiter.allowedRequestsPerMinute,
      );
      this.rateLimiter.set({ measure: 'throttled' }, rateLimiter.throttled ? 1 : 0);
      this.rateLimiter.set({ measure: 'paused' }, rateLimiter.pausedUntil ? 1 : 0);
      this.rateLimiter.set({ measure: 'retry_after' }, rateLimiter.retryAfterUntil ? 1 : 0);
    }
  }
}
