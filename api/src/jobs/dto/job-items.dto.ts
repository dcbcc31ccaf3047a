import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ApiInteger, ApiNullableInteger, ApiTimestamp } from '../../common/api-fields';
import { ITEM_OUTCOMES, ItemOutcome } from '../job-items';
import { QueryInteger } from '../../common/query-integer';
import { QueryEnumList } from '../../common/query-enum-list';

/** Query of `GET /api/admin/backfill/{jobId}/items`. */
export class ListJobItemsQueryDto {
  @QueryEnumList(
    ITEM_OUTCOMES,
    'ItemOutcome',
    'Only items whose latest outcome is one of these (repeat or comma-separate).',
  )
  outcome?: ItemOutcome[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'Page size.',
  })
  @IsOptional()
  @QueryInteger(1, 1000)
  limit?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10_000_000,
    default: 0,
    description: 'Matching items to skip before the page starts.',
  })
  @IsOptional()
  @QueryInteger(0, 10_000_000)
  offset?: number;
}

/** The latest outcome of one finished item, from the job's item ledger. */
export class JobItemDto {
  @ApiProperty({ example: '2025-03-14/61', description: 'The item id.' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    example: '2025-03-14',
    description: 'The date the item is about, when its id starts with one.',
  })
  date!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '61',
    description: 'The district (data-collection) or the group the handler named.',
  })
  group!: string | null;

  @ApiProperty({
    enum: ITEM_OUTCOMES,
    enumName: 'ItemOutcome',
    description: 'The item’s latest outcome.',
  })
  outcome!: ItemOutcome;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'no-data',
    description: 'Why it was skipped ("exists", "no-data", "superseded") or why it failed.',
  })
  reason!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2025-09-04/61',
    description:
      'For an item skipped as "superseded": the item whose newer collection replaces it (a later closing day of the same month end).',
  })
  supersededBy!: string | null;

  @ApiNullableInteger('Upstream attempts it took; null when it made no request.', {
    minimum: 1,
    example: 1,
  })
  attempts!: number | null;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'For a failed item: whether retrying it may succeed.',
  })
  retryable!: boolean | null;

  @ApiTimestamp('When the item finished.')
  at!: string;
}

export class JobItemCountsDto {
  @ApiInteger('Items whose latest outcome is done.', { example: 91 })
  done!: number;

  @ApiInteger('Items whose latest outcome is skipped.', { example: 31 })
  skipped!: number;

  @ApiInteger('Items whose latest outcome is failed.', { example: 2 })
  failed!: number;
}

export class JobItemPageDto {
  @ApiProperty({ type: [JobItemDto], description: 'Ordered by item id.' })
  items!: JobItemDto[];

  @ApiInteger('Exact number of finished items matching the filter.', { example: 124 })
  total!: number;

  @ApiInteger('Page size asked for.', { minimum: 1, maximum: 1000, example: 100 })
  limit!: number;

  @ApiInteger('Matching items skipped before this page.', { example: 0 })
  offset!: number;

  @ApiProperty({
    type: JobItemCountsDto,
    description: 'Finished items per outcome, ignoring the filter and paging.',
  })
  counts!: JobItemCountsDto;
}
