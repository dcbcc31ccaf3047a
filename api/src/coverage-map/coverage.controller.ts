import { Controller, Get, HttpCode, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ApiError } from '../common/api-error';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { COVERAGE_EXAMPLE } from '../common/api-examples';
import { daysBetween } from '../common/utc-dates';
import type { CoverageCounts } from '../domain/coverage';
import { encodeCoverage } from './coverage-encoding';
import { CoverageReader } from './coverage-reader';
import { CoverageCountsDto, CoverageDto } from './dto/coverage.dto';
import { CoverageQueryDto } from './dto/coverage-query.dto';

export const COVERAGE_PATH = 'api/admin/coverage';
/** A program year (366 days at most) and a bit, so a view may overlap its neighbours. */
export const MAX_COVERAGE_DAYS = 400;

/** What is stored across a range, for the console's heat map, the CLI and gap filling. */
@ApiTags('coverage')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@ApiErrorResponses(401)
@Controller(COVERAGE_PATH)
export class CoverageController {
  constructor(private readonly reader: CoverageReader) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({
    summary: 'The stored state of every date x district of a range, compact.',
    description:
      'Read from the stored manifests and summaries (three reads per date, never one per ' +
      'cell), never from the dashboard. Each cell is ok (with its collection date), ' +
      'no-data, failed (with the reason), superseded (a closing day whose data lives on the ' +
      'month end) or missing; each date also has its summary’s state. A program year of ' +
      '128 districts is about 50 KB, more when many cells failed for different reasons.',
  })
  @ApiResponse({
    status: 200,
    description: 'The coverage.',
    type: CoverageDto,
    example: COVERAGE_EXAMPLE,
  })
  @ApiErrorResponses(400, 503)
  async getCoverage(@Query() query: CoverageQueryDto): Promise<CoverageDto> {
    const { from, to, districts } = query;
    if (from > to) throw ApiError.invalidDateRange(`from ${from} is after to ${to}`);
    const days = daysBetween(from, to) + 1;
    if (days > MAX_COVERAGE_DAYS) {
      throw ApiError.invalidDateRange(
        `the range spans ${days} days; at most ${MAX_COVERAGE_DAYS} (a program year and a bit)`,
      );
    }
    const encoded = encodeCoverage(await this.reader.read(from, to, districts));
    return {
      ...encoded,
      counts: toCountsDto(encoded.counts),
      summaryCounts: toCountsDto(encoded.summaryCounts),
    };
  }
}

function toCountsDto(counts: CoverageCounts): CoverageCountsDto {
  return {
    ok: counts.ok,
    noData: counts['no-data'],
    failed: counts.failed,
    superseded: counts.superseded,
    missing: counts.missing,
  };
}
