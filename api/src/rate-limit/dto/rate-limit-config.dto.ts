import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { RATE_LIMIT_BOUNDS as B, RateLimitConfig } from '../rate-limit-config';

/** A config field documented with its bounds from RATE_LIMIT_BOUNDS. */
function BoundedField(field: keyof RateLimitConfig): PropertyDecorator {
  return ApiProperty({ minimum: B[field].min, maximum: B[field].max });
}

/** An optional field of a patch, documented and checked against its bounds. */
function OptionalBoundedField(
  field: keyof RateLimitConfig,
  description: string,
): PropertyDecorator {
  const { min, max, integer } = B[field];
  return applyDecorators(
    ApiPropertyOptional({ minimum: min, maximum: max, description }),
    IsOptional(),
    integer ? IsInt() : IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(min),
    Max(max),
  );
}

/** The full persisted rate-limit config. */
export class RateLimitConfigDto {
  @BoundedField('maxRequestsPerMinute')
  maxRequestsPerMinute!: number;

  @BoundedField('maxConcurrent')
  maxConcurrent!: number;

  @BoundedField('minDelayMs')
  minDelayMs!: number;

  @BoundedField('maxDelayMs')
  maxDelayMs!: number;

  @BoundedField('backoffMultiplier')
  backoffMultiplier!: number;

  @BoundedField('pauseEveryRequests')
  pauseEveryRequests!: number;

  @BoundedField('pauseMs')
  pauseMs!: number;
}

/**
 * A partial rate-limit config: the body of `PUT /config/rate-limit` and a job's
 * `rateLimitOverrides`. Each field is bounds-checked; the merged result must also keep
 * minDelayMs <= maxDelayMs.
 */
export class RateLimitPatchDto {
  @OptionalBoundedField(
    'maxRequestsPerMinute',
    'Never more request starts than this in any sliding 60 s window.',
  )
  maxRequestsPerMinute?: number;

  @OptionalBoundedField('maxConcurrent', 'Upstream requests in flight at once.')
  maxConcurrent?: number;

  @OptionalBoundedField('minDelayMs', 'Smallest gap between two request starts, always.')
  minDelayMs?: number;

  @OptionalBoundedField(
    'maxDelayMs',
    'Sets the floor of the adaptive rate: never slower than one start per maxDelayMs.',
  )
  maxDelayMs?: number;

  @OptionalBoundedField(
    'backoffMultiplier',
    'The allowed rate is divided by this on a 429/5xx without Retry-After; 1 never lowers it.',
  )
  backoffMultiplier?: number;

  @OptionalBoundedField(
    'pauseEveryRequests',
    'After every this many request starts, the next waits pauseMs; 0 never pauses.',
  )
  pauseEveryRequests?: number;

  @OptionalBoundedField(
    'pauseMs',
    'How long the start after every pauseEveryRequests-th start waits.',
  )
  pauseMs?: number;
}
