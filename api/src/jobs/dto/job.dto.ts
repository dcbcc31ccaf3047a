import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  ApiInteger,
  ApiNullableInteger,
  ApiTimestamp,
  JOB_ID_EXAMPLE,
} from '../../common/api-fields';
import { RateLimitConfigDto, RateLimitPatchDto } from '../../rate-limit/dto/rate-limit-config.dto';
import { RateLimiterStatusDto } from '../../rate-limit/dto/rate-limiter-status.dto';
import {
  ADMIN_ACTION_KINDS,
  AdminActionKind,
  CLOSING_DAYS_MODES,
  ClosingDaysMode,
  JOB_ORDERS,
  JOB_STATUSES,
  JOB_TYPES,
  JobOrder,
  JobStatus,
  JobType,
} from '../../domain/job.model';

export class JobCountersDto {
  @ApiInteger('Items planned; 0 until planning finished.', { example: 186 })
  total!: number;

  @ApiInteger('Items finished in any way (succeeded, skipped or failed).', { example: 124 })
  processed!: number;

  @ApiInteger('Items that failed (their errors are in the item ledger).', { example: 2 })
  failed!: number;

  @ApiInteger('Items skipped: already stored, or no data that day.', { example: 31 })
  skipped!: number;
}

export class JobConfigDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2025-03-01',
    description: 'First date (UTC) of the range; absent for analytics over every stored date.',
  })
  startDate?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-03-14',
    description: 'Last date (UTC) of the range.',
  })
  endDate?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['61', '117'],
    description: 'The districts asked for; absent means every district of each summary.',
  })
  targetDistricts?: string[];

  @ApiProperty({ description: 'Whether (date, district) cells already stored are skipped.' })
  skipExisting!: boolean;

  @ApiPropertyOptional({
    enum: CLOSING_DAYS_MODES,
    enumName: 'ClosingDaysMode',
    example: 'last',
    description:
      'data-collection: "last" downloads only the last date of the range per month end and district (the default); "every" downloads every closing day.',
  })
  closingDays?: ClosingDaysMode;

  @ApiPropertyOptional({
    description:
      'analytics-generation: true when every selected date is recomputed, up to date or not.',
  })
  force?: boolean;

  @ApiPropertyOptional({
    type: RateLimitPatchDto,
    description: 'Rate-limit settings for this job only, on top of the saved config.',
  })
  rateLimitOverrides?: RateLimitPatchDto;

  @ApiPropertyOptional({
    format: 'uuid',
    example: JOB_ID_EXAMPLE,
    description: 'The job whose failed items this redoes.',
  })
  retryOfJobId?: string;

  @ApiPropertyOptional({
    enum: JOB_ORDERS,
    enumName: 'JobOrder',
    example: 'oldest-first',
    description: 'data-collection: the order of its dates; absent means oldest-first.',
  })
  order?: JobOrder;

  @ApiPropertyOptional({
    description:
      'data-collection: an analytics-generation job over the snapshot dates it wrote follows its completion.',
  })
  analyticsAfter?: boolean;

  @ApiPropertyOptional({ description: 'True for the jobs the daily schedule created.' })
  scheduled?: boolean;
}

export class JobErrorDto {
  @ApiProperty({ example: '2025-03-14/61', description: 'The item that failed.' })
  item!: string;

  @ApiProperty({
    example: 'Dashboard answered 503 for the club performance report',
    description: 'What went wrong, for a person.',
  })
  message!: string;

  @ApiTimestamp('When it failed.')
  at!: string;

  @ApiProperty({ description: 'True when retrying the item later may succeed.' })
  retryable!: boolean;
}

export class JobLeaseDto {
  @ApiProperty({ example: 'api-1', description: 'Instance that runs the job.' })
  owner!: string;

  @ApiTimestamp('When the lease runs out unless the owner renews it.')
  expiresAt!: string;

  @ApiTimestamp(
    'When the owner last took or renewed the lease: its heartbeat, or a progress flush. A ' +
      'lease renewed long ago and near its expiry means the owner may be gone; another ' +
      'instance takes the job over once it expires. Null in jobs stored before it was kept.',
    true,
  )
  renewedAt!: string | null;
}

export class AdminActionDto {
  @ApiProperty({
    enum: ADMIN_ACTION_KINDS,
    enumName: 'AdminActionKind',
    description: 'What was done.',
  })
  action!: AdminActionKind;

  @ApiProperty({
    example: 'admin',
    description:
      'Who did it: "admin" for the admin token, "schedule" for the daily schedule, or "system".',
  })
  by!: string;

  @ApiTimestamp('When it was done.')
  at!: string;

  @ApiPropertyOptional({
    example: 'resumed after a restart of api-1',
    description: 'More about the action, when there is more to say.',
  })
  detail?: string;

  @ApiPropertyOptional({
    example: 'api-2',
    description:
      'The instance that took the request (for a system resume: the one that resumed the ' +
      'job); absent in actions recorded before it was kept.',
  })
  instance?: string;
}

export class JobThroughputDto {
  @ApiProperty({
    minimum: 0,
    example: 42.5,
    description: 'Items finished per minute since the job (re)started, to one decimal.',
  })
  itemsPerMinute!: number;

  @ApiNullableInteger('Estimated seconds left; null when finished or not yet known.', {
    example: 87,
  })
  etaSeconds!: number | null;

  @ApiProperty({
    minimum: 0,
    maximum: 100,
    example: 66.7,
    description: 'Percent of planned items finished, 0-100, to one decimal.',
  })
  percentComplete!: number;
}

/** One job in the history list: no per-group breakdown, no error list. */
export class JobSummaryDto {
  @ApiProperty({ format: 'uuid', example: JOB_ID_EXAMPLE, description: 'The job id.' })
  jobId!: string;

  @ApiProperty({
    format: 'uuid',
    example: JOB_ID_EXAMPLE,
    deprecated: true,
    description: 'The job id under its old name; use jobId. Removed in the next release.',
  })
  id!: string;

  @ApiProperty({ enum: JOB_TYPES, enumName: 'JobType', description: 'What the job does.' })
  jobType!: JobType;

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus', description: 'Where the job is.' })
  status!: JobStatus;

  @ApiProperty({ type: JobConfigDto, description: 'What the job was asked to do.' })
  config!: JobConfigDto;

  @ApiProperty({ type: JobCountersDto, description: 'Item counters over the whole job.' })
  counters!: JobCountersDto;

  @ApiTimestamp('When the job was created.')
  createdAt!: string;

  @ApiTimestamp('When a runner first started it; null while pending.', true)
  startedAt!: string | null;

  @ApiTimestamp('When it reached a terminal status; null until then.', true)
  completedAt!: string | null;

  @ApiTimestamp('When it was last resumed (after a pause or a restart); null if never.', true)
  resumedAt!: string | null;

  @ApiTimestamp('When it was cancelled; null unless it was.', true)
  cancelledAt!: string | null;

  @ApiTimestamp('When it was last paused; null if never.', true)
  pausedAt!: string | null;

  @ApiNullableInteger('Wall time from start to end in ms; null until it has both.', {
    example: 754000,
  })
  durationMs!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why the job failed, e.g. "stale"; null unless it failed.',
  })
  failureReason!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Dashboard answered 503 for the club performance report',
    description: 'The most recent item error; null when there is none.',
  })
  lastError!: string | null;
}

/** What every completed job reports, whatever its type. */
export class JobResultBaseDto {
  @ApiInteger('Items planned.', { example: 186 })
  total!: number;

  @ApiInteger('Items finished in any way.', { example: 186 })
  processed!: number;

  @ApiInteger('Items that failed.', { example: 2 })
  failed!: number;

  @ApiInteger('Items skipped.', { example: 31 })
  skipped!: number;

  @ApiProperty({ example: 'api-1', description: 'The instance that completed the job.' })
  finishedBy!: string;
}

/** The result of a completed data-collection job. */
export class DataCollectionResultDto extends JobResultBaseDto {
  @ApiInteger('Dates for which the dashboard had no data at all.', { example: 2 })
  noDataDates!: number;
}

/** The result of a completed analytics-generation job. */
export class AnalyticsGenerationResultDto extends JobResultBaseDto {
  @ApiInteger('Snapshot dates whose analytics were computed.', { example: 14 })
  snapshotsAnalysed!: number;

  @ApiInteger(
    'Selected snapshot dates skipped because their analytics were already computed from the snapshots stored now (absent in jobs from before incremental runs).',
    { required: false, example: 351 },
  )
  snapshotsUpToDate?: number;
}

/** Full status of one job. The result schemas are registered by buildOpenApiDocument. */
export class JobDto extends JobSummaryDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2025-03-14/61',
    description: 'The item being worked on; null when none is.',
  })
  currentItem!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/JobCountersDto' },
    example: { '61': { total: 14, processed: 14, failed: 0, skipped: 3 } },
    description: 'Counters per district (data-collection) or per program year (analytics).',
  })
  progressByGroup!: Record<string, JobCountersDto>;

  @ApiProperty({ type: [JobErrorDto], description: 'The last 50 item errors, newest last.' })
  errors!: JobErrorDto[];

  @ApiTimestamp('When an item last finished (any outcome); null before the first.', true)
  lastProgressAt!: string | null;

  @ApiProperty({
    nullable: true,
    oneOf: [
      { $ref: getSchemaPath(DataCollectionResultDto) },
      { $ref: getSchemaPath(AnalyticsGenerationResultDto) },
    ],
    description:
      'What a completed job reports, by job type (DataCollectionResultDto for ' +
      'data-collection, AnalyticsGenerationResultDto for analytics-generation); null until it completes.',
  })
  result!: DataCollectionResultDto | AnalyticsGenerationResultDto | null;

  @ApiProperty({
    type: JobLeaseDto,
    nullable: true,
    description: 'Which instance holds the job, while one does.',
  })
  lease!: JobLeaseDto | null;

  @ApiProperty({ type: [AdminActionDto], description: 'What was done to the job, oldest first.' })
  actions!: AdminActionDto[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: null,
    description:
      'The analytics-generation job created when this one completed (analyticsAfter); null when none was.',
  })
  followUpJobId!: string | null;

  @ApiProperty({ type: JobThroughputDto, description: 'Pace and estimated time left.' })
  throughput!: JobThroughputDto;

  @ApiProperty({
    type: RateLimiterStatusDto,
    nullable: true,
    description: 'Live limiter status while this instance runs the job.',
  })
  rateLimiter!: RateLimiterStatusDto | null;
}

export class JobPageDto {
  @ApiProperty({ type: [JobSummaryDto], description: 'The jobs of this page, newest first.' })
  jobs!: JobSummaryDto[];

  @ApiInteger('Exact number of matching jobs.', { example: 57 })
  total!: number;

  @ApiInteger('Page size asked for.', { minimum: 1, maximum: 100, example: 20 })
  limit!: number;

  @ApiInteger('Matching jobs skipped before this page.', { example: 0 })
  offset!: number;
}

export class CreateJobResponseDto {
  @ApiProperty({ format: 'uuid', example: JOB_ID_EXAMPLE, description: 'The new job’s id.' })
  jobId!: string;

  @ApiProperty({
    enum: JOB_STATUSES,
    enumName: 'JobStatus',
    description: 'The new job’s status.',
  })
  status!: JobStatus;

  @ApiProperty({
    example: `/api/admin/backfill/${JOB_ID_EXAMPLE}`,
    description: 'Where to poll the job status.',
  })
  statusUrl!: string;

  @ApiProperty({ type: JobDto, description: 'The new job’s full status.' })
  job!: JobDto;
}

export class DateRangeDto {
  @ApiProperty({ format: 'date', example: '2025-03-01', description: 'First date (UTC).' })
  startDate!: string;

  @ApiProperty({ format: 'date', example: '2025-03-14', description: 'Last date (UTC).' })
  endDate!: string;
}

export class JobPreviewDto {
  @ApiProperty({ enum: JOB_TYPES, enumName: 'JobType', description: 'The job type previewed.' })
  jobType!: JobType;

  @ApiInteger('Items the job would plan.', { example: 28 })
  totalItems!: number;

  @ApiInteger(
    'Items that would be skipped because their result exists (for data-collection: stored from this collection date or a newer one).',
    { example: 4 },
  )
  skippedExisting!: number;

  @ApiInteger(
    'data-collection: items skipped as superseded, closing days whose month-end snapshot a later date of the range replaces.',
    { required: false, example: 6 },
  )
  superseded?: number;

  @ApiInteger('data-collection: items of dates whose stored summary says there is no data.', {
    required: false,
    example: 0,
  })
  noDataItems?: number;

  @ApiInteger(
    'data-collection: items of dates whose summary is not stored yet, which the preview cannot classify; they are counted as downloads, so itemsToDownload, upstreamRequests and the duration are at most figures.',
    { required: false, example: 0 },
  )
  unclassifiedItems?: number;

  @ApiInteger('data-collection: items whose three reports would be downloaded.', {
    required: false,
    example: 18,
  })
  itemsToDownload?: number;

  @ApiInteger(
    'analytics-generation: selected snapshot dates whose analytics were computed from the snapshots stored now, so the job skips them (0 with force).',
    { required: false, example: 10 },
  )
  upToDate?: number;

  @ApiProperty({
    type: DateRangeDto,
    nullable: true,
    description: 'The dates covered; null when there are none.',
  })
  dateRange!: DateRangeDto | null;

  @ApiProperty({
    enum: JOB_ORDERS,
    enumName: 'JobOrder',
    description: 'The order in which the job would work through its dates.',
  })
  order!: JobOrder;

  @ApiInteger('Number of distinct dates covered.', { example: 14 })
  dates!: number;

  @ApiProperty({
    type: [String],
    example: ['61', '117'],
    description: 'Districts the job would touch.',
  })
  districts!: string[];

  @ApiInteger(
    'Upstream HTTP requests the job would make when every answer comes at the first attempt (0 for analytics).',
    { example: 86 },
  )
  upstreamRequests!: number;

  @ApiInteger('Estimated duration from the rate-limit config or measured cost.', {
    example: 47,
  })
  estimatedDurationSeconds!: number;

  @ApiProperty({
    type: RateLimitConfigDto,
    nullable: true,
    description: 'The rate limit the job would run under; null for analytics.',
  })
  rateLimit!: RateLimitConfigDto | null;

  @ApiProperty({ type: [String], description: 'Assumptions behind the estimate.' })
  notes!: string[];
}
