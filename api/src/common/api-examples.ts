/**
 * Example bodies for the spec, typed against the DTOs so they cannot drift from the shapes
 * they illustrate. One data-collection job (districts 61 and 117, 1-14 March 2025) runs
 * through all of them.
 */
import type { DistrictSeriesDto } from '../analytics/dto/district-series.dto';
import type { SnapshotAnalyticsDto } from '../analytics/dto/snapshot-analytics.dto';
import type { KnownDistrictsDto } from '../collection/dto/known-districts.dto';
import type { CoverageDto } from '../coverage-map/dto/coverage.dto';
import type { BackfillStatusDto } from '../jobs/dto/backfill-status.dto';
import type { CreateJobDto } from '../jobs/dto/create-job.dto';
import type { JobItemPageDto } from '../jobs/dto/job-items.dto';
import type {
  CreateJobResponseDto,
  JobDto,
  JobPageDto,
  JobPreviewDto,
  JobSummaryDto,
} from '../jobs/dto/job.dto';
import type {
  LegacyBackfillRequestDto,
  LegacyBackfillResponseDto,
} from '../legacy/dto/legacy-backfill.dto';
import type {
  RateLimitConfigDto,
  RateLimitPatchDto,
} from '../rate-limit/dto/rate-limit-config.dto';
import { JOB_ID_EXAMPLE } from './api-fields';
import type { ErrorResponseDto } from './dto/error-response.dto';

const STATUS_URL = `/api/admin/backfill/${JOB_ID_EXAMPLE}`;

export const RATE_LIMIT_CONFIG_EXAMPLE: RateLimitConfigDto = {
  maxRequestsPerMinute: 120,
  maxConcurrent: 2,
  minDelayMs: 250,
  maxDelayMs: 60000,
  backoffMultiplier: 2,
  pauseEveryRequests: 100,
  pauseMs: 5000,
};

export const RATE_LIMIT_PATCH_EXAMPLE: RateLimitPatchDto = {
  maxRequestsPerMinute: 60,
  pauseEveryRequests: 50,
};

export const CREATE_JOB_EXAMPLES = {
  'data-collection': {
    summary: 'Collect two districts for two weeks',
    value: {
      jobType: 'data-collection',
      startDate: '2025-03-01',
      endDate: '2025-03-14',
      targetDistricts: ['61', '117'],
      skipExisting: true,
      rateLimitOverrides: { maxRequestsPerMinute: 60 },
    } satisfies CreateJobDto,
  },
  'analytics-generation': {
    summary: 'Recompute the analytics of March 2025',
    value: {
      jobType: 'analytics-generation',
      startDate: '2025-03-01',
      endDate: '2025-03-31',
    } satisfies CreateJobDto,
  },
};

export const JOB_SUMMARY_EXAMPLE: JobSummaryDto = {
  jobId: JOB_ID_EXAMPLE,
  id: JOB_ID_EXAMPLE,
  jobType: 'data-collection',
  status: 'running',
  config: {
    startDate: '2025-03-01',
    endDate: '2025-03-14',
    targetDistricts: ['61', '117'],
    skipExisting: true,
    rateLimitOverrides: { maxRequestsPerMinute: 60 },
  },
  counters: { total: 28, processed: 17, failed: 1, skipped: 4 },
  createdAt: '2025-03-15T06:00:02.118Z',
  startedAt: '2025-03-15T06:00:02.240Z',
  completedAt: null,
  resumedAt: null,
  cancelledAt: null,
  pausedAt: null,
  durationMs: null,
  failureReason: null,
  lastError: 'Dashboard answered 503 for the club performance report',
};

export const JOB_EXAMPLE: JobDto = {
  ...JOB_SUMMARY_EXAMPLE,
  currentItem: '2025-03-09/117',
  progressByGroup: {
    '61': { total: 14, processed: 9, failed: 0, skipped: 2 },
    '117': { total: 14, processed: 8, failed: 1, skipped: 2 },
  },
  errors: [
    {
      item: '2025-03-08/117',
      message: 'Dashboard answered 503 for the club performance report',
      at: '2025-03-15T06:00:31.904Z',
      retryable: true,
    },
  ],
  lastProgressAt: '2025-03-15T06:00:40.377Z',
  result: null,
  lease: {
    owner: 'api-1',
    expiresAt: '2025-03-15T06:01:10.377Z',
    renewedAt: '2025-03-15T06:00:40.377Z',
  },
  actions: [{ action: 'created', by: 'admin', at: '2025-03-15T06:00:02.118Z', instance: 'api-1' }],
  followUpJobId: null,
  throughput: { itemsPerMinute: 26.2, etaSeconds: 25, percentComplete: 60.7 },
  rateLimiter: {
    requestsMade: 52,
    inFlight: 1,
    waiting: 0,
    currentDelayMs: 250,
    allowedRequestsPerMinute: 60,
    allowedRateReason: 'configured-maximum',
    waitingFor: null,
    throttled: false,
    lastThrottledAt: '2025-03-15T06:00:31.901Z',
    retryAfterUntil: null,
    pausedUntil: null,
    config: { ...RATE_LIMIT_CONFIG_EXAMPLE, maxRequestsPerMinute: 60 },
  },
};

export const PAUSED_JOB_EXAMPLE: JobDto = {
  ...JOB_EXAMPLE,
  status: 'paused',
  pausedAt: '2025-03-15T06:00:45.002Z',
  currentItem: null,
  throughput: { ...JOB_EXAMPLE.throughput, etaSeconds: null },
  rateLimiter: null,
  actions: [
    ...JOB_EXAMPLE.actions,
    { action: 'paused', by: 'admin', at: '2025-03-15T06:00:45.002Z' },
  ],
};

export const COMPLETED_JOB_EXAMPLE: JobDto = {
  ...JOB_EXAMPLE,
  status: 'completed',
  counters: { total: 28, processed: 28, failed: 1, skipped: 4 },
  completedAt: '2025-03-15T06:01:06.611Z',
  durationMs: 64371,
  currentItem: null,
  progressByGroup: {
    '61': { total: 14, processed: 14, failed: 0, skipped: 2 },
    '117': { total: 14, processed: 14, failed: 1, skipped: 2 },
  },
  result: {
    total: 28,
    processed: 28,
    failed: 1,
    skipped: 4,
    noDataDates: 0,
    finishedBy: 'api-1',
  },
  lease: null,
  throughput: { itemsPerMinute: 26.1, etaSeconds: null, percentComplete: 100 },
  rateLimiter: null,
};

export const CREATE_JOB_RESPONSE_EXAMPLE: CreateJobResponseDto = {
  jobId: JOB_ID_EXAMPLE,
  status: 'running',
  statusUrl: STATUS_URL,
  job: JOB_EXAMPLE,
};

export const JOB_PAGE_EXAMPLE: JobPageDto = {
  jobs: [JOB_SUMMARY_EXAMPLE],
  total: 1,
  limit: 20,
  offset: 0,
};

export const JOB_PREVIEW_EXAMPLE: JobPreviewDto = {
  jobType: 'data-collection',
  totalItems: 28,
  skippedExisting: 4,
  dateRange: { startDate: '2025-03-01', endDate: '2025-03-14' },
  order: 'oldest-first',
  dates: 14,
  districts: ['61', '117'],
  upstreamRequests: 86,
  estimatedDurationSeconds: 47,
  rateLimit: RATE_LIMIT_CONFIG_EXAMPLE,
  notes: [
    'Duration assumes 120 requests/min, 2 in flight, 250 ms between starts, a 5000 ms pause every 100 requests and about 1.5 s per response.',
  ],
};

export const BACKFILL_STATUS_EXAMPLE: BackfillStatusDto = {
  activeJob: JOB_EXAMPLE,
  instanceId: 'api-1',
  runningHere: JOB_ID_EXAMPLE,
  rateLimiter: JOB_EXAMPLE.rateLimiter,
  recovery: {
    checkedAt: '2025-03-15T05:59:58.020Z',
    outcome: 'none',
    jobId: null,
    message: 'No active job to recover',
  },
  schedule: {
    expression: '30 7 * * *',
    lookbackDays: 7,
    nextTickAt: '2025-03-16T07:30:00.000Z',
    lastTick: {
      at: '2025-03-15T07:30:00.000Z',
      outcome: 'completed',
      message: 'Collected and analysed 2025-03-08..2025-03-14',
      collectionJobId: JOB_ID_EXAMPLE,
      analyticsJobId: '8d1e3b20-4c6f-4a8e-9f21-6b7c0d9e5a14',
      pausedJobId: null,
    },
    inProgress: null,
  },
};

export const JOB_ITEM_PAGE_EXAMPLE: JobItemPageDto = {
  items: [
    {
      id: '2025-03-08/117',
      date: '2025-03-08',
      group: '117',
      outcome: 'failed',
      reason: 'Dashboard answered 503 for the club performance report',
      supersededBy: null,
      attempts: 3,
      retryable: true,
      at: '2025-03-15T06:00:31.904Z',
    },
    {
      id: '2025-03-02/61',
      date: '2025-03-02',
      group: '61',
      outcome: 'skipped',
      reason: 'superseded',
      supersededBy: '2025-03-08/61',
      attempts: null,
      retryable: null,
      at: '2025-03-15T06:00:02.530Z',
    },
  ],
  total: 2,
  limit: 100,
  offset: 0,
  counts: { done: 12, skipped: 4, failed: 1 },
};

export const LEGACY_REQUEST_EXAMPLE: LegacyBackfillRequestDto = {
  startDate: '2025-03-01',
  endDate: '2025-03-14',
  targetDistricts: ['61', '117'],
  skipExisting: true,
};

export const LEGACY_RESPONSE_EXAMPLE: LegacyBackfillResponseDto = {
  backfillId: JOB_ID_EXAMPLE,
  status: 'running',
  successor: STATUS_URL,
  job: JOB_EXAMPLE,
};

export const DISTRICT_SERIES_EXAMPLE: DistrictSeriesDto = {
  districtId: '61',
  programYear: '2024-2025',
  points: [
    {
      date: '2025-03-13',
      snapshotId: '2025-03-13',
      membership: 2137,
      payments: 2380,
      dcpGoals: 315,
      distinguishedTotal: 27,
      clubCounts: { total: 92, thriving: 50, vulnerable: 34, interventionRequired: 8 },
    },
    {
      date: '2025-03-14',
      snapshotId: '2025-03-14',
      membership: 2143,
      payments: 2387,
      dcpGoals: 318,
      distinguishedTotal: 27,
      clubCounts: { total: 92, thriving: 51, vulnerable: 33, interventionRequired: 8 },
    },
  ],
  summary: {
    points: 2,
    start: { date: '2025-03-13', membership: 2137 },
    end: { date: '2025-03-14', membership: 2143 },
    peak: { date: '2025-03-14', membership: 2143 },
    low: { date: '2025-03-13', membership: 2137 },
    change: 6,
  },
};

export const SNAPSHOT_ANALYTICS_EXAMPLE: SnapshotAnalyticsDto = {
  schemaVersion: 1,
  snapshotDate: '2025-03-14',
  districts: [
    {
      districtId: '61',
      programYear: '2024-2025',
      dataMonth: '2025-03',
      collectionDate: '2025-03-14',
      isClosingPeriod: false,
      membership: 2143,
      payments: 2387,
      dcpGoals: 318,
      clubCounts: { total: 92, thriving: 51, vulnerable: 33, interventionRequired: 8 },
      distinguished: { smedley: 4, presidents: 9, select: 6, distinguished: 8, total: 27 },
      previousSnapshotDate: '2025-03-13',
      membershipChange: 6,
    },
  ],
  ranking: [
    {
      districtId: '61',
      rank: 3,
      totalPoints: 361,
      clubGrowth: { value: 4.17, rank: 5, points: 122 },
      paymentGrowth: { value: 6.02, rank: 2, points: 125 },
      distinguished: { value: 29.35, rank: 13, points: 114 },
    },
    {
      districtId: '117',
      rank: 4,
      totalPoints: 355,
      clubGrowth: { value: 3.85, rank: 7, points: 120 },
      paymentGrowth: { value: 5.1, rank: 6, points: 121 },
      distinguished: { value: 31.58, rank: 9, points: 118 },
    },
  ],
  summaryCollectionDate: '2025-03-14',
};

export const KNOWN_DISTRICTS_EXAMPLE: KnownDistrictsDto = {
  snapshotDate: '2025-03-14',
  districts: [
    { id: '61', region: '06' },
    { id: '117', region: '10' },
  ],
};

/** A month end whose closing days ran to 3 August; district 117's month end failed. */
export const COVERAGE_EXAMPLE: CoverageDto = {
  from: '2025-07-30',
  to: '2025-08-04',
  days: 6,
  districts: ['61', '117'],
  rows: ['oosssm', 'ofsssm'],
  summary: 'oosssm',
  closingPeriods: [{ monthEnd: '2025-07-31', from: '2025-08-01', to: '2025-08-03' }],
  collectionDates: [{ date: '2025-07-31', collectionDate: '2025-08-03', districts: [0] }],
  summaryCollectionDates: [{ date: '2025-07-31', collectionDate: '2025-08-03' }],
  failures: [
    {
      date: '2025-07-31',
      collectionDate: '2025-08-03',
      reason: 'HTTP 500 after 4 attempts',
      districts: [1],
    },
  ],
  counts: { ok: 3, noData: 0, failed: 1, superseded: 6, missing: 2 },
  summaryCounts: { ok: 2, noData: 0, failed: 0, superseded: 3, missing: 1 },
};

export const VALIDATION_ERROR_EXAMPLE: ErrorResponseDto = {
  error: {
    code: 'VALIDATION_ERROR',
    message: 'endDate must be a real calendar date written YYYY-MM-DD',
    details: ['endDate must be a real calendar date written YYYY-MM-DD'],
  },
  metadata: {
    operationId: '9b2f6c0e-51d4-4f0a-a1c3-7d8e2b4f6a10',
    timestamp: '2025-03-15T06:00:01.733Z',
  },
};
