import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CODES } from '../api-error';
import { ApiTimestamp } from '../api-fields';
import { JOB_STATUSES, JobStatus } from '../../domain/job.model';

/**
 * `details` of JOB_NOT_CANCELLABLE, JOB_NOT_RETRYABLE, JOB_NOT_PAUSABLE and JOB_NOT_RESUMABLE:
 * the state that forbade it.
 * Registered by buildOpenApiDocument, since only a oneOf refers to it.
 */
export class JobStateDetailsDto {
  @ApiProperty({
    enum: JOB_STATUSES,
    enumName: 'JobStatus',
    description: 'The job’s status when the action was refused.',
  })
  status!: JobStatus;
}

export class ErrorBodyDto {
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', description: 'What kind of error.' })
  code!: string;

  @ApiProperty({
    example: 'endDate must be a real calendar date written YYYY-MM-DD',
    description: 'Human-readable explanation.',
  })
  message!: string;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { $ref: getSchemaPath(JobStateDetailsDto) },
    ],
    example: ['endDate must be a real calendar date written YYYY-MM-DD'],
    description:
      'Machine-readable context: every validation message (VALIDATION_ERROR), or the job ' +
      'status that forbade the action (JOB_NOT_CANCELLABLE, JOB_NOT_RETRYABLE, JOB_NOT_PAUSABLE, ' +
      'JOB_NOT_RESUMABLE).',
  })
  details?: string[] | JobStateDetailsDto;

  @ApiPropertyOptional({ description: 'True when repeating the same request later may succeed.' })
  retryable?: boolean;
}

export class ErrorMetadataDto {
  @ApiProperty({
    example: '9b2f6c0e-51d4-4f0a-a1c3-7d8e2b4f6a10',
    description: 'Id of this request, also sent as the X-Request-Id header.',
  })
  operationId!: string;

  @ApiTimestamp('When the error was answered.')
  timestamp!: string;
}

export class ErrorResponseDto {
  @ApiProperty({ type: ErrorBodyDto, description: 'What went wrong.' })
  error!: ErrorBodyDto;

  @ApiProperty({ type: ErrorMetadataDto, description: 'Which request it was, and when.' })
  metadata!: ErrorMetadataDto;
}
