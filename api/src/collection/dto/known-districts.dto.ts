import { ApiProperty } from '@nestjs/swagger';

export class KnownDistrictDto {
  @ApiProperty({ example: '61', pattern: '^[A-Z0-9]{1,4}$', description: 'The district id.' })
  id!: string;

  @ApiProperty({ example: '06', description: 'The region the summary lists it under.' })
  region!: string;
}

export class KnownDistrictsDto {
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2025-03-14',
    description: 'Snapshot date of the stored summary they come from; null when none is stored.',
  })
  snapshotDate!: string | null;

  @ApiProperty({
    type: [KnownDistrictDto],
    description: 'Numbered districts by number (01, 2, 10), then the lettered ones (F, U).',
  })
  districts!: KnownDistrictDto[];
}
