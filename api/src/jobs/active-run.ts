import { Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { errorMessage } from '../common/error-message';
import { AppConfig } from '../config/app-config';
import { JobRecord, isActiveStatus } from '../domain/job.model';
import { StorageError } from '../domain/storage-errors';
import { JobStore } from '../storage/job-store';
import { JobHandler, JobRun } from './job-handler';
import { JobProgress } from './job-progress';
import { applyProgress } from './job-state';

/** Consecutive storage failures after which a job fails with STORAGE_ERROR. */
export const MAX_CONSECUTIVE_STORAGE_FAILURES = 5;

export type StopReason = 'cancelled' | 'paused' | 'lost' | 'shutdown' | 'storage';

/** The reason every wait of a stopped run rejects with. */
export class RunStopped extends Error {
  override readonly name = 'RunStopped';

  constructor(readonly reason: StopReason) {
    super(`job run stopped: ${reason}`);
  }
}

/** When a lease taken or renewed now expires. */
export function leaseUntil(clock: Clock, config: AppConfig): string {
  return new Date(clock.now() + config.leaseSeconds * 1000).toISOString();
}

/**
 * The job this process is running right now, and its bookkeeping: the stop signals, the
 * progress flushes that renew the lease, and the ownership check every stored state of the
 * job goes through. The runner decides what to do; this keeps one run's state in one place.
 */
export class ActiveRun {
  private readonly logger = new Logger('JobRunner');
  readonly abort = new AbortController();
  /** Aborted by the first stop request, whatever its reason: ends every wait at once. */
  readonly stop = new AbortController();
  readonly startedAtMs: number;
  /** The handler's run object, once started. */
  work: JobRun | null = null;
  progress: JobProgress | null = null;
  stopReason: StopReason | null = null;
  private storageFailures = 0;
  private lastFlushMs: number;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly job: JobRecord,
    readonly handler: JobHandler,
    readonly done: Promise<void>,
    private readonly store: JobStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.startedAtMs = clock.now();
    this.lastFlushMs = clock.now();
  }

  /** True when `error` is the stop of this run, passed up unchanged from a wait it ended. */
  isStop(error: unknown): boolean {
    return this.stop.signal.aborted && error === this.stop.signal.reason;
  }

  requestStop(reason: StopReason): void {
    // The first reason wins: a cancel followed by a shutdown is still a cancel.
    this.stopReason ??= reason;
    if (!this.stop.signal.aborted) this.stop.abort(new RunStopped(this.stopReason));
    if (reason === 'lost') this.abort.abort(new Error('job is no longer owned by this runner'));
  }

  noteStorageFailure(): void {
    this.storageFailures++;
    if (this.storageFailures >= MAX_CONSECUTIVE_STORAGE_FAILURES) this.requestStop('storage');
  }

  noteStorageSuccess(): void {
    this.storageFailures = 0;
  }

  /** Flushes at once when the flush interval has passed, otherwise at its end. */
  scheduleFlush(): void {
    const intervalMs = this.config.progressFlushSeconds * 1000;
    const dueIn = this.lastFlushMs + intervalMs - this.clock.now();
    if (dueIn <= 0) {
      void this.flush(false);
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.flush(false);
    }, dueIn);
  }

  cancelScheduledFlush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  planningHeartbeat(): void {
    const intervalMs = this.config.progressFlushSeconds * 1000;
    if (this.clock.now() - this.lastFlushMs < intervalMs) return;
    this.lastFlushMs = this.clock.now();
    const at = this.clock.nowIso();
    void this.store
      .updateJob(this.job.id, (stored) =>
        stored.lease?.owner === this.config.instanceId && isActiveStatus(stored.status)
          ? { ...stored, lastProgressAt: at, updatedAt: at }
          : null,
      )
      .then((stored) => this.checkOwnership(stored))
      .catch((error: unknown) =>
        this.logger.warn(`Planning heartbeat failed: ${errorMessage(error)}`),
      );
  }

  /**
   * Persists counters, groups, new errors and the lease. Also how the runner learns that
   * someone else ended its job (a cancel from another instance, the stale rule).
   */
  async flush(force: boolean): Promise<void> {
    const progress = this.progress;
    if (!progress || (!force && !progress.dirty)) return;
    this.lastFlushMs = this.clock.now();
    const snapshot = progress.takeSnapshot();
    const now = this.clock.nowIso();
    try {
      const stored = await this.store.updateJob(this.job.id, (job) =>
        applyProgress(
          job,
          this.config.instanceId,
          snapshot,
          now,
          leaseUntil(this.clock, this.config),
        ),
      );
      this.checkOwnership(stored);
    } catch (error) {
      progress.restoreErrors(snapshot.newErrors);
      this.logger.error(`Progress flush of job ${this.job.id} failed: ${errorMessage(error)}`);
      if (error instanceof StorageError) this.noteStorageFailure();
    }
  }

  checkOwnership(stored: JobRecord): void {
    if (stored.status === 'cancelled') this.requestStop('cancelled');
    else if (stored.status === 'paused') this.requestStop('paused');
    else if (!isActiveStatus(stored.status) || stored.lease?.owner !== this.config.instanceId) {
      this.requestStop('lost');
    }
  }

  /**
   * The last step of a pause, once in-flight items are flushed: the lease goes, which tells
   * a resume (on any instance) that nothing of this run can still write an item.
   */
  async releasePausedLease(): Promise<void> {
    const now = this.clock.nowIso();
    await this.store
      .updateJob(this.job.id, (job) =>
        job.status === 'paused' && job.lease?.owner === this.config.instanceId
          ? { ...job, lease: null, updatedAt: now }
          : null,
      )
      .catch((error: unknown) =>
        this.logger.warn(`Could not release the paused job's lease: ${errorMessage(error)}`),
      );
  }

  /** Lets the next start resume at once instead of waiting for the lease to expire. */
  async releaseLease(): Promise<void> {
    const now = this.clock.nowIso();
    await this.store
      .updateJob(this.job.id, (job) =>
        isActiveStatus(job.status) && job.lease?.owner === this.config.instanceId
          ? { ...job, lease: { ...job.lease, expiresAt: now }, updatedAt: now }
          : null,
      )
      .catch((error: unknown) =>
        this.logger.warn(`Could not release lease: ${errorMessage(error)}`),
      );
  }
}
