import { HttpStatus } from '@nestjs/common';

export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'INVALID_DATE_RANGE',
  'UNAUTHORIZED',
  'JOB_NOT_FOUND',
  'JOB_ALREADY_RUNNING',
  'JOB_NOT_CANCELLABLE',
  'JOB_NOT_RETRYABLE',
  'JOB_NOT_PAUSABLE',
  'JOB_NOT_RESUMABLE',
  'JOB_STILL_PAUSING',
  'JOB_TYPE_UNAVAILABLE',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ANALYTICS_NOT_FOUND',
  'STORAGE_ERROR',
  'UPSTREAM_ERROR',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error meant for API clients. The global filter renders it as
 * `{ error: { code, message, details?, retryable? }, metadata: { operationId, timestamp } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryable?: boolean,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static validation(message: string, details?: unknown): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_ERROR', message, details);
  }

  static invalidDateRange(message: string): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, 'INVALID_DATE_RANGE', message);
  }

  static jobNotFound(jobId: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'JOB_NOT_FOUND', `Job ${jobId} was not found`);
  }

  static jobAlreadyRunning(activeJobId: string): ApiError {
    return new ApiError(
      HttpStatus.CONFLICT,
      'JOB_ALREADY_RUNNING',
      `Another job (${activeJobId}) is active; only one job runs at a time`,
      { activeJobId },
      true,
    );
  }
}
