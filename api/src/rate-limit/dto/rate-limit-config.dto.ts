import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
  RATE_LIMIT_BOUNDS as B,
  RateLimitConfig,
} from '../../domain/rate-limit-config';

/** The spec type of a field: `integer` where the limiter only takes whole numbers. */
function typeOf(field: keyof RateLimitConfig): 'integer' | 'number' {
  return B[field].integer ? 'integer' : 'number';
}

/** A config field documented with its type and bounds from RATE_LIMIT_BOUNDS. */
function BoundedField(field: keyof RateLimitConfig, description: string): PropertyDecorator {
  return ApiProperty({
    type: typeOf(field),
    minimum: B[field].min,
    maximum: B[field].max,
    example: DEFAULT_RATE_LIMIT_CONFIG[field],
    description,
  });
}

/** An optional field of a patch, documented and checked against its bounds. */
function OptionalBoundedField(
  field: keyof RateLimitConfig,
  description: string,
): PropertyDecorator {
  const { min, max, integer } = B[field];
  return applyDecorators(
    ApiPropertyOptional({ type: typeOf(field), minimum: min, maximum: max, description }),
    IsOptional(),
    integer ? IsInt() : IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(min),
    Max(max),
  );
}

/** The full persisted rate-limit config. */
export class RateLimitConfigDto {
  @BoundedField(
    'maxRequestsPerMinute',
    'Never more request starts than this in any sliding 60 s window.',
  )
  maxRequestsPerMinute!: number;

  @BoundedField('maxConcurrent', 'Upstream requests in flight at once.')
  maxConcurrent!: number;

  @BoundedField('minDelayMs', 'Gap between request starts while the upstream is healthy, in ms.')
  minDelayMs!: number;

  @BoundedField('maxDelayMs', 'Ceiling of the gap while backing off, in ms.')
  maxDelayMs!: number;

  @BoundedField('backoffMultiplier', 'Factor the gap grows by on 429/5xx.')
  backoffMultiplier!: number;

  @BoundedField(
    'pauseEveryRequests',
    'After every this many request starts, the next waits pauseMs; 0 never pauses.',
  )
  pauseEveryRequests!: number;

  @BoundedField(
    'pauseMs',
    'How long the start after every pauseEveryRequests-th start waits, in ms.',
  )
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
