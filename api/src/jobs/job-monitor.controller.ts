import { Controller, HttpCode, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { AcceptsQueryToken } from '../auth/query-token.decorator';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { JobStore } from '../storage/job-store';
import { JobItemPageDto, ListJobItemsQueryDto } from './dto/job-items.dto';
import { JobEventsService } from './job-events.service';
import { latestItems, pageItems } from './job-items';
import { BACKFILL_BASE_PATH } from './jobs.controller';
import { JobsService } from './jobs.service';
import { ParseJobIdPipe } from './parse-job-id.pipe';

/** What the admin console watches: a job's live status stream and its per-item outcomes. */
@ApiTags('backfill')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@ApiErrorResponses(401)
@Controller(BACKFILL_BASE_PATH)
export class JobMonitorController {
  constructor(
    private readonly jobs: JobsService,
    private readonly store: JobStore,
    private readonly events: JobEventsService,
  ) {}

  @Get(':jobId/items')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Finished items of a job with their latest outcome, ordered by id, paged.',
    description:
      'Built from the item ledger. Planned items that have not finished yet are not listed: ' +
      'for data-collection they are the cells of the date range x districts that are missing here.',
  })
  @ApiResponse({ status: 200, type: JobItemPageDto })
  @ApiErrorResponses(400, 404, 503)
  async listJobItems(
    @Param('jobId', ParseJobIdPipe) jobId: string,
    @Query() query: ListJobItemsQueryDto,
  ): Promise<JobItemPageDto> {
    await this.jobs.get(jobId);
    const items = latestItems(await this.store.readLedger(jobId));
    return pageItems(items, {
      outcome: query.outcome,
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    });
  }

  @Get(':jobId/events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Live status of a job as server-sent events; ends when the job is terminal.',
    description:
      'A `text/event-stream`. Every change of the job status is sent as an event named `job` ' +
      'whose data is a JobDto (JSON) and whose id is the job revision; the first one comes at ' +
      'once. Comment lines keep a quiet stream alive. When the job is completed, failed or ' +
      'cancelled the last `job` event is followed by an `end` event and the stream closes. ' +
      'Browsers (EventSource cannot send headers) may pass the token as `?access_token=`.',
  })
  @ApiProduces('text/event-stream')
  @AcceptsQueryToken()
  @ApiResponse({
    status: 200,
    description:
      'The event stream: `event: job` with a JobDto as data on every change, then `event: end`.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiErrorResponses(400, 404, 503)
  async streamJobEvents(
    @Param('jobId', ParseJobIdPipe) jobId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    this.events.stream(await this.jobs.get(jobId), request, response);
  }
}
