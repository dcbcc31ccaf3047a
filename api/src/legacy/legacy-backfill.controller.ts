import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { LEGACY_REQUEST_EXAMPLE, LEGACY_RESPONSE_EXAMPLE } from '../common/api-examples';
import { ApiJobIdParam } from '../common/api-fields';
import { Clock } from '../common/clock';
import { LegacyBackfillRequestDto, LegacyBackfillResponseDto } from './dto/legacy-backfill.dto';
import { toLiveJobDto } from '../jobs/job-dto.mapper';
import { JobRunner } from '../jobs/job-runner';
import type { JobRecord } from '../domain/job.model';
import { BACKFILL_BASE_PATH } from '../jobs/jobs.controller';
import { JobsService } from '../jobs/jobs.service';
import { ParseJobIdPipe } from '../jobs/parse-job-id.pipe';

/** When the old routes stop answering (RFC 8594). */
export const LEGACY_SUNSET = 'Wed, 30 Jun 2027 23:59:59 GMT';

/**
 * The earlier system's routes, kept for its integrators on top of the new service. Every
 * answer says it is deprecated and where its successor lives (RFC 9745, 8594, 8288).
 * Unlike the old system these routes require the admin token.
 */
@ApiTags('legacy')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@ApiErrorResponses(401)
@Controller('api/districts/backfill')
export class LegacyBackfillController {
  constructor(
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    deprecated: true,
    summary: 'Deprecated: use POST /api/admin/backfill.',
    description:
      'The earlier system’s create route: always a data-collection job. Answers with ' +
      'Deprecation, Sunset and Link (successor-version) headers.',
  })
  @ApiBody({
    type: LegacyBackfillRequestDto,
    examples: { 'two-districts': { summary: 'Two districts', value: LEGACY_REQUEST_EXAMPLE } },
  })
  @ApiResponse({
    status: 202,
    description: 'The job was created and started.',
    type: LegacyBackfillResponseDto,
    example: LEGACY_RESPONSE_EXAMPLE,
  })
  @ApiErrorResponses(400, 409, 413, 415, 503)
  async createLegacyBackfill(
    @Body() body: LegacyBackfillRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LegacyBackfillResponseDto> {
    deprecate(res, `/${BACKFILL_BASE_PATH}`);
    const job = await this.jobs.create({ jobType: 'data-collection', ...body });
    return this.answer(job);
  }

  @Get(':backfillId')
  @HttpCode(200)
  @ApiOperation({
    deprecated: true,
    summary: 'Deprecated: use GET /api/admin/backfill/{jobId}.',
    description:
      'The earlier system’s status route. Answers with Deprecation, Sunset and Link ' +
      '(successor-version) headers.',
  })
  @ApiJobIdParam('backfillId', 'The job id (the earlier system called it backfillId).')
  @ApiResponse({
    status: 200,
    description: 'The job.',
    type: LegacyBackfillResponseDto,
    example: LEGACY_RESPONSE_EXAMPLE,
  })
  @ApiErrorResponses(400, 404, 503)
  async getLegacyBackfill(
    @Param('backfillId', ParseJobIdPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LegacyBackfillResponseDto> {
    deprecate(res, `/${BACKFILL_BASE_PATH}/${id}`);
    return this.answer(await this.jobs.get(id));
  }

  @Delete(':backfillId')
  @HttpCode(200)
  @ApiOperation({
    deprecated: true,
    summary: 'Deprecated: use DELETE /api/admin/backfill/{jobId}.',
    description:
      'The earlier system’s cancel route. Answers with Deprecation, Sunset and Link ' +
      '(successor-version) headers.',
  })
  @ApiJobIdParam('backfillId', 'The job id (the earlier system called it backfillId).')
  @ApiResponse({
    status: 200,
    description: 'The cancelled job.',
    type: LegacyBackfillResponseDto,
    example: { ...LEGACY_RESPONSE_EXAMPLE, status: 'cancelled' },
  })
  @ApiErrorResponses(400, 404, 409, 503)
  async cancelLegacyBackfill(
    @Param('backfillId', ParseJobIdPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LegacyBackfillResponseDto> {
    deprecate(res, `/${BACKFILL_BASE_PATH}/${id}`);
    return this.answer(await this.jobs.cancel(id));
  }

  private answer(job: JobRecord): LegacyBackfillResponseDto {
    const dto = toLiveJobDto(job, this.runner, this.clock.now());
    return {
      backfillId: job.id,
      status: job.status,
      successor: `/${BACKFILL_BASE_PATH}/${job.id}`,
      job: dto,
    };
  }
}

function deprecate(res: Response, successor: string): void {
  res.setHeader('Deprecation', 'true');
  res.setHeader('Sunset', LEGACY_SUNSET);
  res.setHeader('Link', `<${successor}>; rel="successor-version", </api/docs>; rel="deprecation"`);
}
