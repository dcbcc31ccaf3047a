import { JOB_STATUSES, JOB_TYPES, JobRecord, LedgerEntry } from '../domain/job.model';

/**
 * Structural checks of what a driver reads back, shared so both drivers accept exactly the
 * same documents: enough to keep a damaged file or document out of the service.
 */
export function isJobRecordShape(value: unknown, expectedId: string): value is JobRecord {
  return (
    isPlainObject(value) &&
    value.id === expectedId &&
    (JOB_TYPES as readonly unknown[]).includes(value.jobType) &&
    (JOB_STATUSES as readonly unknown[]).includes(value.status) &&
    typeof value.createdAt === 'string' &&
    isPlainObject(value.config) &&
    isPlainObject(value.counters) &&
    Array.isArray(value.errors) &&
    typeof value.revision === 'number'
  );
}

/** A ledger entry names its item and one of the three outcomes. */
export function isLedgerEntryShape(value: unknown): value is LedgerEntry {
  return (
    isPlainObject(value) &&
    typeof value.item === 'string' &&
    (value.outcome === 'done' || value.outcome === 'skipped' || value.outcome === 'failed')
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
