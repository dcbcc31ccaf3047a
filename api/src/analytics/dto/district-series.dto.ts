import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiSignedInteger } from '../../common/api-fields';

export class ClubCountsDto {
  @ApiInteger('Clubs rated: those in the club performance report.', { example: 92 })
  total!: number;

  @ApiInteger('(members >= 20 or net growth >= 3) and goals > 0.', { example: 51 })
  thriving!: number;

  @ApiInteger('Neither thriving nor needing intervention.', { example: 33 })
  vulnerable!: number;

  @ApiInteger('Members < 12 and net growth < 3.', { example: 8 })
  interventionRequired!: number;
}

/** A district's headline figures on a date: in a series point and in a snapshot's analytics. */
export class DistrictFiguresDto {
  @ApiInteger('Sum of Active Members.', { example: 2143 })
  membership!: number;

  @ApiInteger('Oct. Ren. + Apr. Ren. + New Members.', { example: 2387 })
  payments!: number;

  @ApiInteger('Sum of Goals Met.', { example: 318 })
  dcpGoals!: number;
}

export class SeriesPointDto extends DistrictFiguresDto {
  @ApiProperty({ format: 'date', example: '2025-03-14', description: 'The date of the point.' })
  date!: string;

  @ApiProperty({
    format: 'date',
    example: '2025-03-14',
    description: 'The snapshot the point comes from (its date).',
  })
  snapshotId!: string;

  @ApiInteger('Clubs at any distinguished level.', { example: 27 })
  distinguishedTotal!: number;

  @ApiProperty({ type: ClubCountsDto, description: 'Club health counts on that date.' })
  clubCounts!: ClubCountsDto;
}

export class MembershipMarkDto {
  @ApiProperty({ format: 'date', example: '2025-03-14', description: 'The date of the point.' })
  date!: string;

  @ApiInteger('Sum of Active Members on that date.', { example: 2143 })
  membership!: number;
}

export class SeriesSummaryDto {
  @ApiInteger('Number of points.', { minimum: 1, example: 38 })
  points!: number;

  @ApiProperty({ type: MembershipMarkDto, description: 'The first point.' })
  start!: MembershipMarkDto;

  @ApiProperty({ type: MembershipMarkDto, description: 'The last point.' })
  end!: MembershipMarkDto;

  @ApiProperty({ type: MembershipMarkDto, description: 'Highest membership (earliest on a tie).' })
  peak!: MembershipMarkDto;

  @ApiProperty({ type: MembershipMarkDto, description: 'Lowest membership (earliest on a tie).' })
  low!: MembershipMarkDto;

  @ApiSignedInteger('end.membership - start.membership.', { example: 112 })
  change!: number;
}

/** A district's time series for one program year. */
export class DistrictSeriesDto {
  @ApiProperty({ example: '61', description: 'The district.' })
  districtId!: string;

  @ApiProperty({ example: '2024-2025', description: 'The program year (July to June).' })
  programYear!: string;

  @ApiProperty({ type: [SeriesPointDto], description: 'Ascending by date, one per date.' })
  points!: SeriesPointDto[];

  @ApiProperty({ type: SeriesSummaryDto, description: 'Start, end, peak and low of the year.' })
  summary!: SeriesSummaryDto;
}
