import { newJobId } from '../common/ids';
import {
  AdminAction,
  JobConfig,
  JobCounters,
  JobError,
  JobRecord,
  JobStatus,
  JobType,
  MAX_JOB_ACTIONS,
  MAX_JOB_ERRORS,
  isActiveStatus,
  isTerminalStatus,
} from '../domain/job.model';

/** Every legal status change. Terminal states have no way out. */
const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  pending: ['running', 'recovering', 'cancelled', 'failed', 'paused'],
  running: ['completed', 'failed', 'cancelled', 'recovering', 'paused'],
  recovering: ['running', 'failed', 'cancelled', 'paused'],
  // A resume makes it pending again: a runner claims it as it claims a new job.
  paused: ['pending', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: JobStatus,
    readonly to: JobStatus,
  ) {
    super(`A ${from} job cannot become ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

function transition(job: JobRecord, to: JobStatus, now: string): JobRecord {
  if (!canTransition(job.status, to)) throw new IllegalTransitionError(job.status, to);
  const next: JobRecord = { ...job, status: to, updatedAt: now };
  if (isTerminalStatus(to)) {
    next.completedAt = now;
    next.currentItem = null;
    next.lease = null;
  }
  return next;
}

export function emptyCounters(): JobCounters {
  return { total: 0, processed: 0, failed: 0, skipped: 0 };
}

/** A new pending job as first stored: nothing run, no action yet. */
export function newJobRecord(jobType: JobType, config: JobConfig, createdAt: string): JobRecord {
  return {
    id: newJobId(),
    jobType,
    status: 'pending',
    config,
    counters: emptyCounters(),
    currentItem: null,
    progressByGroup: {},
    errors: [],
    createdAt,
    updatedAt: createdAt,
    startedAt: null,
    completedAt: null,
    resumedAt: null,
    cancelledAt: null,
    lastProgressAt: null,
    failureReason: null,
    result: null,
    lease: null,
    actions: [],
    revision: 0,
  };
}

export function withAction(job: JobRecord, action: AdminAction): JobRecord {
  return { ...job, actions: [...job.actions, action].slice(-MAX_JOB_ACTIONS) };
}

export function startRunning(
  job: JobRecord,
  owner: string,
  leaseUntil: string,
  now: string,
): JobRecord {
  const next = transition(job, 'running', now);
  next.startedAt ??= now;
  next.lease = { owner, expiresAt: leaseUntil, renewedAt: now };
  // A fresh start counts as progress, so a slow first item is not mistaken for a stall.
  next.lastProgressAt = now;
  return next;
}

export function markRecovering(
  job: JobRecord,
  owner: string,
  leaseUntil: string,
  now: string,
): JobRecord {
  const next = transition(job, 'recovering', now);
  next.resumedAt = now;
  next.lease = { owner, expiresAt: leaseUntil, renewedAt: now };
  next.lastProgressAt = now;
  return next;
}

export function complete(job: JobRecord, result: Record<string, unknown>, now: string): JobRecord {
  return { ...transition(job, 'completed', now), result };
}

export function fail(job: JobRecord, reason: string, now: string): JobRecord {
  return { ...transition(job, 'failed', now), failureReason: reason };
}

export function cancel(job: JobRecord, now: string): JobRecord {
  return { ...transition(job, 'cancelled', now), cancelledAt: now };
}

/**
 * Stops an active job where it is. The lease stays with its runner, which flushes its
 * in-flight items and then gives it up (`releasePausedLease`); until then a resume waits,
 * so no item is ever worked on by two runs.
 */
export function pause(job: JobRecord, now: string): JobRecord {
  return { ...transition(job, 'paused', now), pausedAt: now, currentItem: null };
}

/** A paused job made pending again; a runner claims it and continues from its ledger. */
export function resume(job: JobRecord, now: string): JobRecord {
  return { ...transition(job, 'pending', now), resumedAt: now, lease: null };
}

/** True while the runner of a paused job may still be finishing its in-flight items. */
export function pausedRunnerStillHolds(job: JobRecord, nowMs: number): boolean {
  return job.status === 'paused' && !!job.lease && Date.parse(job.lease.expiresAt) > nowMs;
}

/** Progress the runner holds in memory between flushes. */
export interface ProgressSnapshot {
  counters: JobCounters;
  progressByGroup: Record<string, JobCounters>;
  currentItem: string | null;
  lastProgressAt: string | null;
  newErrors: JobError[];
}

/**
 * Applies a progress flush from the runner that owns the job. Returns null (write nothing)
 * when the job is no longer the runner's: another owner holds the lease, or it ended in a
 * way other than cancellation. A cancelled or paused job still takes the counters of the
 * items that were in flight when it stopped; its status never changes.
 */
export function applyProgress(
  job: JobRecord,
  owner: string,
  progress: ProgressSnapshot,
  now: string,
  leaseUntil?: string,
): JobRecord | null {
  const owned = job.lease?.owner === owner;
  // A paused job takes the counters of its own runner's last flush, as a cancelled one does.
  if ((isActiveStatus(job.status) || job.status === 'paused') && !owned) return null;
  if (isTerminalStatus(job.status) && job.status !== 'cancelled') return null;
  const next: JobRecord = {
    ...job,
    counters: { ...progress.counters },
    progressByGroup: structuredClone(progress.progressByGroup),
    currentItem: isActiveStatus(job.status) ? progress.currentItem : null,
    lastProgressAt: progress.lastProgressAt ?? job.lastProgressAt,
    errors: [...job.errors, ...progress.newErrors].slice(-MAX_JOB_ERRORS),
    updatedAt: now,
  };
  if (leaseUntil && isActiveStatus(job.status) && next.lease) {
    next.lease = { ...next.lease, expiresAt: leaseUntil, renewedAt: now };
  }
  return next;
}

/**
 * The instant the stale rule measures from: the last finished item (or the start), or the
 * last time the runner was seen waiting because the dashboard asked it to, if later. A
 * Retry-After may be up to an hour, longer than the stale window: a runner obeying it is
 * slow, not stuck, and killing slow jobs is the mistake the rule exists to avoid.
 */
export function lastSignOfLife(job: JobRecord): string {
  const progress = job.lastProgressAt ?? job.resumedAt ?? job.startedAt ?? job.createdAt;
  const waiting = job.upstreamWaitSeenAt;
  return waiting && Date.parse(waiting) > Date.parse(progress) ? waiting : progress;
}

export function isStale(job: JobRecord, nowMs: number, staleAfterMs: number): boolean {
  if (!isActiveStatus(job.status)) return false;
  return nowMs - Date.parse(lastSignOfLife(job)) >= staleAfterMs;
}
