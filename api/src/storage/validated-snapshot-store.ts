import type { ReportKind } from '../domain/report-kinds';
import type { DistrictSnapshot } from '../domain/district-snapshot';
import { isDistrictId } from '../common/ids';
import { isIsoDate } from '../common/utc-dates';
import {
  DateRange,
  EncodedDistrictSnapshot,
  ManifestEntry,
  RawReport,
  SaveOutcome,
  SnapshotManifest,
  SnapshotStore,
  SnapshotSummary,
} from './snapshot-store';
import { InvalidIdError } from '../domain/storage-errors';

const REPORT_KINDS: readonly string[] = ['summary', 'district', 'division', 'club'];

/** Checks dates, district ids and report kinds before they reach a path or a document. */
export class ValidatedSnapshotStore extends SnapshotStore {
  constructor(private readonly inner: SnapshotStore) {
    super();
  }

  async saveRawReport(report: RawReport): Promise<void> {
    checkRaw(report);
    return this.inner.saveRawReport(report);
  }

  override async saveRawReports(reports: readonly RawReport[]): Promise<void> {
    reports.forEach(checkRaw);
    return this.inner.saveRawReports(reports);
  }

  async getRawReport(collectionDate: string, k: ReportKind, districtId: string | null) {
    date(collectionDate);
    kind(k);
    if (districtId !== null) district(districtId);
    return this.inner.getRawReport(collectionDate, k, districtId);
  }

  override async getRawReportMeta(
    collectionDate: string,
    k: ReportKind,
    districtId: string | null,
  ) {
    date(collectionDate);
    kind(k);
    if (districtId !== null) district(districtId);
    return this.inner.getRawReportMeta(collectionDate, k, districtId);
  }

  async saveDistrictSnapshot(snapshot: DistrictSnapshot): Promise<SaveOutcome> {
    date(snapshot.snapshotDate);
    date(snapshot.collectionDate);
    district(snapshot.districtId);
    return this.inner.saveDistrictSnapshot(snapshot);
  }

  override async saveEncodedDistrictSnapshot(
    encoded: EncodedDistrictSnapshot,
  ): Promise<SaveOutcome> {
    date(encoded.snapshotDate);
    date(encoded.collectionDate);
    district(encoded.districtId);
    return this.inner.saveEncodedDistrictSnapshot(encoded);
  }

  async hasDistrictSnapshot(snapshotDate: string, districtId: string): Promise<boolean> {
    date(snapshotDate);
    district(districtId);
    return this.inner.hasDistrictSnapshot(snapshotDate, districtId);
  }

  async districtSnapshotCollectionDate(snapshotDate: string, districtId: string) {
    date(snapshotDate);
    district(districtId);
    return this.inner.districtSnapshotCollectionDate(snapshotDate, districtId);
  }

  async getDistrictSnapshot(snapshotDate: string, districtId: string) {
    date(snapshotDate);
    district(districtId);
    return this.inner.getDistrictSnapshot(snapshotDate, districtId);
  }

  async getDistrictSnapshotText(snapshotDate: string, districtId: string) {
    date(snapshotDate);
    district(districtId);
    return this.inner.getDistrictSnapshotText(snapshotDate, districtId);
  }

  async saveSummary(summary: SnapshotSummary): Promise<SaveOutcome> {
    date(summary.snapshotDate);
    date(summary.collectionDate);
    return this.inner.saveSummary(summary);
  }

  async getSummary(snapshotDate: string): Promise<SnapshotSummary | null> {
    date(snapshotDate);
    return this.inner.getSummary(snapshotDate);
  }

  async recordManifestStatus(snapshotDate: string, districtId: string, entry: ManifestEntry) {
    date(snapshotDate);
    district(districtId);
    date(entry.collectionDate);
    return this.inner.recordManifestStatus(snapshotDate, districtId, entry);
  }

  async getManifest(snapshotDate: string): Promise<SnapshotManifest | null> {
    date(snapshotDate);
    return this.inner.getManifest(snapshotDate);
  }

  async listSnapshotDates(range?: DateRange): Promise<string[]> {
    if (range?.startDate) date(range.startDate);
    if (range?.endDate) date(range.endDate);
    return this.inner.listSnapshotDates(range);
  }

  async listDistrictIds(snapshotDate: string): Promise<string[]> {
    date(snapshotDate);
    return this.inner.listDistrictIds(snapshotDate);
  }
}

function checkRaw(report: RawReport): void {
  date(report.meta.requestedDate);
  date(report.meta.snapshotDate);
  kind(report.meta.kind);
  if (report.meta.districtId !== null) district(report.meta.districtId);
}

function date(value: string): void {
  if (!isIsoDate(value)) throw new InvalidIdError('date', value);
}

function district(value: string): void {
  if (!isDistrictId(value)) throw new InvalidIdError('district id', value);
}

function kind(value: string): void {
  if (!REPORT_KINDS.includes(value)) throw new InvalidIdError('report kind', value);
}
