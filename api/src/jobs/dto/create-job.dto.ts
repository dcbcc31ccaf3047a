import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { IsIsoCalendarDate } from '../../common/validators';
import { SkipExistingField, TargetDistrictsField } from './collection-fields';
import { RateLimitPatchDto } from '../../rate-limit/dto/rate-limit-config.dto';
import {
  CLOSING_DAYS_MODES,
  ClosingDaysMode,
  JOB_ORDERS,
  JOB_TYPES,
  JobOrder,
  JobType,
} from '../../domain/job.model';

/** Body of `POST /api/admin/backfill` and `POST /api/admin/backfill/preview`. */
export class CreateJobDto {
  @ApiProperty({ enum: JOB_TYPES, enumName: 'JobType', description: 'What the job does.' })
  @IsIn(JOB_TYPES)
  jobType!: JobType;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-03-01',
    description: 'First date (UTC). Required for data-collection; optional filter for analytics.',
  })
  @IsOptional()
  @IsIsoCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-03-14',
    description: 'Last date (UTC), before today. Required for data-collection.',
  })
  @IsOptional()
  @IsIsoCalendarDate()
  endDate?: string;

  @TargetDistrictsField({ nonEmpty: true })
  targetDistricts?: string[];

  @SkipExistingField()
  skipExisting?: boolean;

  @ApiPropertyOptional({
    enum: CLOSING_DAYS_MODES,
    enumName: 'ClosingDaysMode',
    default: 'last',
    description:
      'data-collection: `last` downloads district reports only for the last date of the range that lands on each month-end snapshot (earlier closing days are skipped as `superseded`); `every` downloads every day, keeping each day’s raw files.',
  })
  @IsOptional()
  @IsIn(CLOSING_DAYS_MODES)
  closingDays?: ClosingDaysMode;

  @ApiPropertyOptional({
    default: false,
    description:
      'analytics-generation only: recompute every selected snapshot date. Without it, dates whose analytics were computed from the snapshots stored now are skipped as up to date.',
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({
    enum: JOB_ORDERS,
    enumName: 'JobOrder',
    default: 'oldest-first',
    description:
      'data-collection: the order in which dates are collected; `newest-first` makes recent history usable first. Analytics always run oldest first (each date builds on the one before).',
  })
  @IsOptional()
  @IsIn(JOB_ORDERS)
  order?: JobOrder;

  @ApiPropertyOptional({
    default: false,
    description:
      'data-collection: when the job completes, create an analytics-generation job over the snapshot dates it wrote.',
  })
  @IsOptional()
  @IsBoolean()
  analyticsAfter?: boolean;

  @ApiPropertyOptional({
    type: RateLimitPatchDto,
    description: 'Rate-limit settings for this job only, on top of the saved config.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitPatchDto)
  rateLimitOverrides?: RateLimitPatchDto;
}
