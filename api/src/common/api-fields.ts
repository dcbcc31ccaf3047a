import { ApiParam, ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A whole number the API sends. Declared as `integer` so generated clients get an int or
 * long rather than a float; counts and sizes are never negative unless `minimum` says so.
 */
export function ApiInteger(
  description: string,
  options: Omit<ApiPropertyOptions, 'type' | 'description'> = {},
): PropertyDecorator {
  return ApiProperty({
    type: 'integer',
    minimum: 0,
    description,
    ...options,
  } as ApiPropertyOptions);
}

/** A whole number that may be negative, such as a change between two dates. */
export function ApiSignedInteger(
  description: string,
  options: Omit<ApiPropertyOptions, 'type' | 'description'> = {},
): PropertyDecorator {
  return ApiProperty({ type: 'integer', description, ...options } as ApiPropertyOptions);
}

/** A whole number that may be absent as `null`. */
export function ApiNullableInteger(
  description: string,
  options: Omit<ApiPropertyOptions, 'type' | 'description' | 'nullable'> = {},
): PropertyDecorator {
  return ApiInteger(description, { nullable: true, ...options });
}

/** A UTC instant as the API writes it (ISO 8601 with milliseconds). */
export function ApiTimestamp(description: string, nullable = false): PropertyDecorator {
  return ApiProperty({
    type: String,
    format: 'date-time',
    nullable,
    example: '2025-03-14T06:12:09.412Z',
    description,
  });
}

/** How job ids look; the service makes them (random UUID v4, lowercase). */
export const JOB_ID_EXAMPLE = '3f6c1a52-9b1e-4d7a-8c55-2e41f0b7d913';

/** The job id in a path, as ParseJobIdPipe accepts it. */
export function ApiJobIdParam(name = 'jobId', description = 'The job id.'): MethodDecorator {
  return ApiParam({
    name,
    description,
    example: JOB_ID_EXAMPLE,
    schema: { type: 'string', format: 'uuid' },
  });
}
