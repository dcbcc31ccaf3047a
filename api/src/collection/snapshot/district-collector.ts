import type { Clock } from '../../common/clock';
import type { IsoDate } from '../../common/utc-dates';
import { ItemFailure, ItemResult } from '../../jobs/job-handler';
import type { SnapshotStore } from '../../storage/snapshot-store';
import { errorMessage } from '../../common/error-message';
import type { DashboardClient } from '../dashboard/dashboard-client';
import {
  DISTRICT_REPORTS,
  DistrictAssembly,
  DistrictReportKind,
  DownloadedBody,
} from './district-assembly';
import type { ReportProcessor } from '../reports/report-processor';
import type { DatePlan } from '../summary-planner';

/** A stored collection date counts as existing for `collectionDate` when it is not older. */
export function isAtLeastAsNew(stored: IsoDate | null, collectionDate: IsoDate): boolean {
  return stored !== null && stored >= collectionDate;
}

/**
 * Collects one (date, district) cell: decides skip-existing after the closing-period
 * remap, downloads the three district reports, has the processor read them and build the
 * snapshot (off the event loop), and stores the raw CSVs and then the snapshot. Any
 * failure fails only this item, with a reason.
 */
export class DistrictCollector {
  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly client: DashboardClient,
    private readonly processor: ReportProcessor,
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
    if (
      skipExisting &&
      plan.snapshotDate &&
      (await this.isCurrent(plan.snapshotDate, district, date))
    ) {
      return { outcome: 'skipped', reason: 'exists' };
    }
    // Downloaded one after another (never more than one request per item in flight), and
    // read only once all three are in: a body we cannot read costs at most two requests.
    // Asked for the month the date's summary came from, so closing data is found the same
    // way for the summary and for each district (the date's own month if its summary failed).
    const dataMonth = plan.kind === 'failed' ? undefined : plan.placement.dataMonth;
    const reports = {} as Record<DistrictReportKind, DownloadedBody>;
    let attempts = 0;
    for (const kind of DISTRICT_REPORTS) {
      const result = await this.client.downloadReport(kind, date, district, signal, dataMonth);
      attempts += result.attempts;
      if (result.kind === 'failed') {
        return this.fail(plan.snapshotDate ?? date, district, date, {
          reason: `${kind} report: ${result.reason}`,
          retryable: result.retryable,
          attempts,
        });
      }
      reports[kind] = result;
    }
    let assembly: DistrictAssembly;
    try {
      assembly = await this.processor.assembleDistrict({
        districtId: district,
        requestedDate: date,
        reports,
      });
    } catch (error) {
      // Our processor's trouble (a worker that died), not the dashboard's: worth a retry.
      return this.fail(plan.snapshotDate ?? date, district, date, {
        reason: `could not process the reports: ${errorMessage(error)}`,
        retryable: true,
        attempts,
      });
    }
    if (assembly.kind === 'refused') {
      return this.fail(plan.snapshotDate ?? date, district, date, {
        reason: `${assembly.report} report: ${assembly.reason}`,
        retryable: false,
        attempts,
      });
    }
    const { snapshotDate } = assembly;
    if (assembly.kind === 'no-data') {
      await this.mark(snapshotDate, district, date, 'no-data', 'the district reports have no rows');
      return { outcome: 'skipped', reason: 'no-data', attempts };
    }
    if (
      !plan.snapshotDate &&
      skipExisting &&
      (await this.isCurrent(snapshotDate, district, date))
    ) {
      return { outcome: 'skipped', reason: 'exists', attempts };
    }
    if (assembly.kind === 'inconsistent') {
      return this.fail(snapshotDate, district, date, {
        reason: assembly.reason,
        retryable: true,
        attempts,
      });
    }
    await this.snapshots.saveRawReports(assembly.raws);
    const saved = await this.snapshots.saveEncodedDistrictSnapshot(assembly.snapshot);
    return saved === 'written'
      ? { outcome: 'done', attempts, touched: snapshotDate }
      : { outcome: 'done', reason: 'kept-newer', attempts };
  }

  /** Records the failure in the manifest, then fails the item with the same reason. */
  private async fail(
    snapshotDate: IsoDate,
    district: string,
    collectionDate: IsoDate,
    failure: { reason: string; retryable: boolean; attempts: number },
  ): Promise<never> {
    await this.mark(snapshotDate, district, collectionDate, 'failed', failure.reason);
    throw new ItemFailure(failure.reason, failure.retryable, failure.attempts);
  }

  /**
   * Whether the stored snapshot is at least as fresh as this collection would make it. A
   * month-end snapshot from an older closing day does not count: closing figures keep
   * changing until the closing period ends.
   */
  private async isCurrent(
    snapshotDate: IsoDate,
    district: string,
    collectionDate: IsoDate,
  ): Promise<boolean> {
    const stored = await this.snapshots.districtSnapshotCollectionDate(snapshotDate, district);
    return isAtLeastAsNew(stored, collectionDate);
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
