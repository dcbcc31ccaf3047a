import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { AnalyticsStore } from '../storage/analytics-store';
import type { DistrictSeries, SnapshotAnalytics } from '../domain/analytics.model';
import { summariseSeries } from './series-summary';

/** What the read endpoints answer: stored results, with the series summary computed on read. */
@Injectable()
export class AnalyticsReadService {
  constructor(private readonly store: AnalyticsStore) {}

  async getSeries(districtId: string, programYear: string): Promise<DistrictSeries> {
    const points = await this.store.getSeriesPoints(districtId, programYear);
    const summary = summariseSeries(points);
    if (!summary) {
      throw notFound(
        `No analytics series for district ${districtId} in program year ${programYear}`,
      );
    }
    return { districtId, programYear, points, summary };
  }

  async getSnapshot(snapshotDate: string): Promise<SnapshotAnalytics> {
    const analytics = await this.store.getSnapshotAnalytics(snapshotDate);
    if (!analytics) throw notFound(`No analytics for snapshot ${snapshotDate}`);
    return analytics;
  }
}

function notFound(message: string): ApiError {
  return new ApiError(HttpStatus.NOT_FOUND, 'ANALYTICS_NOT_FOUND', message);
}
