import { Controller, Get, HttpCode, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import {
  ParseDistrictIdPipe,
  ParseIsoDatePipe,
  ParseProgramYearPipe,
} from './analytics-params.pipes';
import { toDistrictSeriesDto, toSnapshotAnalyticsDto } from './analytics-dto.mapper';
import { AnalyticsReadService } from './analytics-read.service';
import { DistrictSeriesDto } from './dto/district-series.dto';
import { SnapshotAnalyticsDto } from './dto/snapshot-analytics.dto';

export const ANALYTICS_BASE_PATH = 'api/admin/analytics';

/** Read-only access to what analytics-generation jobs stored, for the console and integrators. */
@ApiTags('analytics')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@ApiErrorResponses(401)
@Controller(ANALYTICS_BASE_PATH)
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsReadService) {}

  @Get('districts/:districtId/series/:programYear')
  @HttpCode(200)
  @ApiOperation({
    summary: "A district's time series for one program year, with start, end, peak and low.",
  })
  @ApiParam({ name: 'districtId', example: '61', schema: { pattern: '^[A-Z0-9]{1,4}$' } })
  @ApiParam({ name: 'programYear', example: '2025-2026', schema: { pattern: '^\\d{4}-\\d{4}$' } })
  @ApiResponse({ status: 200, type: DistrictSeriesDto })
  @ApiResponse({
    status: 404,
    description: 'No point stored for that district and year (ANALYTICS_NOT_FOUND).',
    type: ErrorResponseDto,
  })
  @ApiErrorResponses(400, 503)
  async getDistrictSeries(
    @Param('districtId', ParseDistrictIdPipe) districtId: string,
    @Param('programYear', ParseProgramYearPipe) programYear: string,
  ): Promise<DistrictSeriesDto> {
    return toDistrictSeriesDto(await this.analytics.getSeries(districtId, programYear));
  }

  @Get('snapshots/:date')
  @HttpCode(200)
  @ApiOperation({ summary: "One snapshot date's analytics: every district and the ranking." })
  @ApiParam({ name: 'date', example: '2026-03-14', schema: { format: 'date' } })
  @ApiResponse({ status: 200, type: SnapshotAnalyticsDto })
  @ApiResponse({
    status: 404,
    description: 'No analytics stored for that date (ANALYTICS_NOT_FOUND).',
    type: ErrorResponseDto,
  })
  @ApiErrorResponses(400, 503)
  async getSnapshotAnalytics(
    @Param('date', ParseIsoDatePipe) date: string,
  ): Promise<SnapshotAnalyticsDto> {
    return toSnapshotAnalyticsDto(await this.analytics.getSnapshot(date));
  }
}
