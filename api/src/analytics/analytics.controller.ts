import { Controller, Get, HttpCode, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { DISTRICT_SERIES_EXAMPLE, SNAPSHOT_ANALYTICS_EXAMPLE } from '../common/api-examples';
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
    description:
      'One point per stored snapshot date of the district in the program year (July to ' +
      'June), as analytics-generation jobs computed them, and a summary of the year so far.',
  })
  @ApiParam({
    name: 'districtId',
    description: 'The district, as the dashboard writes it (61, 117, 01, F).',
    example: '61',
    schema: { type: 'string', pattern: '^[A-Z0-9]{1,4}$' },
  })
  @ApiParam({
    name: 'programYear',
    description: 'The program year, July to June, written YYYY-YYYY.',
    example: '2024-2025',
    schema: { type: 'string', pattern: '^\\d{4}-\\d{4}$' },
  })
  @ApiResponse({
    status: 200,
    description: 'The series.',
    type: DistrictSeriesDto,
    example: DISTRICT_SERIES_EXAMPLE,
  })
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
  @ApiOperation({
    summary: "One snapshot date's analytics: every district and the ranking.",
    description:
      'Per-district membership, payments, DCP goals, club health and distinguished counts, ' +
      'and the Borda ranking of every district of the all-districts summary.',
  })
  @ApiParam({
    name: 'date',
    description: 'The snapshot date (UTC), YYYY-MM-DD.',
    example: '2025-03-14',
    schema: { type: 'string', format: 'date' },
  })
  @ApiResponse({
    status: 200,
    description: 'The analytics of that date.',
    type: SnapshotAnalyticsDto,
    example: SNAPSHOT_ANALYTICS_EXAMPLE,
  })
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
