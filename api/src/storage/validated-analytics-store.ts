import type {
  AnalyticsCostMeasurement,
  SeriesPoint,
  SnapshotAnalytics,
} from '../domain/analytics.model';
import { SNAPSHOT_ANALYTICS_SCHEMA_VERSION } from '../domain/analytics.model';
import { isDateInProgramYear, isProgramYear } from '../domain/program-year';
import { isDistrictId } from '../common/ids';
import { isIsoDate } from '../common/utc-dates';
import {
  AnalyticsStore,
  INPUT_FINGERPRINT_PATTERN,
  InvalidAnalyticsError,
  MAX_POINT_FIGURE,
  MAX_SNAPSHOT_ANALYTICS_BYTES,
} from './analytics-store';
import { InvalidIdError } from '../domain/storage-errors';

/**
 * Checks ids before they reach a path or a document key, and the limits every driver
 * relies on (figures that fit a point record, documents under the size cap), once for
 * all drivers.
 */
export class ValidatedAnalyticsStore extends AnalyticsStore {
  constructor(private readonly inner: AnalyticsStore) {
    super();
  }

  async saveSnapshotAnalytics(
    analytics: SnapshotAnalytics,
    inputFingerprint?: string,
  ): Promise<void> {
    date(analytics.snapshotDate);
    if (inputFingerprint !== undefined && !INPUT_FINGERPRINT_PATTERN.test(inputFingerprint)) {
      throw new InvalidAnalyticsError('an input fingerprint is a hex digest');
    }
    if (analytics.schemaVersion !== SNAPSHOT_ANALYTICS_SCHEMA_VERSION) {
      throw new InvalidAnalyticsError(`unknown schemaVersion ${String(analytics.schemaVersion)}`);
    }
    for (const entry of analytics.districts) {
      district(entry.districtId);
      inProgramYear(analytics.snapshotDate, entry.programYear);
    }
    for (const entry of analytics.ranking ?? []) district(entry.districtId);
    const bytes = Buffer.byteLength(JSON.stringify(analytics));
    if (bytes > MAX_SNAPSHOT_ANALYTICS_BYTES) {
      throw new InvalidAnalyticsError(
        `the analytics of ${analytics.snapshotDate} take ${bytes} bytes; at most ${MAX_SNAPSHOT_ANALYTICS_BYTES}`,
      );
    }
    return this.inner.saveSnapshotAnalytics(analytics, inputFingerprint);
  }

  async getInputFingerprints(dates: readonly string[]): Promise<Map<string, string>> {
    dates.forEach(date);
    return this.inner.getInputFingerprints(dates);
  }

  async getSnapshotAnalytics(snapshotDate: string): Promise<SnapshotAnalytics | null> {
    date(snapshotDate);
    return this.inner.getSnapshotAnalytics(snapshotDate);
  }

  async upsertSeriesPoint(districtId: string, py: string, point: SeriesPoint): Promise<void> {
    district(districtId);
    programYear(py);
    date(point.date);
    date(point.snapshotId);
    inProgramYear(point.date, py);
    const figures = {
      membership: point.membership,
      payments: point.payments,
      dcpGoals: point.dcpGoals,
      distinguishedTotal: point.distinguishedTotal,
      'clubCounts.total': point.clubCounts.total,
      'clubCounts.thriving': point.clubCounts.thriving,
      'clubCounts.vulnerable': point.clubCounts.vulnerable,
      'clubCounts.interventionRequired': point.clubCounts.interventionRequired,
    };
    for (const [name, value] of Object.entries(figures)) {
      if (!Number.isSafeInteger(value) || value < 0 || value > MAX_POINT_FIGURE) {
        throw new InvalidAnalyticsError(
          `${name} of the ${point.date} point must be a whole number from 0 to ${MAX_POINT_FIGURE}`,
        );
      }
    }
    return this.inner.upsertSeriesPoint(districtId, py, point);
  }

  async getSeriesPoints(districtId: string, py: string): Promise<SeriesPoint[]> {
    district(districtId);
    programYear(py);
    return this.inner.getSeriesPoints(districtId, py);
  }

  async getCostMeasurement(): Promise<AnalyticsCostMeasurement | null> {
    return this.inner.getCostMeasurement();
  }

  async saveCostMeasurement(measurement: AnalyticsCostMeasurement): Promise<void> {
    const { secondsPerSnapshot, snapshotsMeasured } = measurement;
    if (!Number.isFinite(secondsPerSnapshot) || secondsPerSnapshot < 0) {
      throw new InvalidAnalyticsError('secondsPerSnapshot must be a finite number >= 0');
    }
    if (!Number.isSafeInteger(snapshotsMeasured) || snapshotsMeasured < 0) {
      throw new InvalidAnalyticsError('snapshotsMeasured must be a whole number >= 0');
    }
    return this.inner.saveCostMeasurement(measurement);
  }
}

function date(value: string): void {
  if (!isIsoDate(value)) throw new InvalidIdError('date', value);
}

function district(value: string): void {
  if (!isDistrictId(value)) throw new InvalidIdError('district id', value);
}

function programYear(value: string): void {
  if (!isProgramYear(value)) throw new InvalidIdError('program year', value);
}

function inProgramYear(value: string, py: string): void {
  programYear(py);
  if (!isDateInProgramYear(value, py)) {
    throw new InvalidAnalyticsError(`${value} is not in program year ${py}`);
  }
}
