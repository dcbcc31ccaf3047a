import { ApiProperty } from '@nestjs/swagger';
import { ClubCountsDto } from './district-series.dto';

export class DistinguishedCountsDto {
  @ApiProperty({ description: '10 goals and 25 members.' })
  smedley!: number;

  @ApiProperty({ description: "President's: 9 goals and 20 members." })
  presidents!: number;

  @ApiProperty({ description: 'Select: 7 goals and (20 members or net growth >= 5).' })
  select!: number;

  @ApiProperty({ description: 'Distinguished: 5 goals and (20 members or net growth >= 3).' })
  distinguished!: number;

  @ApiProperty({ description: 'Clubs at any level.' })
  total!: number;
}

export class DistrictAnalyticsDto {
  @ApiProperty({ example: '61' })
  districtId!: string;

  @ApiProperty({ example: '2025-2026' })
  programYear!: string;

  @ApiProperty({ example: '2026-03', description: 'The month the figures are for.' })
  dataMonth!: string;

  @ApiProperty({ format: 'date', description: 'When the snapshot was collected.' })
  collectionDate!: string;

  @ApiProperty({ description: 'The dashboard was still serving the previous month.' })
  isClosingPeriod!: boolean;

  @ApiProperty({ description: 'Sum of Active Members.' })
  membership!: number;

  @ApiProperty({ description: 'Oct. Ren. + Apr. Ren. + New Members.' })
  payments!: number;

  @ApiProperty({ description: 'Sum of Goals Met.' })
  dcpGoals!: number;

  @ApiProperty({ type: ClubCountsDto })
  clubCounts!: ClubCountsDto;

  @ApiProperty({ type: DistinguishedCountsDto })
  distinguished!: DistinguishedCountsDto;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The nearest earlier snapshot of the district in the same program year.',
  })
  previousSnapshotDate!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Membership minus that of previousSnapshotDate; null without one.',
  })
  membershipChange!: number | null;
}

export class CategoryScoreDto {
  @ApiProperty({ description: 'The district’s value in this category (a percentage).' })
  value!: number;

  @ApiProperty({ description: 'Competition rank, highest value first; ties share a rank.' })
  rank!: number;

  @ApiProperty({ description: 'N - rank + 1; 0 for all when every district ties.' })
  points!: number;
}

export class DistrictRankingDto {
  @ApiProperty({ example: '61' })
  districtId!: string;

  @ApiProperty({ description: 'By total points, highest first; ties share a rank.' })
  rank!: number;

  @ApiProperty({ description: 'Sum of the three categories’ Borda points.' })
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
  @ApiProperty({ example: 1 })
  schemaVersion!: number;

  @ApiProperty({ format: 'date', example: '2026-03-14' })
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
    description: 'Collection date of the summary the ranking comes from.',
  })
  summaryCollectionDate!: string | null;
}
