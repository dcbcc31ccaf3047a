import { Controller, Get, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { ApiError } from '../common/api-error';
import { JobStore } from '../storage/job-store';
import { HealthDto } from './dto/health.dto';

/** Liveness and readiness for process supervisors and load balancers; no token needed. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly store: JobStore) {}

  @Get('healthz')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Liveness: the process answers.',
    description: 'Always 200 while the process serves HTTP; it checks nothing else.',
    // Public: process supervisors and load balancers probe it without the token.
    security: [],
  })
  @ApiResponse({ status: 200, description: 'Alive.', type: HealthDto, example: { status: 'ok' } })
  healthz(): HealthDto {
    return { status: 'ok' };
  }

  @Get('readyz')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Readiness: storage is reachable.',
    description: '200 when the job store answers a ping; 503 STORAGE_ERROR when it does not.',
    security: [],
  })
  @ApiResponse({ status: 200, description: 'Ready.', type: HealthDto, example: { status: 'ok' } })
  @ApiErrorResponses(503)
  async readyz(): Promise<HealthDto> {
    try {
      await this.store.ping();
    } catch {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'STORAGE_ERROR',
        'Storage is not reachable',
        undefined,
        true,
      );
    }
    return { status: 'ok' };
  }
}
