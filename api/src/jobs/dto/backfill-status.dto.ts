import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiTimestamp, JOB_ID_EXAMPLE } from '../../common/api-fields';
import {
  SCHEDULE_PHASES,
  SCHEDULE_TICK_OUTCOMES,
  SchedulePhase,
  ScheduleTickOutcome,
} from '../../domain/schedule-state';
import { RateLimiterStatusDto } from '../../rate-limit/dto/rate-limiter-status.dto';
import { JobDto } from './job.dto';

/** What the last recovery check did: nothing to do, resumed a job, failed, or left it to its runner. */
export const RECOVERY_OUTCOMES = ['none', 'resumed', 'failed', 'left-alone'] as const;
export type RecoveryOutcome = (typeof RECOVERY_OUTCOMES)[number];

export class RecoveryStatusDto {
  @ApiTimestamp('When this instance last looked for a job to recover.')
  checkedAt!: string;

  @ApiProperty({
    enum: RECOVERY_OUTCOMES,
    enumName: 'RecoveryOutcome',
    description: 'What the check did.',
  })
  outcome!: RecoveryOutcome;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: JOB_ID_EXAMPLE,
    description: 'The job the check was about; null when there was none.',
  })
  jobId!: string | null;

  @ApiProperty({
    example: 'Resumed job 3f6c1a52-9b1e-4d7a-8c55-2e41f0b7d913 at item 125 of 186',
    description: 'What happened, for a person.',
  })
  message!: string;
}

const JOB_ID_OR_NULL = { type: String, nullable: true, format: 'uuid', example: JOB_ID_EXAMPLE };

export class ScheduleTickDto {
  @ApiTimestamp('When the tick was due.')
  at!: string;

  @ApiProperty({
    enum: SCHEDULE_TICK_OUTCOMES,
    enumName: 'ScheduleTickOutcome',
    description: 'Where the tick is: started (its jobs under way), skipped, completed or failed.',
  })
  outcome!: ScheduleTickOutcome;

  @ApiProperty({
    example:
      'Collected and analysed 2025-03-08..2025-03-14; resumed job 3f6c1a52-9b1e-4d7a-8c55-2e41f0b7d913',
    description: 'What it did, for a person.',
  })
  message!: string;

  @ApiProperty({
    ...JOB_ID_OR_NULL,
    description: 'Its data-collection job; null before it exists.',
  })
  collectionJobId!: string | null;

  @ApiProperty({ ...JOB_ID_OR_NULL, description: 'Its analytics-generation job; null when none.' })
  analyticsJobId!: string | null;

  @ApiProperty({
    ...JOB_ID_OR_NULL,
    description: 'The job it paused to run its own (resumed after them); null when none.',
  })
  pausedJobId!: string | null;
}

export class ScheduleSequenceDto {
  @ApiTimestamp('The tick it belongs to.')
  tickAt!: string;

  @ApiProperty({
    enum: SCHEDULE_PHASES,
    enumName: 'SchedulePhase',
    description: 'The step under way.',
  })
  phase!: SchedulePhase;

  @ApiProperty({ format: 'date', example: '2025-03-08', description: 'First date collected.' })
  startDate!: string;

  @ApiProperty({ format: 'date', example: '2025-03-14', description: 'Last date (yesterday).' })
  endDate!: string;

  @ApiProperty({ ...JOB_ID_OR_NULL, description: 'The job paused for it; null when none.' })
  pausedJobId!: string | null;

  @ApiProperty({ ...JOB_ID_OR_NULL, description: 'Its data-collection job, once created.' })
  collectionJobId!: string | null;

  @ApiProperty({ ...JOB_ID_OR_NULL, description: 'Its analytics-generation job, once created.' })
  analyticsJobId!: string | null;
}

export class ScheduleStatusDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '30 7 * * *',
    description: 'COLLECT_SCHEDULE, a cron expression in UTC; null when no schedule is set.',
  })
  expression!: string | null;

  @ApiInteger('COLLECT_LOOKBACK_DAYS: the days up to yesterday each tick collects.', {
    minimum: 1,
    maximum: 62,
    example: 7,
  })
  lookbackDays!: number;

  @ApiTimestamp('When the next tick is due; null without a schedule.', true)
  nextTickAt!: string | null;

  @ApiProperty({
    type: ScheduleTickDto,
    nullable: true,
    description: 'The last tick (on any instance) and what it did; null before the first.',
  })
  lastTick!: ScheduleTickDto | null;

  @ApiProperty({
    type: ScheduleSequenceDto,
    nullable: true,
    description: "A tick's jobs still under way; null when none are.",
  })
  inProgress!: ScheduleSequenceDto | null;
}

export class BackfillStatusDto {
  @ApiProperty({
    type: JobDto,
    nullable: true,
    description:
      'The one active job, if any, as getJob shows it: while it runs on this instance its ' +
      'counters, per-group progress and current item are live (ahead of the last flush), and ' +
      'its lease names the instance that runs it, when the lease expires and when its owner ' +
      'last renewed it.',
  })
  activeJob!: JobDto | null;

  @ApiProperty({ example: 'api-1', description: 'Identifies this API instance in job leases.' })
  instanceId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: JOB_ID_EXAMPLE,
    description: 'The jobId of the job this instance is running; null when it runs none.',
  })
  runningHere!: string | null;

  @ApiProperty({
    type: RateLimiterStatusDto,
    nullable: true,
    description: 'Live limiter status while this instance runs a job.',
  })
  rateLimiter!: RateLimiterStatusDto | null;

  @ApiProperty({
    type: RecoveryStatusDto,
    nullable: true,
    description: 'The last recovery check of this instance; null before the first.',
  })
  recovery!: RecoveryStatusDto | null;

  @ApiProperty({ type: ScheduleStatusDto, description: 'The daily collection schedule.' })
  schedule!: ScheduleStatusDto;
}
