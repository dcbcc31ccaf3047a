import type {
  AnalyticsCostMeasurement,
  SeriesPoint,
  SnapshotAnalytics,
} from '../domain/analytics.model';

/** A document or point that breaks the analytics schema (out-of-range figure, wrong year). */
export class InvalidAnalyticsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAnalyticsError';
  }
}

/**
 * Port for analytics results: one document per snapshot date (every district's figures
 * and the ranking) and one time series per (district, program year). Drivers: `local/`
 * and, later, `firestore/`; every driver passes `test/contracts/analytics-store.contract.ts`.
 *
 * The series is the part with a cost rule: upserting a point must cost the same whatever
 * the length of the series (the earlier implementation rewrote the whole year per point),
 * and reading a district's year must stay one read. A Firestore driver meets it with one
 * document per point in a per-series collection, read with one query.
 */
export abstract class AnalyticsStore {
  /**
   * Replaces the analytics of `analytics.snapshotDate` in one atomic write, with the
   * fingerprint of the stored snapshots they were computed from in the same write (so a
   * stored fingerprint always describes the document beside it).
   */
  abstract saveSnapshotAnalytics(
    analytics: SnapshotAnalytics,
    inputFingerprint?: string,
  ): Promise<void>;

  abstract getSnapshotAnalytics(snapshotDate: string): Promise<SnapshotAnalytics | null>;

  /**
   * The stored input fingerprint of each of `dates` that has one, without reading the
   * analytics themselves: what an incremental run compares before deciding what to redo.
   */
  abstract getInputFingerprints(dates: readonly string[]): Promise<Map<string, string>>;

  /**
   * Inserts the point of `point.date`, or replaces the one stored for that date. Durable
   * once the promise resolves; its cost does not grow with the series.
   */
  abstract upsertSeriesPoint(
    districtId: string,
    programYear: string,
    point: SeriesPoint,
  ): Promise<void>;

  /** Every point of one district's program year, ascending by date; [] when there is none. */
  abstract getSeriesPoints(districtId: string, programYear: string): Promise<SeriesPoint[]>;

  /** The measured cost per snapshot of earlier runs, null before the first run. */
  abstract getCostMeasurement(): Promise<AnalyticsCostMeasurement | null>;

  abstract saveCostMeasurement(measurement: AnalyticsCostMeasurement): Promise<void>;
}

/**
 * Largest figure a series point may hold: far above any district (about 300,000 members
 * worldwide) and small enough that a point always fits a fixed-size record.
 */
export const MAX_POINT_FIGURE = 99_999_999;

/** An input fingerprint is a hex digest (see analytics-inputs.ts). */
export const INPUT_FINGERPRINT_PATTERN = /^[0-9a-f]{16,128}$/;

/** Stays under Firestore's 1 MiB document cap with room for field names. */
export const MAX_SNAPSHOT_ANALYTICS_BYTES = 900_000;
