import type { ReportKind } from '../domain/report-kinds';
import type { DistrictSnapshot } from '../domain/district-snapshot';
import type { SummaryRow } from '../domain/summary-row';
import { decodeStoredSnapshotText, encodeCompactSnapshot } from '../domain/snapshot-codec';

/** Where a downloaded CSV came from and what it holds. */
export interface RawReportMeta {
  kind: ReportKind;
  /** null for the all-districts summary. */
  districtId: string | null;
  url: string;
  /** The date the dashboard was asked for (the collection date). */
  requestedDate: string;
  /** `YYYY-MM` from the CSV footer, null when the file had no footer. */
  dataMonth: string | null;
  programYear: string;
  /** The snapshot the data belongs to after the closing-period remap. */
  snapshotDate: string;
  isClosingPeriod: boolean;
  outcome: 'ok' | 'no-data';
  rows: number;
  /** SHA-256 of the body, hex. */
  checksum: string;
  fetchedAt: string;
}

export interface RawReport {
  meta: RawReportMeta;
  csv: string;
}

/** The normalised all-districts summary of one snapshot date. */
export interface SnapshotSummary {
  snapshotDate: string;
  collectionDate: string;
  dataMonth: string;
  programYear: string;
  isClosingPeriod: boolean;
  districts: SummaryRow[];
}

export type ManifestStatus = 'ok' | 'failed' | 'no-data';

export interface ManifestEntry {
  status: ManifestStatus;
  collectionDate: string;
  updatedAt: string;
  reason?: string;
}

/** Per snapshot date: what is known of each district. */
export interface SnapshotManifest {
  snapshotDate: string;
  districts: Record<string, ManifestEntry>;
}

/**
 * A district snapshot already serialised (in a worker thread, off the event loop), with
 * the fields a store needs for paths and the newer-wins rule beside the JSON.
 */
export interface EncodedDistrictSnapshot {
  readonly snapshotDate: string;
  readonly districtId: string;
  readonly collectionDate: string;
  /**
   * `encodeDistrictSnapshot` output: the compact stored form (snapshot-codec.ts), JSON with
   * collectionDate as its first member.
   */
  readonly json: string;
}

/**
 * The one serialisation of a snapshot, in the compact stored format. collectionDate comes
 * first, so a file store can apply newer-wins by reading a few bytes instead of the whole
 * document.
 */
export function encodeDistrictSnapshot(snapshot: DistrictSnapshot): EncodedDistrictSnapshot {
  return {
    snapshotDate: snapshot.snapshotDate,
    districtId: snapshot.districtId,
    collectionDate: snapshot.collectionDate,
    json: encodeCompactSnapshot(snapshot),
  };
}

/** `kept-newer`: a snapshot from a newer collection date was already stored and stays. */
export type SaveOutcome = 'written' | 'kept-newer';

export interface DateRange {
  startDate?: string;
  endDate?: string;
}

/**
 * Port for downloaded CSVs (raw layer) and normalised snapshots with their per-date
 * manifest. For one snapshot date, data from a newer collection date always wins.
 */
export abstract class SnapshotStore {
  abstract saveRawReport(report: RawReport): Promise<void>;

  /** Stores several raw reports; drivers may do it in one batch. */
  async saveRawReports(reports: readonly RawReport[]): Promise<void> {
    for (const report of reports) await this.saveRawReport(report);
  }

  abstract getRawReport(
    collectionDate: string,
    kind: ReportKind,
    districtId: string | null,
  ): Promise<RawReport | null>;

  /**
   * The metadata of a stored raw report without its CSV (null when none is stored): what
   * the dashboard answered for a date, cheaply. Drivers read only the metadata.
   */
  async getRawReportMeta(
    collectionDate: string,
    kind: ReportKind,
    districtId: string | null,
  ): Promise<RawReportMeta | null> {
    return (await this.getRawReport(collectionDate, kind, districtId))?.meta ?? null;
  }

  /** Stores atomically (never half visible) and marks the district `ok` in the manifest. */
  abstract saveDistrictSnapshot(snapshot: DistrictSnapshot): Promise<SaveOutcome>;

  /** saveDistrictSnapshot for a serialised snapshot; drivers that store JSON skip the parse. */
  saveEncodedDistrictSnapshot(encoded: EncodedDistrictSnapshot): Promise<SaveOutcome> {
    const snapshot = decodeStoredSnapshotText(encoded.json);
    if (!snapshot) throw new Error('an encoded snapshot that does not decode');
    return this.saveDistrictSnapshot(snapshot);
  }

  /** O(1): one lookup, never a listing. */
  abstract hasDistrictSnapshot(snapshotDate: string, districtId: string): Promise<boolean>;

  /**
   * The collection date of the stored snapshot, or null when there is none. O(1) and cheap
   * (no snapshot body): skip-existing asks it for every cell, because a month-end snapshot
   * from an older collection does not count as existing.
   */
  abstract districtSnapshotCollectionDate(
    snapshotDate: string,
    districtId: string,
  ): Promise<string | null>;

  abstract getDistrictSnapshot(
    snapshotDate: string,
    districtId: string,
  ): Promise<DistrictSnapshot | null>;

  /**
   * The stored document as JSON text, in whichever format it was stored (decode it with
   * `decodeStoredSnapshotText`), or null: for a reader that decodes elsewhere, such as a
   * worker thread, so the event loop never parses it.
   */
  abstract getDistrictSnapshotText(
    snapshotDate: string,
    districtId: string,
  ): Promise<string | null>;

  abstract saveSummary(summary: SnapshotSummary): Promise<SaveOutcome>;

  abstract getSummary(snapshotDate: string): Promise<SnapshotSummary | null>;

  /**
   * Records `failed` or `no-data` for a district. Never downgrades a district that already
   * has a stored snapshot: a failed re-collection leaves good data intact.
   */
  abstract recordManifestStatus(
    snapshotDate: string,
    districtId: string,
    entry: ManifestEntry,
  ): Promise<void>;

  abstract getManifest(snapshotDate: string): Promise<SnapshotManifest | null>;

  /** Snapshot dates with at least one stored district snapshot, ascending. */
  abstract listSnapshotDates(range?: DateRange): Promise<string[]>;

  /** Districts with a stored snapshot on that date, ascending. */
  abstract listDistrictIds(snapshotDate: string): Promise<string[]>;
}
