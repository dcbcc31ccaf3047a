import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './dto/error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (VALIDATION_ERROR, INVALID_DATE_RANGE).',
  401: 'Missing or invalid bearer token (UNAUTHORIZED).',
  404: 'No such job (JOB_NOT_FOUND).',
  409:
    'Conflicts with the current state (JOB_ALREADY_RUNNING, JOB_NOT_CANCELLABLE, ' +
    'JOB_NOT_RETRYABLE, JOB_NOT_PAUSABLE, JOB_NOT_RESUMABLE, JOB_STILL_PAUSING).',
  413: 'The JSON body is larger than 100 KB (PAYLOAD_TOO_LARGE).',
  415: 'The body has a Content-Encoding or charset the API cannot read (UNSUPPORTED_MEDIA_TYPE).',
  422: 'The job type has no handler in this deployment (JOB_TYPE_UNAVAILABLE).',
  503: 'Storage unreachable or failing (STORAGE_ERROR); retry later.',
};

/** Documents the error responses of a route, all in the one error shape. */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponseDto }),
    ),
  );
}
