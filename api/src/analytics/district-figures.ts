import type { DistrictSnapshot } from '../domain/district-snapshot';
import { decodeStoredSnapshotText } from '../domain/snapshot-codec';
import { DistrictMetrics, districtMetricsOf } from './district-metrics';
import { districtSnapshotProblems } from './snapshot-validation';

/** One district's stored document of a date, as text (either stored format), or null. */
export interface StoredDistrictText {
  readonly districtId: string;
  readonly text: string | null;
}

/** The fields of a snapshot that its analytics repeat as provenance. */
export type SnapshotHeader = Pick<
  DistrictSnapshot,
  'districtId' | 'programYear' | 'dataMonth' | 'collectionDate' | 'isClosingPeriod'
>;

/** What analytics needs of one district snapshot: its problems, or its header and metrics. */
export type DistrictFigures =
  | { readonly districtId: string; readonly problems: readonly string[] }
  | {
      readonly districtId: string;
      readonly problems: readonly [];
      readonly snapshot: SnapshotHeader;
      readonly metrics: DistrictMetrics;
    };

/**
 * Decodes, validates and measures the stored snapshots of one date. Pure and CPU-bound (the
 * bulk of an analytics run), so it runs in a worker thread; what it returns is small.
 */
export function figuresOfStoredTexts(
  snapshotDate: string,
  districts: readonly StoredDistrictText[],
): DistrictFigures[] {
  return districts.map(({ districtId, text }) => {
    const snapshot = text === null ? undefined : decodeStoredSnapshotText(text);
    if (!snapshot) return { districtId, problems: ['the stored document cannot be read'] };
    const problems = districtSnapshotProblems(snapshot, snapshotDate, districtId);
    if (problems.length > 0) return { districtId, problems };
    return {
      districtId,
      problems: [],
      snapshot: {
        districtId: snapshot.districtId,
        programYear: snapshot.programYear,
        dataMonth: snapshot.dataMonth,
        collectionDate: snapshot.collectionDate,
        isClosingPeriod: snapshot.isClosingPeriod,
      },
      metrics: districtMetricsOf(snapshot),
    };
  });
}
