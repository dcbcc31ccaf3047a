import { Body, Controller, Get, HttpCode, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { RateLimitConfigDto, RateLimitPatchDto } from './dto/rate-limit-config.dto';
import { RateLimitConfigService } from './rate-limit-config.service';

/** Same base path and tag as the jobs routes: the console and clients see one API. */
const BACKFILL_BASE_PATH = 'api/admin/backfill';

@ApiTags('backfill')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@ApiErrorResponses(401)
@Controller(`${BACKFILL_BASE_PATH}/config/rate-limit`)
export class RateLimitController {
  constructor(private readonly configs: RateLimitConfigService) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'The saved rate-limit config (applies to the next job).' })
  @ApiResponse({ status: 200, type: RateLimitConfigDto })
  @ApiErrorResponses(503)
  async getRateLimitConfig(): Promise<RateLimitConfigDto> {
    return this.configs.get();
  }

  @Put()
  @HttpCode(200)
  @ApiOperation({ summary: 'Partially update the rate-limit config; applies to the next job.' })
  @ApiResponse({ status: 200, type: RateLimitConfigDto })
  @ApiErrorResponses(400, 503)
  async updateRateLimitConfig(@Body() body: RateLimitPatchDto): Promise<RateLimitConfigDto> {
    return this.configs.update(body);
  }
}
