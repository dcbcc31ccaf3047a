import { CollectionReference, DocumentReference, Firestore } from '@google-cloud/firestore';
import type {
  AnalyticsCostMeasurement,
  SeriesPoint,
  SnapshotAnalytics,
} from '../../domain/analytics.model';
import { AnalyticsStore } from '../analytics-store';
import { guardFirestore } from './firestore-errors';
import { COLLECTIONS, QUERIES, buildQuery, readAllPages } from './firestore-queries';

/** A program year has at most 366 days, so one page always holds a whole series. */
const SERIES_PAGE = 400;
/** Documents per batched lookup of input fingerprints. */
const FINGERPRINT_BATCH = 300;

/**
 * Analytics on Cloud Firestore:
 *
 * - `analytics-snapshots/{snapshotDate}`: `{ snapshotDate, analytics, inputFingerprint }`,
 *   replaced whole in one write (the validating wrapper keeps it under the 1 MiB cap).
 * - `analytics-series/{districtId}_{programYear}/points/{date}`: one document per point,
 *   so an upsert is one write whatever the series length, and a district's year is one
 *   query (ordered by the date ids) of at most 366 documents.
 * - `config/analytics-cost`: the measured cost per snapshot.
 */
export class FirestoreAnalyticsStore extends AnalyticsStore {
  private readonly snapshots: CollectionReference;
  private readonly series: CollectionReference;
  private readonly costRef: DocumentReference;

  constructor(db: Firestore) {
    super();
    this.snapshots = db.collection(COLLECTIONS.analyticsSnapshots);
    this.series = db.collection(COLLECTIONS.analyticsSeries);
    this.costRef = db.collection(COLLECTIONS.config).doc('analytics-cost');
  }

  async saveSnapshotAnalytics(
    analytics: SnapshotAnalytics,
    inputFingerprint?: string,
  ): Promise<void> {
    const doc = { snapshotDate: analytics.snapshotDate, analytics };
    await guardFirestore('store the snapshot analytics', () =>
      this.snapshots
        .doc(analytics.snapshotDate)
        .set(inputFingerprint === undefined ? doc : { ...doc, inputFingerprint }),
    );
  }

  async getInputFingerprints(dates: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < dates.length; i += FINGERPRINT_BATCH) {
      const refs = dates.slice(i, i + FINGERPRINT_BATCH).map((d) => this.snapshots.doc(d));
      // Only the fingerprint field of each document, never the analytics.
      const docs = await guardFirestore('read the analytics input fingerprints', () =>
        this.snapshots.firestore.getAll(...refs, { fieldMask: ['inputFingerprint'] }),
      );
      for (const doc of docs) {
        const value: unknown = doc.exists ? doc.get('inputFingerprint') : undefined;
        if (typeof value === 'string') found.set(doc.id, value);
      }
    }
    return found;
  }

  async getSnapshotAnalytics(snapshotDate: string): Promise<SnapshotAnalytics | null> {
    const snapshot = await guardFirestore('read the snapshot analytics', () =>
      this.snapshots.doc(snapshotDate).get(),
    );
    const value: unknown = snapshot.exists ? snapshot.get('analytics') : null;
    return typeof value === 'object' && value !== null ? (value as SnapshotAnalytics) : null;
  }

  async upsertSeriesPoint(
    districtId: string,
    programYear: string,
    point: SeriesPoint,
  ): Promise<void> {
    await guardFirestore('store a series point', () =>
      this.pointsOf(districtId, programYear).doc(point.date).set(point),
    );
  }

  async getSeriesPoints(districtId: string, programYear: string): Promise<SeriesPoint[]> {
    const docs = await guardFirestore('read a series', () =>
      readAllPages(
        buildQuery(this.pointsOf(districtId, programYear), QUERIES.seriesPoints, {}),
        SERIES_PAGE,
      ),
    );
    return docs.map((doc) => doc.data() as SeriesPoint);
  }

  async getCostMeasurement(): Promise<AnalyticsCostMeasurement | null> {
    const snapshot = await guardFirestore('read the analytics cost measurement', () =>
      this.costRef.get(),
    );
    if (!snapshot.exists) return null;
    const secondsPerSnapshot: unknown = snapshot.get('secondsPerSnapshot');
    const snapshotsMeasured: unknown = snapshot.get('snapshotsMeasured');
    return typeof secondsPerSnapshot === 'number' && typeof snapshotsMeasured === 'number'
      ? { secondsPerSnapshot, snapshotsMeasured }
      : null;
  }

  async saveCostMeasurement(measurement: AnalyticsCostMeasurement): Promise<void> {
    const { secondsPerSnapshot, snapshotsMeasured } = measurement;
    await guardFirestore('store the analytics cost measurement', () =>
      this.costRef.set({ secondsPerSnapshot, snapshotsMeasured }),
    );
  }

  private pointsOf(districtId: string, programYear: string): CollectionReference {
    return this.series.doc(`${districtId}_${programYear}`).collection(COLLECTIONS.seriesPoints);
  }
}
