import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RateLimitConfigDto, RateLimitPatchDto } from '../../rate-limit/dto/rate-limit-config.dto';
import {
  ADMIN_ACTION_KINDS,
  AdminActionKind,
  CLOSING_DAYS_MODES,
  ClosingDaysMode,
  JOB_STATUSES,
  JOB_TYPES,
  JobStatus,
  JobType,
} from '../job.model';

export class JobCountersDto {
  @ApiProperty({ description: 'Items planned; 0 until planning finished.' })
  total!: number;

  @ApiProperty({ description: 'Items finished in any way (succeeded, skipped or failed).' })
  processed!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty()
  skipped!: number;
}

export class JobConfigDto {
  @ApiPropertyOptional({ format: 'date' })
  startDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  endDate?: string;

  @ApiPropertyOptional({ type: [String] })
  targetDistricts?: string[];

  @ApiProperty()
  skipExisting!: boolean;

  @ApiPropertyOptional({ enum: CLOSING_DAYS_MODES, enumName: 'ClosingDaysMode' })
  closingDays?: ClosingDaysMode;

  @ApiPropertyOptional({ type: RateLimitPatchDto })
  rateLimitOverrides?: RateLimitPatchDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'The job whose failed items this redoes.' })
  retryOfJobId?: string;
}

export class JobErrorDto {
  @ApiProperty({ example: '2025-03-14/61' })
  item!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'True when retrying the item later may succeed.' })
  retryable!: boolean;
}

export class JobLeaseDto {
  @ApiProperty({ description: 'Instance that runs the job.' })
  owner!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class AdminActionDto {
  @ApiProperty({ enum: ADMIN_ACTION_KINDS, enumName: 'AdminActionKind' })
  action!: AdminActionKind;

  @ApiProperty({ description: 'Who did it: "admin" for the admin token, or "system".' })
  by!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiPropertyOptional()
  detail?: string;
}

export class RateLimiterStatusDto {
  @ApiProperty()
  requestsMade!: number;

  @ApiProperty()
  inFlight!: number;

  @ApiProperty()
  waiting!: number;

  @ApiProperty()
  currentDelayMs!: number;

  @ApiProperty()
  throttled!: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastThrottledAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  retryAfterUntil!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'End of the pause after every pauseEveryRequests starts, while it lasts.',
  })
  pausedUntil!: string | null;

  @ApiProperty({ type: RateLimitConfigDto })
  config!: RateLimitConfigDto;
}

export class JobThroughputDto {
  @ApiProperty({ description: 'Items finished per minute since the job (re)started.' })
  itemsPerMinute!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Estimated seconds left.' })
  etaSeconds!: number | null;

  @ApiProperty({ description: 'Percent of planned items finished, 0-100.' })
  percentComplete!: number;
}

/** One job in the history list: no per-group breakdown, no error list. */
export class JobSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: JOB_TYPES, enumName: 'JobType' })
  jobType!: JobType;

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus' })
  status!: JobStatus;

  @ApiProperty({ type: JobConfigDto })
  config!: JobConfigDto;

  @ApiProperty({ type: JobCountersDto })
  counters!: JobCountersDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  completedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  resumedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  cancelledAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Wall time from start to end.' })
  durationMs!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the job failed, e.g. "stale".' })
  failureReason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The most recent item error.' })
  lastError!: string | null;
}

/** Full status of one job. */
export class JobDto extends JobSummaryDto {
  @ApiProperty({ type: String, nullable: true, example: '2025-03-14/61' })
  currentItem!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/JobCountersDto' },
    description: 'Counters per district (data-collection) or per program year (analytics).',
  })
  progressByGroup!: Record<string, JobCountersDto>;

  @ApiProperty({ type: [JobErrorDto], description: 'The last 50 item errors, newest last.' })
  errors!: JobErrorDto[];

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastProgressAt!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  result!: Record<string, unknown> | null;

  @ApiProperty({ type: JobLeaseDto, nullable: true })
  lease!: JobLeaseDto | null;

  @ApiProperty({ type: [AdminActionDto] })
  actions!: AdminActionDto[];

  @ApiProperty({ type: JobThroughputDto })
  throughput!: JobThroughputDto;

  @ApiProperty({
    type: RateLimiterStatusDto,
    nullable: true,
    description: 'Live limiter status while this instance runs the job.',
  })
  rateLimiter!: RateLimiterStatusDto | null;
}

export class JobPageDto {
  @ApiProperty({ type: [JobSummaryDto] })
  jobs!: JobSummaryDto[];

  @ApiProperty({ description: 'Exact number of matching jobs.' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

export class CreateJobResponseDto {
  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus' })
  status!: JobStatus;

  @ApiProperty({ description: 'Where to poll the job status.' })
  statusUrl!: string;

  @ApiProperty({ type: JobDto })
  job!: JobDto;
}

export class DateRangeDto {
  @ApiProperty({ format: 'date' })
  startDate!: string;

  @ApiProperty({ format: 'date' })
  endDate!: string;
}

export class JobPreviewDto {
  @ApiProperty({ enum: JOB_TYPES, enumName: 'JobType' })
  jobType!: JobType;

  @ApiProperty({ description: 'Items the job would plan.' })
  totalItems!: number;

  @ApiProperty({
    description:
      'Items that would be skipped because their result exists (for data-collection: stored from this collection date or a newer one).',
  })
  skippedExisting!: number;

  @ApiPropertyOptional({
    description:
      'data-collection: items skipped as superseded, closing days whose month-end snapshot a later date of the range replaces.',
  })
  superseded?: number;

  @ApiPropertyOptional({
    description: 'data-collection: items of dates whose stored summary says there is no data.',
  })
  noDataItems?: number;

  @ApiPropertyOptional({
    description:
      'data-collection: items of dates whose summary is not stored yet, which the preview cannot classify; they are counted as downloads, so itemsToDownload, upstreamRequests and the duration are at most figures.',
  })
  unclassifiedItems?: number;

  @ApiPropertyOptional({
    description: 'data-collection: items whose three reports would be downloaded.',
  })
  itemsToDownload?: number;

  @ApiProperty({ type: DateRangeDto, nullable: true })
  dateRange!: DateRangeDto | null;

  @ApiProperty({ description: 'Number of distinct dates covered.' })
  dates!: number;

  @ApiProperty({ type: [String], description: 'Districts the job would touch.' })
  districts!: string[];

  @ApiProperty({
    description:
      'Upstream HTTP requests the job would make when every answer comes at the first attempt (0 for analytics).',
  })
  upstreamRequests!: number;

  @ApiProperty({ description: 'Estimated duration from the rate-limit config or measured cost.' })
  estimatedDurationSeconds!: number;

  @ApiProperty({ type: RateLimitConfigDto, nullable: true })
  rateLimit!: RateLimitConfigDto | null;

  @ApiProperty({ type: [String], description: 'Assumptions behind the estimate.' })
  notes!: string[];
}
