import type { Clock } from '../common/clock';
import type { IsoDate } from '../common/utc-dates';
import { ItemFailure, ItemResult } from '../jobs/job-handler';
import type { RawReport, SnapshotStore } from '../storage/snapshot-store';
import type { DashboardClient, FetchedReport } from './dashboard-client';
import type { ReportKind } from './dashboard-urls';
import { buildDistrictSnapshot } from './district-snapshot';
import type { DatePlan } from './summary-planner';

type DistrictReportKind = Exclude<ReportKind, 'summary'>;
const DISTRICT_REPORTS: readonly DistrictReportKind[] = ['club', 'district', 'division'];

/**
 * Collects one (date, district) cell: decides skip-existing after the closing-period
 * remap, downloads the three district reports, and stores the raw CSVs and then the
 * normalised snapshot. Any failure fails only this item, with a reason.
 */
export class DistrictCollector {
  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly client: DashboardClient,
    private readonly clock: Clock,
  ) {}

  async collect(
    date: IsoDate,
    district: string,
    plan: DatePlan,
    skipExisting: boolean,
    signal: AbortSignal,
  ): Promise<ItemResult> {
    if (plan.kind === 'no-data') {
      await this.mark(
        plan.snapshotDate,
        district,
        date,
        'no-data',
        'the summary has no data for this date',
      );
      return { outcome: 'skipped', reason: 'no-data' };
    }
    if (skipExisting && plan.snapshotDate && (await this.exists(plan.snapshotDate, district))) {
      return { outcome: 'skipped', reason: 'exists' };
    }
    const reports: FetchedReport<DistrictReportKind>[] = [];
    let attempts = 0;
    for (const kind of DISTRICT_REPORTS) {
      const result = await this.client.fetchReport(kind, date, district, signal);
      attempts += result.attempts;
      if (result.kind === 'failed') {
        const reason = `${kind} report: ${result.reason}`;
        await this.mark(plan.snapshotDate ?? date, district, date, 'failed', reason);
        throw new ItemFailure(reason, result.retryable, attempts);
      }
      reports.push(result);
    }
    const [club, districtReport, division] = reports as [
      FetchedReport<'club'>,
      FetchedReport<'district'>,
      FetchedReport<'division'>,
    ];
    const snapshotDate = club.placement.snapshotDate;
    if (reports.every((r) => r.kind === 'no-data')) {
      await this.mark(snapshotDate, district, date, 'no-data', 'the district reports have no rows');
      return { outcome: 'skipped', reason: 'no-data', attempts };
    }
    if (!plan.snapshotDate && skipExisting && (await this.exists(snapshotDate, district))) {
      return { outcome: 'skipped', reason: 'exists', attempts };
    }
    const built = buildDistrictSnapshot({
      districtId: district,
      club: { placement: club.placement, rows: club.parsed.rows },
      district: { placement: districtReport.placement, rows: districtReport.parsed.rows },
      division: { placement: division.placement, rows: division.parsed.rows },
    });
    if (built.kind === 'inconsistent') {
      await this.mark(snapshotDate, district, date, 'failed', built.reason);
      throw new ItemFailure(built.reason, true, attempts);
    }
    await this.snapshots.saveRawReports(reports.map((report) => toRaw(report, date, district)));
    const saved = await this.snapshots.saveDistrictSnapshot(built.snapshot);
    return saved === 'written'
      ? { outcome: 'done', attempts }
      : { outcome: 'done', reason: 'kept-newer', attempts };
  }

  private exists(snapshotDate: IsoDate, district: string): Promise<boolean> {
    return this.snapshots.hasDistrictSnapshot(snapshotDate, district);
  }

  private mark(
    snapshotDate: IsoDate,
    district: string,
    collectionDate: IsoDate,
    status: 'failed' | 'no-data',
    reason: string,
  ): Promise<void> {
    return this.snapshots.recordManifestStatus(snapshotDate, district, {
      status,
      collectionDate,
      updatedAt: this.clock.nowIso(),
      reason,
    });
  }
}

function toRaw(
  report: FetchedReport<DistrictReportKind>,
  date: IsoDate,
  district: string,
): RawReport {
  return {
    csv: report.csv,
    meta: {
      kind: report.report,
      districtId: district,
      url: report.url,
      requestedDate: date,
      dataMonth: report.footer?.dataMonth ?? null,
      programYear: report.placement.programYear,
      snapshotDate: report.placement.snapshotDate,
      isClosingPeriod: report.placement.isClosingPeriod,
      outcome: report.kind,
      rows: report.parsed.rows.length,
      checksum: report.checksum,
      fetchedAt: report.fetchedAt,
    },
  };
}
