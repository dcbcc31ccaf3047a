import { newJobRecord } from '../../src/jobs/job-state';
import type { JobRecord } from '../../src/domain/job.model';

/** A valid job document with sensible defaults; override what a test cares about. */
export function makeJob(overrides: Partial<JobRecord> = {}): JobRecord {
  const createdAt = overrides.createdAt ?? '2026-01-15T12:00:00.000Z';
  return {
    ...newJobRecord(
      'data-collection',
      { startDate: '2026-01-01', endDate: '2026-01-03', skipExisting: true },
      createdAt,
    ),
    ...overrides,
  };
}

/** A finished job, `completedAt` as given. */
export function makeFinishedJob(
  status: 'completed' | 'failed' | 'cancelled',
  completedAt: string,
  overrides: Partial<JobRecord> = {},
): JobRecord {
  return makeJob({ status, completedAt, createdAt: completedAt, ...overrides });
}
