import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  Matches,
} from 'class-validator';
import { JOB_ID_EXAMPLE } from '../../common/api-fields';
import { DISTRICT_ID_PATTERN } from '../../common/ids';
import { DISTRICT_ID_MESSAGE, IsIsoCalendarDate } from '../../common/validators';
import { JOB_STATUSES, JobStatus } from '../../domain/job.model';
import { JobDto } from '../../jobs/dto/job.dto';

/** The earlier system's request: always a data-collection job. */
export class LegacyBackfillRequestDto {
  @ApiProperty({ format: 'date', example: '2025-03-01', description: 'First date (UTC).' })
  @IsIsoCalendarDate()
  startDate!: string;

  @ApiProperty({
    format: 'date',
    example: '2025-03-14',
    description: 'Last date (UTC), before today.',
  })
  @IsIsoCalendarDate()
  endDate!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['61', '117'],
    description: 'Districts to collect; every district in each date’s summary when omitted.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @Matches(DISTRICT_ID_PATTERN, { each: true, message: DISTRICT_ID_MESSAGE })
  targetDistricts?: string[];

  @ApiPropertyOptional({
    default: true,
    description: 'Skip (date, district) cells whose snapshot is already stored.',
  })
  @IsOptional()
  @IsBoolean()
  skipExisting?: boolean;
}

export class LegacyBackfillResponseDto {
  @ApiProperty({
    format: 'uuid',
    example: JOB_ID_EXAMPLE,
    description: 'The job id (jobId in the new API); the earlier system’s name for it.',
  })
  backfillId!: string;

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus', description: 'The job’s status.' })
  status!: JobStatus;

  @ApiProperty({
    example: `/api/admin/backfill/${JOB_ID_EXAMPLE}`,
    description: 'The same job under the new API.',
  })
  successor!: string;

  @ApiProperty({ type: JobDto, description: 'The job’s full status, as the new API has it.' })
  job!: JobDto;
}
