import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES } from '../api-error';

export class ErrorBodyDto {
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode' })
  code!: string;

  @ApiProperty({ description: 'Human-readable explanation.' })
  message!: string;

  @ApiPropertyOptional({ description: 'Machine-readable context, e.g. validation messages.' })
  details?: unknown;

  @ApiPropertyOptional({ description: 'True when repeating the same request later may succeed.' })
  retryable?: boolean;
}

export class ErrorMetadataDto {
  @ApiProperty({ description: 'Id of this request, also sent as the X-Request-Id header.' })
  operationId!: string;

  @ApiProperty({ format: 'date-time' })
  timestamp!: string;
}

export class ErrorResponseDto {
  @ApiProperty({ type: ErrorBodyDto })
  error!: ErrorBodyDto;

  @ApiProperty({ type: ErrorMetadataDto })
  metadata!: ErrorMetadataDto;
}
