import { Controller, Get, HttpCode, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { KNOWN_DISTRICTS_EXAMPLE } from '../common/api-examples';
import { KnownDistrictsDto } from './dto/known-districts.dto';
import { KnownDistrictsService } from './known-districts.service';

export const COLLECTION_BASE_PATH = 'api/admin/collection';

/** What collection has learnt about the dashboard, for the console's forms. */
@ApiTags('collection')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@ApiErrorResponses(401)
@Controller(COLLECTION_BASE_PATH)
export class DistrictsController {
  constructor(private readonly districts: KnownDistrictsService) {}

  @Get('districts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The districts listed by the newest stored district summary.',
    description:
      'Read from storage, never from the dashboard. Empty (snapshotDate null) until a ' +
      'data-collection job has stored a summary.',
  })
  @ApiResponse({
    status: 200,
    description: 'The districts, or none before the first summary is stored.',
    type: KnownDistrictsDto,
    example: KNOWN_DISTRICTS_EXAMPLE,
  })
  @ApiErrorResponses(503)
  listDistricts(): Promise<KnownDistrictsDto> {
    return this.districts.latest();
  }
}
