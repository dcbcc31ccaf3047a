import { Controller, Get, Header, HttpCode, OnModuleInit, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
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
    description:
      'For a Prometheus scraper, which sends the admin token as a bearer token. Counters ' +
      'and histograms of upstream requests and job items, gauges of the active job and the ' +
      'rate limiter, and the standard process and Node.js figures.',
  })
  // The content type is declared per response rather than with @ApiProduces, which would
  // also label the JSON 401 as text.
  @ApiResponse({
    status: 200,
    description: 'Prometheus text exposition format 0.0.4.',
    content: {
      'text/plain': {
        schema: { type: 'string' },
        example:
          '# HELP ubs_active_job The one active job of the deployment (1), by type and status; absent when idle\n' +
          '# TYPE ubs_active_job gauge\n' +
          'ubs_active_job{job_type="data-collection",status="running"} 1\n',
      },
    },
  })
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
