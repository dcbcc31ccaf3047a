import { ItemFailure, ItemResult } from '../jobs/job-handler';
import type { AnalyticsStore } from '../storage/analytics-store';
import type { SnapshotStore, SnapshotSummary } from '../storage/snapshot-store';
import type { DistrictFigures } from './district-figures';
import {
  DistrictFiguresProcessor,
  InThreadDistrictFiguresProcessor,
} from './district-figures-processor';
import {
  DistrictAnalytics,
  SNAPSHOT_ANALYTICS_SCHEMA_VERSION,
  SnapshotAnalytics,
} from '../domain/analytics.model';
import { bordaRanking, rankingInputOf } from './borda-ranking';
import { membershipOf, seriesPointOf } from './district-metrics';
import { programYearOfDate } from '../domain/program-year';
import { districtSnapshotProblems, summaryProblems } from './snapshot-validation';

/** Series files written at once per item: enough to overlap fsyncs, few enough to be polite. */
const PARALLEL_POINT_WRITES = 8;
const MAX_REASONS = 5;

type MeasuredDistrict = Extract<DistrictFigures, { snapshot: unknown }>;

interface DateFigures {
  readonly districtIds: readonly string[];
  readonly figures: readonly DistrictFigures[];
  readonly summary: SnapshotSummary | null;
}

interface PreviousMembership {
  readonly date: string;
  readonly membership: number;
}

/**
 * Computes and stores the analytics of one snapshot date at a time. Everything it
 * computes is a function of the stored snapshots only, so items can run in any order,
 * be redone on resume, or cover a partial range, and still store the same bytes.
 *
 * Membership change needs the previous snapshot of the same program year. It is looked up
 * in the snapshot store (the nearest earlier date with a usable snapshot of this district),
 * never taken from whatever this run happened to process before. The one exception is a
 * cache of the date processed just before, whose memberships were computed from those very
 * documents: in a date-ordered run it saves re-reading every previous snapshot.
 */
export class SnapshotAnalyticsGenerator {
  private previousDate: { date: string; memberships: ReadonlyMap<string, number> } | null = null;
  /** The read of the date expected next, started while the current one computes and writes. */
  private readAhead: { date: string; read: Promise<DateFigures> } | null = null;

  /** `storedDates`: every stored snapshot date, ascending, whatever the job's range. */
  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly analytics: AnalyticsStore,
    private readonly storedDates: readonly string[],
    private readonly processor: DistrictFiguresProcessor = new InThreadDistrictFiguresProcessor(),
  ) {}

  /**
   * `inputFingerprint` is stored with the date's document (see analytics-inputs.ts).
   * `nextDate`, when known, is read (and decoded in the processor) while this date's
   * results are written: a run's disk waits and a worker's CPU overlap.
   */
  async generate(
    date: string,
    signal?: AbortSignal,
    inputFingerprint?: string,
    nextDate?: string,
  ): Promise<ItemResult> {
    const ahead = this.readAhead;
    this.readAhead = null;
    const read = ahead?.date === date ? ahead.read : this.readDate(date);
    const { districtIds, figures: all, summary } = await read;
    signal?.throwIfAborted();
    if (nextDate) {
      const next = this.readDate(nextDate);
      // Its failure belongs to its own item, which awaits it; never unhandled here.
      next.catch(() => undefined);
      this.readAhead = { date: nextDate, read: next };
    }
    if (districtIds.length === 0) {
      return { outcome: 'skipped', reason: 'no district snapshot is stored for this date' };
    }
    const problems: string[] = [];
    const figures: MeasuredDistrict[] = [];
    for (const entry of all) {
      if ('snapshot' in entry) figures.push(entry);
      else problems.push(`district ${entry.districtId}: ${entry.problems.join('; ')}`);
    }
    if (summary) {
      const found = summaryProblems(summary, date);
      if (found.length > 0) problems.push(found.join('; '));
    }
    if (problems.length > 0) throw invalid(date, problems);

    const districts: DistrictAnalytics[] = [];
    for (const { snapshot, metrics } of figures) {
      signal?.throwIfAborted();
      const previous = await this.previousMembership(date, snapshot.districtId);
      districts.push({
        districtId: snapshot.districtId,
        programYear: snapshot.programYear,
        dataMonth: snapshot.dataMonth,
        collectionDate: snapshot.collectionDate,
        isClosingPeriod: snapshot.isClosingPeriod,
        ...metrics,
        previousSnapshotDate: previous?.date ?? null,
        membershipChange: previous ? metrics.membership - previous.membership : null,
      });
    }
    const document: SnapshotAnalytics = {
      schemaVersion: SNAPSHOT_ANALYTICS_SCHEMA_VERSION,
      snapshotDate: date,
      districts,
      ranking: summary ? bordaRanking(summary.districts.map(rankingInputOf)) : null,
      summaryCollectionDate: summary?.collectionDate ?? null,
    };

    // Points first, the date's document last: once the document is visible, so is every
    // point it implies. A crash in between leaves the item unfinished, and redoing it
    // writes the same bytes.
    for (let i = 0; i < districts.length; i += PARALLEL_POINT_WRITES) {
      signal?.throwIfAborted();
      await Promise.all(
        districts
          .slice(i, i + PARALLEL_POINT_WRITES)
          .map((district, j) =>
            this.analytics.upsertSeriesPoint(
              district.districtId,
              district.programYear,
              seriesPointOf(date, figures[i + j].metrics),
            ),
          ),
      );
    }
    await this.analytics.saveSnapshotAnalytics(document, inputFingerprint);
    this.previousDate = {
      date,
      memberships: new Map(districts.map((d) => [d.districtId, d.membership])),
    };
    return summary
      ? { outcome: 'done' }
      : { outcome: 'done', reason: 'no all-districts summary is stored: ranking left empty' };
  }

  /** One date's district snapshots, decoded and measured by the processor, and its summary. */
  private async readDate(date: string): Promise<DateFigures> {
    const districtIds = await this.snapshots.listDistrictIds(date);
    const [texts, summary] = await Promise.all([
      Promise.all(
        districtIds.map(async (districtId) => ({
          districtId,
          text: await this.snapshots.getDistrictSnapshotText(date, districtId),
        })),
      ),
      this.snapshots.getSummary(date),
    ]);
    const figures = texts.length > 0 ? await this.processor.figures(date, texts) : [];
    return { districtIds, figures, summary };
  }

  private async previousMembership(
    date: string,
    districtId: string,
  ): Promise<PreviousMembership | null> {
    const programYear = programYearOfDate(date);
    for (let i = lastIndexBefore(this.storedDates, date); i >= 0; i--) {
      const candidate = this.storedDates[i];
      if (programYearOfDate(candidate) !== programYear) return null;
      if (this.previousDate?.date === candidate) {
        const membership = this.previousDate.memberships.get(districtId);
        if (membership !== undefined) return { date: candidate, membership };
        continue;
      }
      if (!(await this.snapshots.hasDistrictSnapshot(candidate, districtId))) continue;
      const snapshot = await this.snapshots.getDistrictSnapshot(candidate, districtId);
      // An unusable earlier snapshot fails its own item; this one compares with the
      // nearest usable one instead, and says which in previousSnapshotDate.
      if (!snapshot || districtSnapshotProblems(snapshot, candidate, districtId).length > 0) {
        continue;
      }
      return { date: candidate, membership: membershipOf(snapshot) };
    }
    return null;
  }
}

function invalid(date: string, problems: readonly string[]): ItemFailure {
  const more = problems.length > MAX_REASONS ? ` (and ${problems.length - MAX_REASONS} more)` : '';
  return new ItemFailure(
    `stored data for ${date} failed validation: ${problems.slice(0, MAX_REASONS).join(' | ')}${more}`,
    false,
  );
}

/** Index of the last date strictly before `date` in an ascending list; -1 when none. */
function lastIndexBefore(dates: readonly string[], date: string): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (dates[mid] < date) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
