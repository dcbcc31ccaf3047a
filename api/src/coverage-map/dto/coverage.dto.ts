import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../common/api-fields';

const DATE = { type: String, format: 'date' } as const;

export class CoverageCountsDto {
  @ApiInteger('Cells (or dates) with stored data.')
  ok!: number;
  @ApiInteger('The dashboard had no data for them.')
  noData!: number;
  @ApiInteger('Collection failed (the reason is in `failures`); never for a summary.')
  failed!: number;
  @ApiInteger('Closing days, whose data lives on the month end.')
  superseded!: number;
  @ApiInteger('Nothing stored.')
  missing!: number;
}

export class ClosingPeriodDto {
  @ApiProperty({
    ...DATE,
    example: '2025-07-31',
    description: 'The month end their data lives on.',
  })
  monthEnd!: string;
  @ApiProperty({ ...DATE, example: '2025-08-01', description: 'First closing day of the run.' })
  from!: string;
  @ApiProperty({ ...DATE, example: '2025-08-03', description: 'Last closing day of the run.' })
  to!: string;
}

export class CoverageCollectionDateDto {
  @ApiProperty({ ...DATE, example: '2025-07-31', description: 'The cells’ date.' })
  date!: string;
  @ApiProperty({
    ...DATE,
    example: '2025-08-03',
    description: 'When the stored data was collected (the dashboard date asked for).',
  })
  collectionDate!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: 0 },
    example: [0, 1],
    description: 'Indexes into `districts`, ascending.',
  })
  districts!: number[];
}

export class CoverageFailureDto extends CoverageCollectionDateDto {
  @ApiProperty({ example: 'HTTP 500 after 4 attempts', description: 'The manifest’s reason.' })
  reason!: string;
}

export class SummaryCollectionDateDto {
  @ApiProperty({ ...DATE, example: '2025-07-31', description: 'The summary’s snapshot date.' })
  date!: string;
  @ApiProperty({ ...DATE, example: '2025-08-03', description: 'When it was collected.' })
  collectionDate!: string;
}

/**
 * The stored state of every date x district of a range, compact: one string of state
 * symbols per district, side tables for what the symbols do not say.
 */
export class CoverageDto {
  @ApiProperty({ ...DATE, example: '2025-07-30', description: 'First date.' })
  from!: string;
  @ApiProperty({ ...DATE, example: '2025-08-04', description: 'Last date.' })
  to!: string;
  @ApiInteger('Dates in the range; every string in `rows` and `summary` has this length.', {
    minimum: 1,
    maximum: 400,
  })
  days!: number;

  @ApiProperty({
    type: [String],
    example: ['61', '117'],
    description:
      'The rows: the districts asked for, else every district a stored summary lists or a ' +
      'manifest names in the range; numbered ones by number, then lettered ones.',
  })
  districts!: string[];

  @ApiProperty({
    type: [String],
    example: ['oosssm', 'ofsssm'],
    description:
      'One string per district (same order as `districts`), one symbol per date from ' +
      '`from`: `o` ok (stored; collected on that date unless `collectionDates` says), `n` ' +
      'no-data (the dashboard had none, or its summary did not list the district), `f` ' +
      'failed (see `failures`), `s` superseded (a closing day: the data lives on the month ' +
      'end, see `closingPeriods`), `m` missing (nothing stored).',
  })
  rows!: string[];

  @ApiProperty({
    example: 'oosssm',
    description:
      'The all-districts summary of each date, same symbols: `o` stored, `n` the dashboard ' +
      'had no data, `s` closing day, `m` not stored (a summary that failed to download is ' +
      'not stored, so it shows as missing).',
  })
  summary!: string;

  @ApiProperty({
    type: [ClosingPeriodDto],
    description: 'Runs of superseded dates, with the month end each lands on.',
  })
  closingPeriods!: ClosingPeriodDto[];

  @ApiProperty({
    type: [CoverageCollectionDateDto],
    description: '`o` cells collected on another date than their own (month ends), by date.',
  })
  collectionDates!: CoverageCollectionDateDto[];

  @ApiProperty({
    type: [SummaryCollectionDateDto],
    description: '`o` summaries collected on another date than their own.',
  })
  summaryCollectionDates!: SummaryCollectionDateDto[];

  @ApiProperty({
    type: [CoverageFailureDto],
    description: 'Every `f` cell, grouped by date, collection date and reason.',
  })
  failures!: CoverageFailureDto[];

  @ApiProperty({ type: CoverageCountsDto, description: 'Cells per state.' })
  counts!: CoverageCountsDto;

  @ApiProperty({ type: CoverageCountsDto, description: 'Dates per summary state.' })
  summaryCounts!: CoverageCountsDto;
}
