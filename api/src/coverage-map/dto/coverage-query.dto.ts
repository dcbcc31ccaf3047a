import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, Matches } from 'class-validator';
import { IsOptional } from 'class-validator';
import { DISTRICT_ID_PATTERN } from '../../common/ids';
import { DISTRICT_ID_MESSAGE, IsIsoCalendarDate } from '../../common/validators';

/** Query of `GET /api/admin/coverage`. */
export class CoverageQueryDto {
  @ApiProperty({ format: 'date', example: '2025-07-01', description: 'First date (UTC).' })
  @IsIsoCalendarDate()
  from!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-06-30',
    description: 'Last date (UTC), on or after `from`; at most 400 days in all.',
  })
  @IsIsoCalendarDate()
  to!: string;

  @ApiPropertyOptional({
    type: String,
    example: '61,117',
    description:
      'Comma-separated districts to show, in this order; by default every district a stored ' +
      'summary lists or a manifest names in the range.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsArray()
  @ArrayNotEmpty({ message: 'districts must not be empty: omit it for every district' })
  @ArrayUnique({ message: 'districts must not repeat a district' })
  @ArrayMaxSize(500)
  @Matches(DISTRICT_ID_PATTERN, { each: true, message: DISTRICT_ID_MESSAGE })
  districts?: string[];
}
