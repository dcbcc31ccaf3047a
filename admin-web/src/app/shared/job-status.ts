import type { JobStatus, JobType } from '@backfill/api-client';

export const JOB_STATUSES: readonly JobStatus[] = [
  'pending',
  'running',
  'recovering',
  'completed',
  'failed',
  'cancelled',
];
export const JOB_TYPES: readonly JobType[] = ['data-collection', 'analytics-generation'];

export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Text and icon for a status, so it never depends on colour alone. */
export const STATUS_DISPLAY: Record<JobStatus, { label: string; icon: string }> = {
  pending: { label: 'Pending', icon: 'schedule' },
  running: { label: 'Running', icon: 'progress_activity' },
  recovering: { label: 'Recovering', icon: 'restart_alt' },
  completed: { label: 'Completed', icon: 'check_circle' },
  failed: { label: 'Failed', icon: 'error' },
  cancelled: { label: 'Cancelled', icon: 'cancel' },
};

export const TYPE_LABEL: Record<JobType, string> = {
  'data-collection': 'Data collection',
  'analytics-generation': 'Analytics generation',
};
