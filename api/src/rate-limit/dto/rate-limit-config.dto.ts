import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { RATE_LIMIT_BOUNDS as B } from '../rate-limit-config';

/** The full persisted rate-limit config. */
export class RateLimitConfigDto {
  @ApiProperty({ minimum: B.maxRequestsPerMinute.min, maximum: B.maxRequestsPerMinute.max })
  maxRequestsPerMinute!: number;

  @ApiProperty({ minimum: B.maxConcurrent.min, maximum: B.maxConcurrent.max })
  maxConcurrent!: number;

  @ApiProperty({ minimum: B.minDelayMs.min, maximum: B.minDelayMs.max })
  minDelayMs!: number;

  @ApiProperty({ minimum: B.maxDelayMs.min, maximum: B.maxDelayMs.max })
  maxDelayMs!: number;

  @ApiProperty({ minimum: B.backoffMultiplier.min, maximum: B.backoffMultiplier.max })
  backoffMultiplier!: number;

  @ApiProperty({ minimum: B.pauseEveryRequests.min, maximum: B.pauseEveryRequests.max })
  pauseEveryRequests!: number;

  @ApiProperty({ minimum: B.pauseMs.min, maximum: B.pauseMs.max })
  pauseMs!: number;
}

/**
 * A partial rate-limit config: the body of `PUT /config/rate-limit` and a job's
 * `rateLimitOverrides`. Each field is bounds-checked; the merged result must also keep
 * minDelayMs <= maxDelayMs.
 */
export class RateLimitPatchDto {
  @ApiPropertyOptional({
    minimum: B.maxRequestsPerMinute.min,
    maximum: B.maxRequestsPerMinute.max,
    description: 'Never more request starts than this in any sliding 60 s window.',
  })
  @IsOptional()
  @IsInt()
  @Min(B.maxRequestsPerMinute.min)
  @Max(B.maxRequestsPerMinute.max)
  maxRequestsPerMinute?: number;

  @ApiPropertyOptional({
    minimum: B.maxConcurrent.min,
    maximum: B.maxConcurrent.max,
    description: 'Upstream requests in flight at once.',
  })
  @IsOptional()
  @IsInt()
  @Min(B.maxConcurrent.min)
  @Max(B.maxConcurrent.max)
  maxConcurrent?: number;

  @ApiPropertyOptional({
    minimum: B.minDelayMs.min,
    maximum: B.minDelayMs.max,
    description: 'Gap between request starts while the upstream is healthy.',
  })
  @IsOptional()
  @IsInt()
  @Min(B.minDelayMs.min)
  @Max(B.minDelayMs.max)
  minDelayMs?: number;

  @ApiPropertyOptional({
    minimum: B.maxDelayMs.min,
    maximum: B.maxDelayMs.max,
    description: 'Ceiling of the gap while backing off.',
  })
  @IsOptional()
  @IsInt()
  @Min(B.maxDelayMs.min)
  @Max(B.maxDelayMs.max)
  maxDelayMs?: number;

  @ApiPropertyOptional({
    minimum: B.backoffMultiplier.min,
    maximum: B.backoffMultiplier.max,
    description: 'Factor the gap grows by on 429/5xx.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(B.backoffMultiplier.min)
  @Max(B.backoffMultiplier.max)
  backoffMultiplier?: number;

  @ApiPropertyOptional({
    minimum: B.pauseEveryRequests.min,
    maximum: B.pauseEveryRequests.max,
    description: 'After every this many request starts, the next waits pauseMs; 0 never pauses.',
  })
  @IsOptional()
  @IsInt()
  @Min(B.pauseEveryRequests.min)
  @Max(B.pauseEveryRequests.max)
  pauseEveryRequests?: number;

  @ApiPropertyOptional({
    minimum: B.pauseMs.min,
    maximum: B.pauseMs.max,
    description: 'How long the start after every pauseEveryRequests-th start waits.',
  })
  @IsOptional()
  @IsInt()
  @Min(B.pauseMs.min)
  @Max(B.pauseMs.max)
  pauseMs?: number;
}
