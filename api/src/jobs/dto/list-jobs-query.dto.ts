import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { JOB_STATUSES, JOB_TYPES, JobStatus, JobType } from '../../domain/job.model';
import { QueryInteger } from '../../common/query-integer';
import { RepeatableQueryParam } from '../../common/strict-query.interceptor';

/** Query of `GET /api/admin/backfill/jobs`. */
export class ListJobsQueryDto {
  @ApiPropertyOptional({
    enum: JOB_STATUSES,
    enumName: 'JobStatus',
    isArray: true,
    description: 'Only jobs in these states (repeat the parameter or separate with commas).',
  })
  @IsOptional()
  @RepeatableQueryParam()
  @Transform(({ value }: { value: unknown }) => toList(value))
  @IsArray()
  @IsIn(JOB_STATUSES, { each: true })
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

function toList(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').filter((part) => part !== '');
  if (Array.isArray(value)) {
    return (value as unknown[]).flatMap((part) =>
      typeof part === 'string' ? part.split(',') : [part],
    );
  }
  return value;
}
