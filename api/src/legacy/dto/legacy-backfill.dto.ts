import { ApiProperty } from '@nestjs/swagger';
import { JOB_ID_EXAMPLE } from '../../common/api-fields';
import { IsIsoCalendarDate } from '../../common/validators';
import { SkipExistingField, TargetDistrictsField } from '../../jobs/dto/collection-fields';
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

  @TargetDistrictsField({ nonEmpty: false })
  targetDistricts?: string[];

  @SkipExistingField()
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
