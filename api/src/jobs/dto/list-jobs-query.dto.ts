import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { JOB_STATUSES, JOB_TYPES, JobStatus, JobType } from '../../domain/job.model';
import { QueryInteger } from '../../common/query-integer';
import { QueryEnumList } from '../../common/query-enum-list';

/** Query of `GET /api/admin/backfill/jobs`. */
export class ListJobsQueryDto {
  @QueryEnumList(
    JOB_STATUSES,
    'JobStatus',
    'Only jobs in these states (repeat the parameter or separate with commas).',
  )
  status?: JobStatus[];

  @ApiPropertyOptional({
    enum: JOB_TYPES,
    enumName: 'JobType',
    description: 'Only jobs of this type.',
  })
  @IsOptional()
  @IsIn(JOB_TYPES)
  jobType?: JobType;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    default: 20,
    description: 'Page size.',
  })
  @IsOptional()
  @QueryInteger(1, 100)
  limit?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 1_000_000,
    default: 0,
    description: 'Matching jobs to skip before the page starts.',
  })
  @IsOptional()
  @QueryInteger(0, 1_000_000)
  offset?: number;
}
