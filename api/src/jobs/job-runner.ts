import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/clock';
import { errorMessage } from '../common/error-message';
import { AppConfig } from '../config/app-config';
import { MetricsRecorder, UnrecordedMetrics } from '../metrics/metrics-recorder';
import { RateLimitConfig } from '../domain/rate-limit-config';
import { RateLimitConfigService } from '../rate-limit/rate-limit-config.service';
import { JobStore } from '../storage/job-store';
import { StorageError } from '../domain/storage-errors';
import { JobHandlerRegistry } from './job-handler-registry';
import { HandlerLiveStatus, ItemFailure, JobRun, JobRunContext, PlannedItem } from './job-handler';
import { ActiveRun, leaseUntil, MAX_CONSECUTIVE_STORAGE_FAILURES } from './active-run';
import { JobProgress, LiveProgress } from './job-progress';
import { HeardVia, RunStopWatch } from './run-stop-watch';
import { complete, fail, startRunning } from './job-state';
import { JobRecord, LedgerEntry, isActiveStatus } from '../domain/job.model';

export interface RunThroughput {
  itemsThisRun: number;
  runStartedAtMs: number;
}

/**
 * Runs one job at a time in this process: claims it with a lease, plans its items, skips
 * what the ledger marks finished, processes the rest with bounded concurrency, records
 * each outcome in the ledger at once, and flushes counters every PROGRESS_FLUSH_SECONDS.
 * It knows job types only through `JobHandler`.
 */
@Injectable()
export class JobRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private current: ActiveRun | null = null;
  /** Hears decisions stored on the current run's job by any instance; see RunStopWatch. */
  private stopWatch: RunStopWatch | null = null;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private shuttingDown = false;
  private readonly completionListeners: ((job: JobRecord) => Promise<unknown>)[] = [];

  constructor(
    private readonly store: JobStore,
    private readonly registry: JobHandlerRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: MetricsRecorder = new UnrecordedMetrics(),
    private readonly rateLimits: RateLimitConfigService = new RateLimitConfigService(store),
  ) {}

  /** Looks for a pending job and runs it. Safe to call at any time, from anywhere. */
  kick(): void {
    if (this.shuttingDown) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      // While a run goes on, its own end kicks again (see runJob).
      if (this.pumpAgain && !this.current) {
        this.pumpAgain = false;
        this.kick();
      }
    });
  }

  /** Resolves when nothing runs in this process (tests and shutdown use it). */
  async whenIdle(): Promise<void> {
    while (this.pumping || this.current) {
      await (this.pumping ?? this.current?.done);
    }
  }

  get runningJobId(): string | null {
    return this.current?.job.id ?? null;
  }

  /** Whether this process runs the job and it is holding back on its upstream's orders. */
  isWaitingOnUpstream(jobId: string): boolean {
    return this.current?.job.id === jobId && this.current.work?.waitingOnUpstream?.() === true;
  }

  /** Live handler status (e.g. the rate limiter) when this process runs `jobId`. */
  liveStatus(jobId: string): HandlerLiveStatus | null {
    return this.current?.job.id === jobId ? (this.current.work?.liveStatus?.() ?? null) : null;
  }

  /** The in-memory progress when this process runs `jobId`, ahead of the last flush. */
  liveProgress(jobId: string): LiveProgress | null {
    const run = this.current;
    return run && run.job.id === jobId && run.progress ? run.progress.peek() : null;
  }

  throughput(jobId: string): RunThroughput | null {
    const run = this.current;
    if (!run || run.job.id !== jobId || !run.progress) return null;
    return { itemsThisRun: run.progress.itemsFinishedThisRun, runStartedAtMs: run.startedAtMs };
  }

  /**
   * Called with the stored job each time this process completes one (chained jobs); the
   * run is over when it has been awaited, so `whenIdle` covers what it starts.
   */
  onJobCompleted(listener: (job: JobRecord) => Promise<unknown>): void {
    this.completionListeners.push(listener);
  }

  /** Told by the service when a job was cancelled: take no new items, finish in-flight ones. */
  notifyCancelled(jobId: string): void {
    if (this.current?.job.id === jobId) this.current.requestStop('cancelled');
  }

  /** Told by the service when a job was paused: as a cancel, then the lease is given up. */
  notifyPaused(jobId: string): void {
    if (this.current?.job.id === jobId) this.current.requestStop('paused');
  }

  /** Resolves when this process no longer runs `jobId` (at once when it does not run it). */
  async whenStopped(jobId: string): Promise<void> {
    if (this.current?.job.id === jobId) await this.current.done;
  }

  /** Reacts to a stored state of a job seen elsewhere (heartbeat, stale rule). */
  observe(job: JobRecord, via: HeardVia = 'heartbeat'): void {
    if (this.current?.job.id === job.id) this.stopWatch?.seen(job, via);
  }

  /**
   * Runs a job that this process claims: `pending` ones, or ones the recovery module has
   * already marked `recovering` under this instance's lease.
   */
  async runJob(job: JobRecord): Promise<void> {
    if (this.current) throw new Error(`Already running job ${this.current.job.id}`);
    const handler = this.registry.get(job.jobType);
    if (!handler) {
      await this.failJob(job.id, `No handler is registered for ${job.jobType} jobs`);
      return;
    }
    let rateLimit: RateLimitConfig;
    try {
      rateLimit = await this.rateLimits.effective(job.config.rateLimitOverrides);
    } catch (error) {
      await this.failJob(job.id, `Invalid rate-limit settings: ${errorMessage(error)}`);
      return;
    }
    const claimed = await this.claim(job);
    if (!claimed) return;
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const run = new ActiveRun(claimed, handler, done, this.store, this.config, this.clock);
    const watch = new RunStopWatch(run, this.store, this.config.instanceId);
    this.current = run;
    this.stopWatch = watch.start();
    try {
      await this.execute(run, rateLimit, watch);
    } catch (error) {
      watch.close();
      this.logger.error(`Job ${job.id} stopped unexpectedly: ${errorMessage(error)}`);
      await this.failJob(job.id, `Runner error: ${errorMessage(error)}`).catch(() => undefined);
    } finally {
      watch.close();
      run.cancelScheduledFlush();
      this.current = null;
      this.stopWatch = null;
      finished();
      // A job created while this one (started by recovery, not the pump) was finishing,
      // such as the analytics job that follows it: started now, not at the next heartbeat.
      if (this.pumpAgain && !this.pumping) {
        this.pumpAgain = false;
        this.kick();
      }
    }
  }

  /** Graceful shutdown: no new items, in-flight items get a grace period, lease released. */
  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    const run = this.current;
    if (!run) return;
    run.requestStop('shutdown');
    const graceMs = this.config.shutdownGraceSeconds * 1000;
    const timer = setTimeout(
      () => run.abort.abort(new Error('shutdown grace period over')),
      graceMs,
    );
    await run.done;
    clearTimeout(timer);
  }

  private async pump(): Promise<void> {
    if (this.current) {
      this.pumpAgain = true;
      return;
    }
    let job: JobRecord | null;
    try {
      job = await this.store.findActiveJob();
    } catch (error) {
      this.logger.error(`Could not look for pending jobs: ${errorMessage(error)}`);
      return;
    }
    if (job?.status === 'pending') await this.runJob(job);
  }

  private async claim(job: JobRecord): Promise<JobRecord | null> {
    const owner = this.config.instanceId;
    const claimed = await this.store.updateJob(job.id, (stored) => {
      const ownsRecovery = stored.status === 'recovering' && stored.lease?.owner === owner;
      if (stored.status !== 'pending' && !ownsRecovery) return null;
      return startRunning(stored, owner, leaseUntil(this.clock, this.config), this.clock.nowIso());
    });
    return claimed.status === 'running' && claimed.lease?.owner === owner ? claimed : null;
  }

  private async execute(
    run: ActiveRun,
    rateLimit: RateLimitConfig,
    watch: RunStopWatch,
  ): Promise<void> {
    const { job, handler } = run;
    let touchedProgress: JobProgress | null = null;
    const context: JobRunContext = {
      job,
      rateLimit,
      signal: run.abort.signal,
      stopSignal: run.stop.signal,
      reportPlanningProgress: () => {
        touchedProgress?.touch(this.clock.nowIso());
        run.planningHeartbeat();
      },
    };
    const work = handler.start(context);
    run.work = work;
    try {
      let items: PlannedItem[];
      try {
        items = await work.plan();
        if (job.config.retryOfJobId) {
          const failed = await this.failedItemsOf(job.config.retryOfJobId);
          items = handler.selectRetryItems(items, failed);
        }
      } catch (error) {
        watch.close();
        if (run.stopReason) return await this.finishStopped(run);
        const code = error instanceof StorageError ? 'STORAGE_ERROR: ' : '';
        await this.failJob(job.id, `${code}Planning failed: ${errorMessage(error)}`);
        return;
      }
      const ledger = await this.readCheckpoint(job);
      const progress = new JobProgress(items, ledger);
      run.progress = progress;
      touchedProgress = progress;
      await run.flush(true);
      await this.processAll(run, progress, context, work, watch);
    } finally {
      // No more work: what the runner writes from here on is its own doing, not a decision.
      watch.close();
      await work.close?.().catch((error: unknown) => {
        this.logger.warn(`Closing the run of job ${job.id} failed: ${errorMessage(error)}`);
      });
    }
    await this.finishRun(run);
  }

  private async processAll(
    run: ActiveRun,
    progress: JobProgress,
    context: JobRunContext,
    work: JobRun,
    watch: RunStopWatch,
  ) {
    const queue = progress.remaining;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!run.stopReason && next < queue.length) {
        // A stop stored by any instance before this moment is obeyed: the item does not start.
        if (!(await watch.mayStart()) || next >= queue.length) return;
        const item = queue[next++];
        await this.processOne(run, progress, item, work);
      }
    };
    const workers = Math.max(1, Math.min(run.handler.concurrency(context), queue.length || 1));
    await Promise.all(Array.from({ length: workers }, worker));
  }

  private async processOne(
    run: ActiveRun,
    progress: JobProgress,
    item: PlannedItem,
    work: JobRun,
  ): Promise<void> {
    progress.begin(item.id);
    const startedMs = this.clock.now();
    let entry: LedgerEntry;
    let storageFailed = false;
    try {
      const result = await work.processItem(item);
      entry = {
        item: item.id,
        outcome: result.outcome,
        at: this.clock.nowIso(),
        group: item.group,
      };
      if (result.reason) entry.reason = result.reason;
      if (result.attempts) entry.attempts = result.attempts;
      if (result.supersededBy) entry.supersededBy = result.supersededBy;
      if (result.touched) entry.touched = result.touched;
    } catch (error) {
      if (run.abort.signal.aborted || run.isStop(error)) {
        // Interrupted by shutdown, a lost lease, or a stop that ended its wait for the
        // upstream: unfinished, so redone on resume.
        progress.abandon(item.id);
        return;
      }
      entry = this.failureEntry(item, error);
      storageFailed = error instanceof StorageError;
      if (storageFailed) run.noteStorageFailure();
    }
    try {
      await this.store.appendLedger(run.job.id, [entry]);
    } catch (error) {
      progress.abandon(item.id);
      this.logger.error(`Could not record item ${item.id}: ${errorMessage(error)}`);
      run.noteStorageFailure();
      return;
    }
    if (!storageFailed) run.noteStorageSuccess();
    progress.finish(entry);
    this.metrics.recordItem(run.job.jobType, entry.outcome, (this.clock.now() - startedMs) / 1000);
    run.scheduleFlush();
  }

  private failureEntry(item: PlannedItem, error: unknown): LedgerEntry {
    const entry: LedgerEntry = {
      item: item.id,
      outcome: 'failed',
      at: this.clock.nowIso(),
      group: item.group,
      reason:
        error instanceof StorageError ? `Storage error: ${error.message}` : errorMessage(error),
      retryable: error instanceof ItemFailure ? error.retryable : error instanceof StorageError,
    };
    if (error instanceof ItemFailure && error.attempts) entry.attempts = error.attempts;
    return entry;
  }

  private async finishRun(run: ActiveRun): Promise<void> {
    run.cancelScheduledFlush();
    if (run.stopReason) return this.finishStopped(run);
    await run.flush(true);
    if (run.stopReason) return this.finishStopped(run);
    const counters = run.progress?.takeSnapshot().counters;
    const allFailed = everyItemFailed(run.progress);
    if (allFailed) {
      // The same guard as completing: only the owner of a running job ends it this way.
      await this.failJob(
        run.job.id,
        allFailed,
        (job) => job.status === 'running' && job.lease?.owner === this.config.instanceId,
      );
      return;
    }
    const result = {
      ...counters,
      ...run.work?.result?.(),
      finishedBy: this.config.instanceId,
    };
    const stored = await this.store.updateJob(run.job.id, (job) =>
      // Only the owner of a running job may complete it; a cancel that landed first wins.
      job.status === 'running' && job.lease?.owner === this.config.instanceId
        ? complete(job, result, this.clock.nowIso())
        : null,
    );
    if (stored.status !== 'completed') return;
    this.metrics.recordJobFinished(run.job.jobType, 'completed');
    for (const listener of this.completionListeners) {
      await listener(stored).catch((error: unknown) =>
        this.logger.error(`After job ${stored.id} completed: ${errorMessage(error)}`),
      );
    }
  }

  private async finishStopped(run: ActiveRun): Promise<void> {
    switch (run.stopReason) {
      case 'cancelled':
        await run.flush(true);
        this.metrics.recordJobFinished(run.job.jobType, 'cancelled');
        return;
      case 'paused':
        await run.flush(true);
        await run.releasePausedLease();
        return;
      case 'storage':
        await run.flush(true).catch(() => undefined);
        await this.failJob(
          run.job.id,
          `STORAGE_ERROR: ${MAX_CONSECUTIVE_STORAGE_FAILURES} storage failures in a row`,
        );
        return;
      case 'shutdown':
        await run.flush(true);
        await run.releaseLease();
        return;
      case 'lost':
      case null:
        // Someone else owns or ended the job: write nothing more.
        return;
    }
  }

  /**
   * The item ledger is the checkpoint. When it cannot be read at all, the job restarts
   * from the beginning rather than failing: redoing items is safe, skipping them is not.
   */
  private async readCheckpoint(job: JobRecord): Promise<LedgerEntry[]> {
    try {
      return await this.store.readLedger(job.id);
    } catch (error) {
      this.logger.warn(
        `Checkpoint of job ${job.id} is unreadable (${errorMessage(error)}); restarting it from the beginning`,
      );
      return [];
    }
  }

  /** Items whose latest outcome in another job's ledger is `failed`. */
  private async failedItemsOf(jobId: string): Promise<Set<string>> {
    const latest = new Map<string, LedgerEntry['outcome']>();
    for (const entry of await this.store.readLedger(jobId)) latest.set(entry.item, entry.outcome);
    return new Set([...latest].filter(([, outcome]) => outcome === 'failed').map(([id]) => id));
  }

  private async failJob(
    jobId: string,
    reason: string,
    mayFail: (job: JobRecord) => boolean = () => true,
  ): Promise<void> {
    this.logger.error(`Job ${jobId} failed: ${reason}`);
    const stored = await this.store.updateJob(jobId, (job) =>
      isActiveStatus(job.status) && mayFail(job) ? fail(job, reason, this.clock.nowIso()) : null,
    );
    // Counted only when this call failed it, not when it had already ended otherwise.
    if (stored.status === 'failed' && stored.failureReason === reason) {
      this.metrics.recordJobFinished(stored.jobType, 'failed');
    }
  }
}

/**
 * A job in which no item succeeded and some failed did nothing of what it was for (items
 * skipped as existing, superseded or without data are bookkeeping), so it ends `failed`,
 * naming the error most of its items met: usually one cause, the dashboard down or a bad
 * setting. Null otherwise: the job completes, its failures counted.
 */
export function everyItemFailed(progress: JobProgress | null): string | null {
  const counters = progress?.peek().counters;
  if (!progress || !counters || counters.failed === 0) return null;
  if (counters.processed < counters.total) return null;
  if (counters.processed - counters.skipped - counters.failed > 0) return null;
  const commonest = progress.commonestFailure();
  const skipped = counters.skipped > 0 ? ` (${counters.skipped} others skipped)` : '';
  const cause = commonest
    ? `; the commonest error (${commonest.count} of ${counters.failed}): ${commonest.reason}`
    : '';
  return `All ${counters.failed} items failed${skipped}${cause}`;
}
