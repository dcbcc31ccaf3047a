import type { RateLimitConfig } from './rate-limit-config';

/**
 * The persisted job document. It stays small and bounded whatever the job's size:
 * per-item outcomes live in the separate item ledger (`LedgerEntry`).
 */
export const JOB_TYPES = ['data-collection', 'analytics-generation'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_STATUSES = [
  'pending',
  'running',
  'recovering',
  'paused',
  'completed',
  'failed',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const ACTIVE_STATUSES: readonly JobStatus[] = ['pending', 'running', 'recovering'];
export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export function isActiveStatus(status: JobStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export function isTerminalStatus(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * `paused` is neither: it holds no active-job lock and no runner works on it (so it is
 * never stale and never recovered on its own), yet it is not over, since a resume makes
 * it active again and it continues from its ledger.
 */
export function isPausedStatus(status: JobStatus): boolean {
  return status === 'paused';
}

/** How many recent errors a job document keeps; older ones are only in the ledger. */
export const MAX_JOB_ERRORS = 50;
/** How many admin actions a job document keeps. */
export const MAX_JOB_ACTIONS = 50;

/**
 * data-collection: which closing days of a month are downloaded. They all land on the
 * month-end snapshot, where only the newest survives; `every` keeps each day's raw files.
 */
export const CLOSING_DAYS_MODES = ['last', 'every'] as const;
export type ClosingDaysMode = (typeof CLOSING_DAYS_MODES)[number];

/** The order in which a job's dates are worked through. */
export const JOB_ORDERS = ['oldest-first', 'newest-first'] as const;
export type JobOrder = (typeof JOB_ORDERS)[number];

/** Jobs stored before `order` existed work oldest first. */
export function orderOf(config: JobConfig): JobOrder {
  return config.order ?? 'oldest-first';
}

export interface JobConfig {
  startDate?: string;
  endDate?: string;
  targetDistricts?: string[];
  skipExisting: boolean;
  /** Absent in jobs created before it existed, which then take the default, `last`. */
  closingDays?: ClosingDaysMode;
  /**
   * analytics-generation: recompute every selected date, even those whose stored analytics
   * were computed from the snapshots stored now. Absent means false.
   */
  force?: boolean;
  rateLimitOverrides?: Partial<RateLimitConfig>;
  /** For retry jobs: the job whose failed items this one redoes. */
  retryOfJobId?: string;
  /** Absent in jobs created before it existed, which then take the default, `oldest-first`. */
  order?: JobOrder;
  /**
   * data-collection: when the job completes, create an analytics-generation job over the
   * snapshot dates it touched.
   */
  analyticsAfter?: boolean;
  /** Set on the jobs the daily schedule creates, so a later tick recognises its own. */
  scheduled?: boolean;
}

export interface JobCounters {
  /** Items planned; 0 until planning finishes. */
  total: number;
  /** Items finished in any way: succeeded, skipped or failed. */
  processed: number;
  failed: number;
  skipped: number;
}

export interface JobError {
  item: string;
  message: string;
  at: string;
  retryable: boolean;
}

export interface JobLease {
  owner: string;
  expiresAt: string;
  /**
   * When the owner last took or renewed the lease (its heartbeat, or a progress flush).
   * Absent in records written before it was kept.
   */
  renewedAt?: string;
}

export const ADMIN_ACTION_KINDS = [
  'created',
  'cancelled',
  'paused',
  'resumed',
  'retried',
  'config-changed',
] as const;
export type AdminActionKind = (typeof ADMIN_ACTION_KINDS)[number];

export interface AdminAction {
  action: AdminActionKind;
  by: string;
  at: string;
  detail?: string;
  /**
   * The instance that took the request (or, for a `resumed` by the system, resumed the
   * job), so a runner elsewhere can say whose decision stopped it. Absent in older records.
   */
  instance?: string;
}

export interface JobRecord {
  id: string;
  jobType: JobType;
  status: JobStatus;
  config: JobConfig;
  counters: JobCounters;
  currentItem: string | null;
  /** Counters per district (data-collection) or per group the handler names. */
  progressByGroup: Record<string, JobCounters>;
  errors: JobError[];
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  resumedAt: string | null;
  cancelledAt: string | null;
  /** When it was last paused; absent in records written before pausing existed. */
  pausedAt?: string | null;
  /** When an item last finished (any outcome); what the stale rule looks at. */
  lastProgressAt: string | null;
  /**
   * When a heartbeat last found the runner holding back on the dashboard's orders (a
   * Retry-After, backoff after 429/5xx, the periodic pause): alive and polite, so not stale.
   * Absent in records written before it existed.
   */
  upstreamWaitSeenAt?: string | null;
  failureReason: string | null;
  result: Record<string, unknown> | null;
  lease: JobLease | null;
  actions: AdminAction[];
  /** The job created when this one completed (`analyticsAfter`); absent when none was. */
  followUpJobId?: string;
  /** Monotonic revision, bumped by every write; used for conditional updates. */
  revision: number;
}

export type ItemOutcome = 'done' | 'skipped' | 'failed';

/** One line of the append-only item ledger. The newest entry for an item wins. */
export interface LedgerEntry {
  item: string;
  outcome: ItemOutcome;
  at: string;
  attempts?: number;
  reason?: string;
  retryable?: boolean;
  /** Handler-defined grouping (the district for data-collection). */
  group?: string;
  /** For an item skipped as `superseded`: the item whose result replaces its own. */
  supersededBy?: string;
  /** What a done item wrote, handler-defined: the snapshot date, for data-collection. */
  touched?: string;
}
