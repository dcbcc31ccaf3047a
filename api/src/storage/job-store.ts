import type { RateLimitConfig } from '../domain/rate-limit-config';
import type { ScheduleMutation, ScheduleState } from '../domain/schedule-state';
import type { JobRecord, JobStatus, JobType, LedgerEntry } from '../domain/job.model';

export interface ListJobsQuery {
  statuses?: readonly JobStatus[];
  jobType?: JobType;
  limit: number;
  offset: number;
}

export interface JobPage {
  jobs: JobRecord[];
  /** Exact number of jobs matching the filters, ignoring limit and offset. */
  total: number;
}

export type CreateJobResult =
  | { created: true; job: JobRecord }
  | { created: false; activeJobId: string };

/**
 * Receives the stored job and returns its replacement, or `null` to leave it unchanged.
 * It may throw to abort the update; it may be called more than once when a driver retries
 * a conflicting write, so it must not have side effects.
 */
export type JobMutation = (current: JobRecord) => JobRecord | null;

/** Told of a watched job's stored states; see `JobStore.watchJob`. */
export interface JobWatcher {
  /**
   * A stored state of the job: first the current one, then every later write, in revision
   * order (a state may be skipped when writes come faster than they are delivered, never
   * delivered out of order). Never called for a job that does not exist.
   */
  changed(job: JobRecord): void;
  /** The watch broke and reports nothing more; the caller falls back to reading the job. */
  failed(error: Error): void;
}

/** Ends a watch; safe to call more than once. */
export type Unwatch = () => void;

/**
 * Port for jobs, their item ledgers, the single-active-job lock and the persisted
 * rate-limit config. Drivers: `local/` (files under DATA_DIR) and `firestore/`.
 * Every driver passes `test/contracts/job-store.contract.ts`.
 *
 * Job records handed out are read-only (deep-frozen by `ValidatedJobStore`, and shared
 * between readers by the local driver's cache): derive a new record, as `job-state.ts`
 * does, rather than change one. `updateJob`'s mutation gets a copy of its own.
 */
export abstract class JobStore {
  /**
   * Stores a new active job and takes the deployment-wide active-job lock in one atomic
   * step. When another active job holds the lock, nothing is written. A lock whose job is
   * missing or no longer active (terminal or paused) counts as free.
   */
  abstract createJob(job: JobRecord): Promise<CreateJobResult>;

  abstract getJob(id: string): Promise<JobRecord | null>;

  /**
   * Atomic read-modify-write against every other writer of this job. When the result is
   * no longer active (terminal or paused) the active-job lock is released as part of the
   * same update; when it becomes active again (a resumed job) the lock is taken in the same
   * update, or nothing is written and `ActiveJobLockHeldError` names the job holding it.
   * Throws `JobNotFoundError` when the job does not exist.
   */
  abstract updateJob(id: string, mutate: JobMutation): Promise<JobRecord>;

  /**
   * Tells `watcher` of every stored state of one job as soon as it is written, by this
   * process or any other instance: how a runner hears at once that its job was cancelled,
   * paused or taken over. Local driver: an in-process notification (one process per data
   * directory); Firestore: a real-time listener on the job document.
   */
  abstract watchJob(id: string, watcher: JobWatcher): Unwatch;

  /** Newest first (createdAt, then id, descending). */
  abstract listJobs(query: ListJobsQuery): Promise<JobPage>;

  /** The job holding the active-job lock, if it is still active. */
  abstract findActiveJob(): Promise<JobRecord | null>;

  /** Terminal jobs that reached their final state before `cutoffIso`, oldest first. */
  abstract findFinishedBefore(cutoffIso: string, limit: number): Promise<JobRecord[]>;

  /** Deletes a terminal job and its ledger. Refuses (JobActiveError) an active job. */
  abstract deleteJob(id: string): Promise<void>;

  /** Appends item outcomes; durable against a process crash once the promise resolves. */
  abstract appendLedger(jobId: string, entries: readonly LedgerEntry[]): Promise<void>;

  /** Every ledger entry of a job in append order (an item may appear more than once). */
  abstract readLedger(jobId: string): Promise<LedgerEntry[]>;

  /** The persisted rate-limit config, or the defaults when none was saved yet. */
  abstract getRateLimitConfig(): Promise<RateLimitConfig>;

  abstract saveRateLimitConfig(config: RateLimitConfig): Promise<void>;

  /**
   * The daily schedule's state (`EMPTY_SCHEDULE_STATE` before the first tick), changed by
   * an atomic read-modify-write against every instance, as `updateJob` is: how one
   * instance alone claims a tick.
   */
  abstract updateScheduleState(mutate: ScheduleMutation): Promise<ScheduleState>;

  /** Throws when the store cannot be reached; used by readiness checks. */
  abstract ping(): Promise<void>;
}
