import { JobRecord, isActiveStatus } from '../domain/job.model';
import type { RateLimiterStatusDto } from '../rate-limit/dto/rate-limiter-status.dto';
import type { JobDto, JobSummaryDto } from './dto/job.dto';
import type { JobRunner, RunThroughput } from './job-runner';

export function toJobSummaryDto(job: JobRecord): JobSummaryDto {
  const end = job.completedAt ? Date.parse(job.completedAt) : null;
  const start = job.startedAt ? Date.parse(job.startedAt) : null;
  return {
    jobId: job.id,
    id: job.id,
    jobType: job.jobType,
    status: job.status,
    config: job.config,
    counters: job.counters,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    resumedAt: job.resumedAt,
    cancelledAt: job.cancelledAt,
    pausedAt: job.pausedAt ?? null,
    durationMs: start !== null && end !== null ? Math.max(0, end - start) : null,
    failureReason: job.failureReason,
    lastError: job.errors.at(-1)?.message ?? null,
  };
}

export interface LiveJobInfo {
  nowMs: number;
  throughput: RunThroughput | null;
  rateLimiter: RateLimiterStatusDto | null;
}

export function toJobDto(job: JobRecord, live: LiveJobInfo): JobDto {
  return {
    ...toJobSummaryDto(job),
    currentItem: job.currentItem,
    progressByGroup: job.progressByGroup,
    errors: job.errors,
    lastProgressAt: job.lastProgressAt,
    // The runner stores the job's counters plus its handler's resultSummary(), which is
    // exactly the result schema of that job type.
    result: job.result as JobDto['result'],
    lease: job.lease ? { ...job.lease, renewedAt: job.lease.renewedAt ?? null } : null,
    actions: job.actions,
    followUpJobId: job.followUpJobId ?? null,
    throughput: throughputOf(job, live),
    rateLimiter: live.rateLimiter,
  };
}

/** Rate from this run when the job runs here; otherwise the average since it started. */
function throughputOf(job: JobRecord, live: LiveJobInfo): JobDto['throughput'] {
  const { total, processed } = job.counters;
  const percentComplete = total > 0 ? Math.round((processed / total) * 1000) / 10 : 0;
  let items = processed;
  const since = job.resumedAt ?? job.startedAt;
  let sinceMs = since ? Date.parse(since) : null;
  if (live.throughput) {
    items = live.throughput.itemsThisRun;
    sinceMs = live.throughput.runStartedAtMs;
  }
  const endMs = job.completedAt ? Date.parse(job.completedAt) : live.nowMs;
  const minutes = sinceMs !== null ? (endMs - sinceMs) / 60000 : 0;
  const itemsPerMinute = minutes > 0 ? Math.round((items / minutes) * 10) / 10 : 0;
  const left = Math.max(0, total - processed);
  // A paused job has no pace to project from until it is resumed.
  const etaSeconds =
    job.completedAt || job.status === 'paused' || total === 0
      ? null
      : itemsPerMinute > 0
        ? Math.round((left / itemsPerMinute) * 60)
        : null;
  return { itemsPerMinute, etaSeconds, percentComplete };
}

/**
 * The job as this process knows it now: while it runs here, its counters, per-district
 * progress and current item as they are in memory, not as of the last flush (which may be
 * seconds old); otherwise the stored record as is.
 */
export function withLiveProgress(
  job: JobRecord,
  runner: Pick<JobRunner, 'liveProgress'>,
): JobRecord {
  const progress = isActiveStatus(job.status) ? runner.liveProgress(job.id) : null;
  return progress
    ? {
        ...job,
        counters: progress.counters,
        progressByGroup: progress.progressByGroup,
        currentItem: progress.currentItem,
        lastProgressAt: latestOf(job.lastProgressAt, progress.lastProgressAt),
      }
    : job;
}

/**
 * The full status DTO with what this process knows live about the job's run (see
 * `withLiveProgress`), so the console moves with every item.
 */
export function toLiveJobDto(
  job: JobRecord,
  runner: Pick<JobRunner, 'throughput' | 'liveStatus' | 'liveProgress'>,
  nowMs: number,
): JobDto {
  return toJobDto(withLiveProgress(job, runner), {
    nowMs,
    throughput: runner.throughput(job.id),
    rateLimiter: liveRateLimiter(runner, job.id),
  });
}

/** The rate limiter of the job when this process runs it (its handler reports it). */
export function liveRateLimiter(
  runner: Pick<JobRunner, 'liveStatus'>,
  jobId: string,
): RateLimiterStatusDto | null {
  return runner.liveStatus(jobId)?.rateLimiter ?? null;
}

function latestOf(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return a > b ? a : b;
}
