import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiTimestamp } from '../../common/api-fields';
import { ALLOWED_RATE_REASONS, AllowedRateReason } from '../aimd-rate';
import { LIMITER_WAITS, LimiterWait, RateLimiterStatus } from '../rate-limiter';
import { RateLimitConfigDto } from './rate-limit-config.dto';

/**
 * The live limiter of a job running on this instance: one DTO for the job status,
 * `GET /status` and the metrics. `implements` keeps it in step with the limiter's own type.
 */
export class RateLimiterStatusDto implements RateLimiterStatus {
  @ApiInteger('Requests started since the job (re)started here.', { example: 124 })
  requestsMade!: number;

  @ApiInteger('Upstream requests in flight now.', { example: 1 })
  inFlight!: number;

  @ApiInteger('Requests waiting for their turn.', { example: 0 })
  waiting!: number;

  @ApiInteger(
    'Gap enforced between request starts now, in ms: minDelayMs, or one gap at the allowed ' +
      'rate once the upstream has pushed back.',
    { example: 250 },
  )
  currentDelayMs!: number;

  @ApiProperty({
    minimum: 0,
    example: 120,
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

  @ApiTimestamp('When the dashboard last pushed back (429 or 5xx); null if never.', true)
  lastThrottledAt!: string | null;

  @ApiTimestamp("End of the upstream's Retry-After while it is ahead.", true)
  retryAfterUntil!: string | null;

  @ApiTimestamp('End of the pause after every pauseEveryRequests starts, while it lasts.', true)
  pausedUntil!: string | null;

  @ApiProperty({
    type: RateLimitConfigDto,
    description: 'The config in force: the saved one with the job’s overrides applied.',
  })
  config!: RateLimitConfigDto;
}
