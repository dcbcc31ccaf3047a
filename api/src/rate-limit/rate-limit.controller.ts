import { Body, Controller, Get, HttpCode, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { RATE_LIMIT_CONFIG_EXAMPLE, RATE_LIMIT_PATCH_EXAMPLE } from '../common/api-examples';
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
  @ApiOperation({
    summary: 'The saved rate-limit config (applies to the next job).',
    description:
      'How politely jobs pace their requests to the dashboard. A running job keeps the ' +
      'config it started with; a job’s rateLimitOverrides apply on top of this.',
  })
  @ApiResponse({
    status: 200,
    description: 'The saved config.',
    type: RateLimitConfigDto,
    example: RATE_LIMIT_CONFIG_EXAMPLE,
  })
  @ApiErrorResponses(503)
  async getRateLimitConfig(): Promise<RateLimitConfigDto> {
    return this.configs.get();
  }

  @Put()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Partially update the rate-limit config; applies to the next job.',
    description:
      'Fields left out keep their value. Each field is checked against its bounds and the ' +
      'merged config must keep minDelayMs <= maxDelayMs; the answer is the whole new config.',
  })
  @ApiBody({
    type: RateLimitPatchDto,
    examples: { slower: { summary: 'Go slower', value: RATE_LIMIT_PATCH_EXAMPLE } },
  })
  @ApiResponse({
    status: 200,
    description: 'The saved config after the update.',
    type: RateLimitConfigDto,
    example: { ...RATE_LIMIT_CONFIG_EXAMPLE, ...RATE_LIMIT_PATCH_EXAMPLE },
  })
  @ApiErrorResponses(400, 413, 415, 503)
  async updateRateLimitConfig(@Body() body: RateLimitPatchDto): Promise<RateLimitConfigDto> {
    return this.configs.update(body);
  }
}
