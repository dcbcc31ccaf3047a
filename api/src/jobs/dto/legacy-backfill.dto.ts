import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  Matches,
} from 'class-validator';
import { DISTRICT_ID_PATTERN } from '../../common/ids';
import { DISTRICT_ID_MESSAGE, IsIsoCalendarDate } from '../../common/validators';
import { JOB_STATUSES, JobStatus } from '../job.model';
import { JobDto } from './job.dto';

/** The earlier system's request: always a data-collection job. */
export class LegacyBackfillRequestDto {
  @ApiProperty({ format: 'date' })
  @IsIsoCalendarDate()
  startDate!: string;

  @ApiProperty({ format: 'date' })
  @IsIsoCalendarDate()
  endDate!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @Matches(DISTRICT_ID_PATTERN, { each: true, message: DISTRICT_ID_MESSAGE })
  targetDistricts?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  skipExisting?: boolean;
}

export class LegacyBackfillResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The job id of the new API.' })
  backfillId!: string;

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus' })
  status!: JobStatus;

  @ApiProperty({ description: 'The same job under the new API.' })
  successor!: string;

  @ApiProperty({ type: JobDto })
  job!: JobDto;
}
