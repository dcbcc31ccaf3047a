import type { DistrictSeries, SnapshotAnalytics } from '../domain/analytics.model';
import type { DistrictSeriesDto } from './dto/district-series.dto';
import type { SnapshotAnalyticsDto } from './dto/snapshot-analytics.dto';

/** The stored shapes are the wire shapes; only the readonly lists need copying. */
export function toDistrictSeriesDto(series: DistrictSeries): DistrictSeriesDto {
  return { ...series, points: [...series.points] };
}

export function toSnapshotAnalyticsDto(analytics: SnapshotAnalytics): SnapshotAnalyticsDto {
  return {
    ...analytics,
    districts: [...analytics.districts],
    ranking: analytics.ranking ? [...analytics.ranking] : null,
  };
}
