import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp, JOB_ID_EXAMPLE } from '../../common/api-fields';
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
}
