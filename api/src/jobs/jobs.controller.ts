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
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import {
  BACKFILL_STATUS_EXAMPLE,
  CREATE_JOB_EXAMPLES,
  CREATE_JOB_RESPONSE_EXAMPLE,
  JOB_EXAMPLE,
  JOB_PAGE_EXAMPLE,
  JOB_PREVIEW_EXAMPLE,
  PAUSED_JOB_EXAMPLE,
} from '../common/api-examples';
import { ApiJobIdParam } from '../common/api-fields';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { BackfillStatusDto } from './dto/backfill-status.dto';
import { CreateJobDto } from './dto/create-job.dto';
import { CreateJobResponseDto, JobDto, JobPageDto, JobPreviewDto } from './dto/job.dto';
import { ListJobsQueryDto } from './dto/list-jobs-query.dto';
import { liveRateLimiter, toJobSummaryDto, toLiveJobDto, withLiveProgress } from './job-dto.mapper';
import { JobRunner } from './job-runner';
import type { JobRecord } from '../domain/job.model';
import { JobsService } from './jobs.service';
import { JobPauseService } from './job-pause.service';
import { CollectSchedule } from './schedule/collect-schedule.service';
import { ParseJobIdPipe } from './parse-job-id.pipe';
import { RecoveryStatusStore } from '../recovery/recovery-status.store';

export const BACKFILL_BASE_PATH = 'api/admin/backfill';

@ApiTags('backfill')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@ApiErrorResponses(401)
@Controller(BACKFILL_BASE_PATH)
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly pauses: JobPauseService,
    private readonly runner: JobRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly recovery: RecoveryStatusStore,
    private readonly schedule: CollectSchedule,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Create a backfill job; it starts at once if no other job is active.',
    description:
      'Creates a data-collection job (dashboard reports for a date range and districts) or ' +
      'an analytics-generation job (analytics from stored snapshots). Only one job is active ' +
      'at a time: while one is, this answers 409 JOB_ALREADY_RUNNING. Poll statusUrl, or ' +
      'follow the job with the events stream.',
  })
  @ApiBody({ type: CreateJobDto, examples: CREATE_JOB_EXAMPLES })
  @ApiResponse({
    status: 202,
    description: 'The job was created and started.',
    type: CreateJobResponseDto,
    example: CREATE_JOB_RESPONSE_EXAMPLE,
  })
  @ApiErrorResponses(400, 409, 413, 415, 422, 503)
  async createJob(@Body() body: CreateJobDto): Promise<CreateJobResponseDto> {
    return this.accepted(await this.jobs.create(body));
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dry run: what a job with this body would do, without doing it.',
    description:
      'Plans the job as createJob would and reports its items, dates, districts, upstream ' +
      'requests and estimated duration. Nothing is stored. Without target districts it takes ' +
      'them from stored summaries, and asks the dashboard only while none is stored.',
  })
  @ApiBody({ type: CreateJobDto, examples: CREATE_JOB_EXAMPLES })
  @ApiResponse({
    status: 200,
    description: 'What the job would do.',
    type: JobPreviewDto,
    example: JOB_PREVIEW_EXAMPLE,
  })
  @ApiErrorResponses(400, 413, 415, 422, 503)
  async previewJob(@Body() body: CreateJobDto): Promise<JobPreviewDto> {
    return { jobType: body.jobType, ...(await this.jobs.preview(body)) };
  }

  @Get('jobs')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Job history, newest first, filtered and paged.',
    description:
      'Every job this deployment kept, newest first, without per-district progress or ' +
      'errors (getJob has those). total is exact, so a client can page to the end. The ' +
      'job this instance runs shows its live counters, as in getJob.',
  })
  @ApiResponse({
    status: 200,
    description: 'One page of jobs.',
    type: JobPageDto,
    example: JOB_PAGE_EXAMPLE,
  })
  @ApiErrorResponses(400, 503)
  async listJobs(@Query() query: ListJobsQueryDto): Promise<JobPageDto> {
    const page = await this.jobs.list(query);
    // The job running here shows its live counters, as getJob and getStatus do.
    const jobs = page.jobs.map((job) => toJobSummaryDto(withLiveProgress(job, this.runner)));
    return { ...page, jobs };
  }

  @Get('status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The active job with its lease, live rate-limiter status and the last recovery.',
    description:
      'What this instance knows now: the one active job (if any) as getJob shows it, live ' +
      'while it runs here, with its lease (owner, expiry, last renewal); whether it runs ' +
      'here and its limiter; what the last recovery check after a restart did; and the daily ' +
      'collection schedule (expression, next tick, last tick and what it did).',
  })
  @ApiResponse({
    status: 200,
    description: 'The service status.',
    type: BackfillStatusDto,
    example: BACKFILL_STATUS_EXAMPLE,
  })
  @ApiErrorResponses(503)
  async getStatus(): Promise<BackfillStatusDto> {
    const active = await this.jobs.findActive();
    const running = this.runner.runningJobId;
    return {
      activeJob: active ? this.toDto(active) : null,
      instanceId: this.config.instanceId,
      runningHere: running,
      rateLimiter: running ? liveRateLimiter(this.runner, running) : null,
      recovery: this.recovery.last,
      schedule: await this.schedule.status(),
    };
  }

  @Get(':jobId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Status of one job.',
    description:
      'Counters, per-district (or per-program-year) progress, the last errors, throughput ' +
      'and, once completed, the result. While the job runs here the figures are live.',
  })
  @ApiJobIdParam()
  @ApiResponse({ status: 200, description: 'The job.', type: JobDto, example: JOB_EXAMPLE })
  @ApiErrorResponses(400, 404, 503)
  async getJob(@Param('jobId', ParseJobIdPipe) jobId: string): Promise<JobDto> {
    return this.toDto(await this.jobs.get(jobId));
  }

  @Post(':jobId/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a new job over exactly the failed items of a finished job.',
    description:
      'The new job has the same type, range, districts and overrides, with skipExisting off ' +
      'so every failed item is really redone; its config names the original in retryOfJobId. ' +
      '409 JOB_NOT_RETRYABLE while the original is active or when it has no failed items.',
  })
  @ApiJobIdParam('jobId', 'The finished job whose failed items to redo.')
  @ApiResponse({
    status: 202,
    description: 'The retry job was created and started.',
    type: CreateJobResponseDto,
    example: CREATE_JOB_RESPONSE_EXAMPLE,
  })
  @ApiErrorResponses(400, 404, 409, 503)
  async retryJob(@Param('jobId', ParseJobIdPipe) jobId: string): Promise<CreateJobResponseDto> {
    return this.accepted(await this.jobs.retry(jobId));
  }

  @Delete(':jobId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a job: no new items start, in-flight items finish.',
    description:
      'Marks an active or paused job cancelled; its runner stops starting items. 409 ' +
      'JOB_NOT_CANCELLABLE when the job is already terminal.',
  })
  @ApiJobIdParam()
  @ApiResponse({
    status: 200,
    description: 'The cancelled job.',
    type: JobDto,
    example: { ...JOB_EXAMPLE, status: 'cancelled', cancelledAt: '2025-03-15T06:00:45.002Z' },
  })
  @ApiErrorResponses(400, 404, 409, 503)
  async cancelJob(@Param('jobId', ParseJobIdPipe) jobId: string): Promise<JobDto> {
    return this.toDto(await this.jobs.cancel(jobId));
  }

  @Post(':jobId/pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause an active job: no new items start, in-flight items finish.',
    description:
      'The job becomes paused at once and the one-active-job lock is released, so another ' +
      'job may start. Its runner aborts an item waiting on the rate limiter, lets requests in ' +
      'flight finish, saves its progress and then releases the lease (lease becomes null). A ' +
      'paused job is never stale and never recovered on its own. 409 JOB_NOT_PAUSABLE when ' +
      'the job is not active.',
  })
  @ApiJobIdParam()
  @ApiResponse({
    status: 200,
    description: 'The paused job.',
    type: JobDto,
    example: PAUSED_JOB_EXAMPLE,
  })
  @ApiErrorResponses(400, 404, 409, 503)
  async pauseJob(@Param('jobId', ParseJobIdPipe) jobId: string): Promise<JobDto> {
    return this.toDto(await this.pauses.pause(jobId));
  }

  @Post(':jobId/resume')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Resume a paused job; it continues from its item ledger.',
    description:
      'The job becomes pending under the one-active-job lock and a runner continues it: ' +
      'items already finished are not done again. 409 JOB_ALREADY_RUNNING while another job ' +
      'is active, JOB_NOT_RESUMABLE when the job is not paused, JOB_STILL_PAUSING while its ' +
      'runner is still finishing the items it had in flight (lease not yet released).',
  })
  @ApiJobIdParam()
  @ApiResponse({
    status: 202,
    description: 'The job was resumed and will start at once.',
    type: CreateJobResponseDto,
    example: CREATE_JOB_RESPONSE_EXAMPLE,
  })
  @ApiErrorResponses(400, 404, 409, 503)
  async resumeJob(@Param('jobId', ParseJobIdPipe) jobId: string): Promise<CreateJobResponseDto> {
    return this.accepted(await this.pauses.resume(jobId));
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
