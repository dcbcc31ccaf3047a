import { ApiProperty } from '@nestjs/swagger';
import { ALLOWED_RATE_REASONS, AllowedRateReason } from '../aimd-rate';
import { LIMITER_WAITS, LimiterWait, RateLimiterStatus } from '../rate-limiter';
import { RateLimitConfigDto } from './rate-limit-config.dto';

/**
 * The live limiter of a job running on this instance: one DTO for the job status,
 * `GET /status` and the metrics. `implements` keeps it in step with the limiter's own type.
 */
export class RateLimiterStatusDto implements RateLimiterStatus {
  @ApiProperty({ description: 'Requests started since the job (re)started here.' })
  requestsMade!: number;

  @ApiProperty()
  inFlight!: number;

  @ApiProperty({ description: 'Requests waiting for their turn.' })
  waiting!: number;

  @ApiProperty({
    description:
      'Gap enforced between request starts now: minDelayMs, or one gap at the allowed rate ' +
      'once the upstream has pushed back.',
  })
  currentDelayMs!: number;

  @ApiProperty({
    description:
      'Requests per minute the adaptive control allows now: maxRequestsPerMinute unless a ' +
      '429/5xx without Retry-After lowered it; successes raise it again over seconds.',
  })
  allowedRequestsPerMinute!: number;

  @ApiProperty({
    enum: ALLOWED_RATE_REASONS,
    enumName: 'AllowedRateReason',
    description: 'Why the allowed rate is where it is.',
  })
  allowedRateReason!: AllowedRateReason;

  @ApiProperty({
    enum: LIMITER_WAITS,
    enumName: 'LimiterWait',
    nullable: true,
    description: 'The rule the oldest waiting request waits for; null when none waits.',
  })
  waitingFor!: LimiterWait | null;

  @ApiProperty({ description: 'True while the allowed rate is lowered or a Retry-After is ahead.' })
  throttled!: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastThrottledAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: "End of the upstream's Retry-After while it is ahead.",
  })
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
