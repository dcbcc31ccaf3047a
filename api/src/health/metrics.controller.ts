import { Controller, Get, Header, HttpCode, OnModuleInit, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { liveRateLimiter } from '../jobs/job-dto.mapper';
import { JobRunner } from '../jobs/job-runner';
import { JobStore } from '../storage/job-store';
import { LiveState, ServiceMetrics } from './service-metrics';

/**
 * Prometheus metrics. Behind the admin token like the rest of the admin surface (a
 * scraper sends it as `authorization: Bearer ...`): job counts and upstream figures say
 * what an instance is doing, which is not for everyone.
 */
@ApiTags('health')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller()
export class MetricsController implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly store: JobStore,
    private readonly runner: JobRunner,
  ) {}

  onModuleInit(): void {
    this.metrics.readLiveStateFrom(() => this.liveState());
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics: upstream requests, job items, the active job, the limiter.',
  })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format 0.0.4.' })
  @ApiErrorResponses(401)
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    res.type(contentType).send(body);
  }

  private async liveState(): Promise<LiveState> {
    // A scrape must answer even while storage is down; the gauges are then just absent.
    const active = await this.store.findActiveJob().catch(() => null);
    const running = this.runner.runningJobId;
    return {
      activeJob: active
        ? { jobType: active.jobType, status: active.status, counters: active.counters }
        : null,
      rateLimiter: running ? liveRateLimiter(this.runner, running) : null,
    };
  }
}
