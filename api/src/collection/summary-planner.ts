import type { Clock } from '../common/clock';
import type { IsoDate } from '../common/utc-dates';
import type { RawReport, SnapshotStore, SnapshotSummary } from '../storage/snapshot-store';
import type { SnapshotPlacement } from './dashboard/closing-period';
import { resolveSnapshotPlacement } from './dashboard/closing-period';
import type { DashboardClient, FetchedReport } from './dashboard/dashboard-client';
import { parseReport } from './reports/report-parsers';
import type { SummaryRow } from '../domain/summary-row';

/** A date whose summary was read: its districts and where its snapshot belongs. */
export interface ReadDatePlan {
  kind: 'ok' | 'no-data';
  date: IsoDate;
  snapshotDate: IsoDate;
  placement: SnapshotPlacement;
  districts: string[];
}

/** What one date's summary says, or why it could not be read. */
export type DatePlan =
  | ReadDatePlan
  | {
      kind: 'failed';
      date: IsoDate;
      snapshotDate: null;
      districts: [];
      reason: string;
      retryable: boolean;
    };

/**
 * Reads each date's all-districts summary once: from the raw store when it was already
 * downloaded (resume, retry, preview), otherwise from the dashboard, storing it raw and
 * normalised.
 */
export class SummaryPlanner {
  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly client: DashboardClient,
    private readonly clock: Clock,
  ) {}

  /** The plan from a stored summary, or null when none is stored (or it no longer parses). */
  async storedPlan(date: IsoDate): Promise<DatePlan | null> {
    return (await this.storedSummary(date))?.plan ?? null;
  }

  /**
   * A stored raw summary also brings the normalised one up to date when that came from an
   * older collection (an interrupted job, or one that skipped it as existing): the month-end
   * summary must be the last closing day's, like its district snapshots.
   */
  async planDate(date: IsoDate, signal?: AbortSignal): Promise<DatePlan> {
    const stored = await this.storedSummary(date);
    if (stored) {
      if (stored.plan.kind === 'ok') await this.keepSummaryCurrent(stored.plan, stored.rows);
      return stored.plan;
    }
    const result = await this.client.fetchSummary(date, signal);
    if (result.kind === 'failed') return failedPlan(date, result);
    await this.store(date, result);
    return planFrom(date, result.placement, result.parsed.rows);
  }

  private async storedSummary(
    date: IsoDate,
  ): Promise<{ plan: ReadDatePlan; rows: readonly SummaryRow[] } | null> {
    const raw = await this.snapshots.getRawReport(date, 'summary', null);
    if (!raw) return null;
    try {
      const report = parseReport('summary', raw.csv, date);
      const placement = resolveSnapshotPlacement(date, report.footer?.dataMonth ?? null);
      return { plan: planFrom(date, placement, report.parsed.rows), rows: report.parsed.rows };
    } catch {
      return null;
    }
  }

  private async keepSummaryCurrent(plan: ReadDatePlan, rows: readonly SummaryRow[]): Promise<void> {
    const current = await this.snapshots.getSummary(plan.snapshotDate);
    if (current && current.collectionDate >= plan.date) return;
    await this.snapshots.saveSummary(summaryOf(plan.placement, rows));
  }

  /**
   * The plan from the stored summary, else from the dashboard without storing anything: a
   * preview is a dry run and leaves storage as it found it (the job downloads it again).
   */
  async previewPlan(date: IsoDate): Promise<DatePlan> {
    const stored = await this.storedPlan(date);
    if (stored) return stored;
    const result = await this.client.fetchSummary(date);
    if (result.kind === 'failed') return failedPlan(date, result);
    return planFrom(date, result.placement, result.parsed.rows);
  }

  private async store(date: IsoDate, result: FetchedReport<'summary'>): Promise<void> {
    const { placement } = result;
    const raw: RawReport = {
      csv: result.csv,
      meta: {
        kind: 'summary',
        districtId: null,
        url: result.url,
        requestedDate: date,
        dataMonth: result.footer?.dataMonth ?? null,
        programYear: placement.programYear,
        snapshotDate: placement.snapshotDate,
        isClosingPeriod: placement.isClosingPeriod,
        outcome: result.kind,
        rows: result.parsed.rows.length,
        checksum: result.checksum,
        fetchedAt: result.fetchedAt || this.clock.nowIso(),
      },
    };
    await this.snapshots.saveRawReport(raw);
    if (result.kind === 'ok')
      await this.snapshots.saveSummary(summaryOf(placement, result.parsed.rows));
  }
}

function summaryOf(placement: SnapshotPlacement, rows: readonly SummaryRow[]): SnapshotSummary {
  return {
    snapshotDate: placement.snapshotDate,
    collectionDate: placement.collectionDate,
    dataMonth: placement.dataMonth,
    programYear: placement.programYear,
    isClosingPeriod: placement.isClosingPeriod,
    districts: [...rows],
  };
}

function failedPlan(date: IsoDate, failure: { reason: string; retryable: boolean }): DatePlan {
  return {
    kind: 'failed',
    date,
    snapshotDate: null,
    districts: [],
    reason: failure.reason,
    retryable: failure.retryable,
  };
}

function planFrom(
  date: IsoDate,
  placement: SnapshotPlacement,
  rows: readonly SummaryRow[],
): ReadDatePlan {
  return {
    kind: rows.length > 0 ? 'ok' : 'no-data',
    date,
    snapshotDate: placement.snapshotDate,
    placement,
    districts: rows.map((row) => row.districtId),
  };
}
