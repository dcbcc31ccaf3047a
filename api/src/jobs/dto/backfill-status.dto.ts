import { ApiProperty } from '@nestjs/swagger';
import { RateLimiterStatusDto } from '../../rate-limit/dto/rate-limiter-status.dto';
import { JobSummaryDto } from './job.dto';

/** What the last recovery check did: nothing to do, resumed a job, failed, or left it to its runner. */
export const RECOVERY_OUTCOMES = ['none', 'resumed', 'failed', 'left-alone'] as const;
export type RecoveryOutcome = (typeof RECOVERY_OUTCOMES)[number];

export class RecoveryStatusDto {
  @ApiProperty({ format: 'date-time' })
  checkedAt!: string;

  @ApiProperty({ enum: RECOVERY_OUTCOMES, enumName: 'RecoveryOutcome' })
  outcome!: RecoveryOutcome;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  jobId!: string | null;

  @ApiProperty()
  message!: string;
}

export class BackfillStatusDto {
  @ApiProperty({ type: JobSummaryDto, nullable: true, description: 'The one active job, if any.' })
  activeJob!: JobSummaryDto | null;

  @ApiProperty({ description: 'Identifies this API instance in job leases.' })
  instanceId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Job this instance is running.' })
  runningHere!: string | null;

  @ApiProperty({ type: RateLimiterStatusDto, nullable: true })
  rateLimiter!: RateLimiterStatusDto | null;

  @ApiProperty({ type: RecoveryStatusDto, nullable: true })
  recovery!: RecoveryStatusDto | null;
}
