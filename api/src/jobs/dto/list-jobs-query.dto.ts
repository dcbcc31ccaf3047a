import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { JOB_STATUSES, JOB_TYPES, JobStatus, JobType } from '../job.model';
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

  @ApiPropertyOptional({ enum: JOB_TYPES, enumName: 'JobType' })
  @IsOptional()
  @IsIn(JOB_TYPES)
  jobType?: JobType;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @QueryInteger(1, 100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
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
