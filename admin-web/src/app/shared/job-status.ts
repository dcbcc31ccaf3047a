import type { JobStatus, JobType } from '@backfill/api-client';

export const JOB_STATUSES: readonly JobStatus[] = [
  'pending',
  'running',
  'recovering',
  'paused',
  'completed',
  'failed',
  'cancelled',
];
export const JOB_TYPES: readonly JobType[] = ['data-collection', 'analytics-generation'];

export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Pending, running or recovering: what a pause applies to. */
export function isActive(status: JobStatus): boolean {
  return !isTerminal(status) && status !== 'paused';
}

/** Text and icon for a status, so it never depends on colour alone. */
export const STATUS_DISPLAY: Record<JobStatus, { label: string; icon: string }> = {
  pending: { label: 'Pending', icon: 'schedule' },
  running: { label: 'Running', icon: 'progress_activity' },
  recovering: { label: 'Recovering', icon: 'restart_alt' },
  paused: { label: 'Paused', icon: 'pause_circle' },
  completed: { label: 'Completed', icon: 'check_circle' },
  failed: { label: 'Failed', icon: 'error' },
  cancelled: { label: 'Cancelled', icon: 'cancel' },
};

/**
 * A completed job that had failed items reads differently from a clean completion: the
 * failures are what an operator must look at (and can retry).
 */
export function statusDisplay(
  status: JobStatus,
  failed: number,
): { label: string; icon: string; tone: string } {
  if (status === 'completed' && failed > 0) {
    return { label: `Completed with ${failed} failed`, icon: 'warning', tone: 'partial' };
  }
  return { ...STATUS_DISPLAY[status], tone: status };
}

export const TYPE_LABEL: Record<JobType, string> = {
  'data-collection': 'Data collection',
  'analytics-generation': 'Analytics generation',
};
