import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { BackfillStatusDto } from './dto/backfill-status.dto';
import { CreateJobDto } from './dto/create-job.dto';
import { CreateJobResponseDto, JobDto, JobPageDto, JobPreviewDto } from './dto/job.dto';
import { ListJobsQueryDto } from './dto/list-jobs-query.dto';
import { liveRateLimiter, toJobSummaryDto, toLiveJobDto } from './job-dto.mapper';
import { JobRunner } from './job-runner';
import type { JobRecord } from './job.model';
import { JobsService } from './jobs.service';
import { ParseJobIdPipe } from './parse-job-id.pipe';
import { RecoveryStatusStore } from './recovery-status.store';

export const BACKFILL_BASE_PATH = 'api/admin/backfill';

@ApiTags('backfill')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@ApiErrorResponses(401)
@Controller(BACKFILL_BASE_PATH)
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly recovery: RecoveryStatusStore,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Create a backfill job; it starts at once if no other job is active.' })
  @ApiResponse({ status: 202, type: CreateJobResponseDto })
  @ApiErrorResponses(400, 409, 422, 503)
  async createJob(@Body() body: CreateJobDto): Promise<CreateJobResponseDto> {
    return this.accepted(await this.jobs.create(body));
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dry run: what a job with this body would do, without doing it.' })
  @ApiResponse({ status: 200, type: JobPreviewDto })
  @ApiErrorResponses(400, 422, 503)
  async previewJob(@Body() body: CreateJobDto): Promise<JobPreviewDto> {
    return { jobType: body.jobType, ...(await this.jobs.preview(body)) };
  }

  @Get('jobs')
  @HttpCode(200)
  @ApiOperation({ summary: 'Job history, newest first, filtered and paged.' })
  @ApiResponse({ status: 200, type: JobPageDto })
  @ApiErrorResponses(400, 503)
  async listJobs(@Query() query: ListJobsQueryDto): Promise<JobPageDto> {
    const page = await this.jobs.list(query);
    return { ...page, jobs: page.jobs.map(toJobSummaryDto) };
  }

  @Get('status')
  @HttpCode(200)
  @ApiOperation({ summary: 'The active job, live rate-limiter status and the last recovery.' })
  @ApiResponse({ status: 200, type: BackfillStatusDto })
  @ApiErrorResponses(503)
  async getStatus(): Promise<BackfillStatusDto> {
    const active = await this.jobs.findActive();
    const running = this.runner.runningJobId;
    return {
      activeJob: active ? toJobSummaryDto(active) : null,
      instanceId: this.config.instanceId,
      runningHere: running,
      rateLimiter: running ? liveRateLimiter(this.runner, running) : null,
      recovery: this.recovery.last,
    };
  }

  @Get(':jobId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Status of one job.' })
  @ApiResponse({ status: 200, type: JobDto })
  @ApiErrorResponses(400, 404, 503)
  async getJob(@Param('jobId', ParseJobIdPipe) jobId: string): Promise<JobDto> {
    return this.toDto(await this.jobs.get(jobId));
  }

  @Post(':jobId/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a new job over exactly the failed items of a finished job.' })
  @ApiResponse({ status: 202, type: CreateJobResponseDto })
  @ApiErrorResponses(400, 404, 409, 503)
  async retryJob(@Param('jobId', ParseJobIdPipe) jobId: string): Promise<CreateJobResponseDto> {
    return this.accepted(await this.jobs.retry(jobId));
  }

  @Delete(':jobId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a job: no new items start, in-flight items finish.' })
  @ApiResponse({ status: 200, type: JobDto })
  @ApiErrorResponses(400, 404, 409, 503)
  async cancelJob(@Param('jobId', ParseJobIdPipe) jobId: string): Promise<JobDto> {
    return this.toDto(await this.jobs.cancel(jobId));
  }

  private accepted(job: JobRecord): CreateJobResponseDto {
    return {
      jobId: job.id,
      status: job.status,
      statusUrl: `/${BACKFILL_BASE_PATH}/${job.id}`,
      job: this.toDto(job),
    };
  }

  private toDto(job: JobRecord): JobDto {
    return toLiveJobDto(job, this.runner, this.clock.now());
  }
}
