import { ApiProperty } from '@nestjs/swagger';

export class ClubCountsDto {
  @ApiProperty({ description: 'Clubs rated: those in the club performance report.' })
  total!: number;

  @ApiProperty({ description: '(members >= 20 or net growth >= 3) and goals > 0.' })
  thriving!: number;

  @ApiProperty({ description: 'Neither thriving nor needing intervention.' })
  vulnerable!: number;

  @ApiProperty({ description: 'Members < 12 and net growth < 3.' })
  interventionRequired!: number;
}

export class SeriesPointDto {
  @ApiProperty({ format: 'date', example: '2026-03-14' })
  date!: string;

  @ApiProperty({ format: 'date', description: 'The snapshot the point comes from (its date).' })
  snapshotId!: string;

  @ApiProperty({ description: 'Sum of Active Members.' })
  membership!: number;

  @ApiProperty({ description: 'Oct. Ren. + Apr. Ren. + New Members.' })
  payments!: number;

  @ApiProperty({ description: 'Sum of Goals Met.' })
  dcpGoals!: number;

  @ApiProperty({ description: 'Clubs at any distinguished level.' })
  distinguishedTotal!: number;

  @ApiProperty({ type: ClubCountsDto })
  clubCounts!: ClubCountsDto;
}

export class MembershipMarkDto {
  @ApiProperty({ format: 'date' })
  date!: string;

  @ApiProperty()
  membership!: number;
}

export class SeriesSummaryDto {
  @ApiProperty({ description: 'Number of points.' })
  points!: number;

  @ApiProperty({ type: MembershipMarkDto, description: 'The first point.' })
  start!: MembershipMarkDto;

  @ApiProperty({ type: MembershipMarkDto, description: 'The last point.' })
  end!: MembershipMarkDto;

  @ApiProperty({ type: MembershipMarkDto, description: 'Highest membership (earliest on a tie).' })
  peak!: MembershipMarkDto;

  @ApiProperty({ type: MembershipMarkDto, description: 'Lowest membership (earliest on a tie).' })
  low!: MembershipMarkDto;

  @ApiProperty({ description: 'end.membership - start.membership.' })
  change!: number;
}

/** A district's time series for one program year. */
export class DistrictSeriesDto {
  @ApiProperty({ example: '61' })
  districtId!: string;

  @ApiProperty({ example: '2025-2026' })
  programYear!: string;

  @ApiProperty({ type: [SeriesPointDto], description: 'Ascending by date, one per date.' })
  points!: SeriesPointDto[];

  @ApiProperty({ type: SeriesSummaryDto })
  summary!: SeriesSummaryDto;
}
