import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiSignedInteger } from '../../common/api-fields';
import { ClubCountsDto, DistrictFiguresDto } from './district-series.dto';

export class DistinguishedCountsDto {
  @ApiInteger('10 goals and 25 members.', { example: 4 })
  smedley!: number;

  @ApiInteger("President's: 9 goals and 20 members.", { example: 9 })
  presidents!: number;

  @ApiInteger('Select: 7 goals and (20 members or net growth >= 5).', { example: 6 })
  select!: number;

  @ApiInteger('Distinguished: 5 goals and (20 members or net growth >= 3).', { example: 8 })
  distinguished!: number;

  @ApiInteger('Clubs at any level.', { example: 27 })
  total!: number;
}

export class DistrictAnalyticsDto extends DistrictFiguresDto {
  @ApiProperty({ example: '61', description: 'The district.' })
  districtId!: string;

  @ApiProperty({ example: '2024-2025', description: 'The program year (July to June).' })
  programYear!: string;

  @ApiProperty({ example: '2025-03', description: 'The month the figures are for.' })
  dataMonth!: string;

  @ApiProperty({
    format: 'date',
    example: '2025-03-14',
    description: 'When the snapshot was collected.',
  })
  collectionDate!: string;

  @ApiProperty({ description: 'The dashboard was still serving the previous month.' })
  isClosingPeriod!: boolean;

  @ApiProperty({ type: ClubCountsDto, description: 'Club health counts.' })
  clubCounts!: ClubCountsDto;

  @ApiProperty({ type: DistinguishedCountsDto, description: 'Distinguished clubs by level.' })
  distinguished!: DistinguishedCountsDto;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2025-03-13',
    description: 'The nearest earlier snapshot of the district in the same program year.',
  })
  previousSnapshotDate!: string | null;

  @ApiSignedInteger('Membership minus that of previousSnapshotDate; null without one.', {
    nullable: true,
    example: 6,
  })
  membershipChange!: number | null;
}

export class CategoryScoreDto {
  @ApiProperty({
    example: 4.17,
    description: 'The district’s value in this category (a percentage).',
  })
  value!: number;

  @ApiInteger('Competition rank, highest value first; ties share a rank.', {
    minimum: 1,
    example: 3,
  })
  rank!: number;

  @ApiInteger('N - rank + 1; 0 for all when every district ties.', { example: 124 })
  points!: number;
}

export class DistrictRankingDto {
  @ApiProperty({ example: '61', description: 'The district.' })
  districtId!: string;

  @ApiInteger('By total points, highest first; ties share a rank.', { minimum: 1, example: 3 })
  rank!: number;

  @ApiInteger('Sum of the three categories’ Borda points.', { example: 361 })
  totalPoints!: number;

  @ApiProperty({ type: CategoryScoreDto, description: '% Club Growth from the summary.' })
  clubGrowth!: CategoryScoreDto;

  @ApiProperty({ type: CategoryScoreDto, description: '% Payment Growth from the summary.' })
  paymentGrowth!: CategoryScoreDto;

  @ApiProperty({
    type: CategoryScoreDto,
    description: 'Distinguished clubs / active clubs, in percent.',
  })
  distinguished!: CategoryScoreDto;
}

/** The analytics of one snapshot date. */
export class SnapshotAnalyticsDto {
  @ApiInteger('Version of the stored analytics format.', { minimum: 1, example: 1 })
  schemaVersion!: number;

  @ApiProperty({ format: 'date', example: '2025-03-14', description: 'The snapshot date.' })
  snapshotDate!: string;

  @ApiProperty({
    type: [DistrictAnalyticsDto],
    description: 'Every district with a stored snapshot on this date, by id.',
  })
  districts!: DistrictAnalyticsDto[];

  @ApiProperty({
    type: [DistrictRankingDto],
    nullable: true,
    description:
      'Borda ranking over every district of the all-districts summary, by rank then id; null when no summary is stored.',
  })
  ranking!: DistrictRankingDto[] | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2025-03-14',
    description: 'Collection date of the summary the ranking comes from.',
  })
  summaryCollectionDate!: string | null;
}
