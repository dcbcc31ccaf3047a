import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok'], example: 'ok', description: 'Always "ok" when it answers 200.' })
  status!: string;
}
