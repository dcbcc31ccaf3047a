import type { IsoDate } from '../common/utc-dates';
import type { ClosingDaysMode } from '../domain/job.model';
import { cellsOf, supersededCells } from './closing-days';
import { isAtLeastAsNew } from './snapshot/district-collector';
import type { DatePlan } from './summary-planner';

/** What a preview can say of a range, by the rules the job applies. */
export interface PreviewCounts {
  totalItems: number;
  /** Cells a later closing day of the range replaces (closingDays `last`). */
  superseded: number;
  /** Cells whose stored snapshot is already from this collection date or a newer one. */
  skippedExisting: number;
  /** Cells of dates whose summary says the dashboard has no data: nothing is downloaded. */
  noData: number;
  /** Cells of dates whose summary is not stored: counted as downloads, so at most. */
  unclassifiedItems: number;
  unclassifiedDates: number;
  /** Cells whose three reports would be downloaded (at most, while any are unclassified). */
  downloads: number;
  /** Summary requests for the unclassified dates. */
  summaryRequests: number;
}

export interface PreviewInput {
  dates: readonly IsoDate[];
  /** Per date, its stored summary's plan, or null when it is not stored. */
  stored: readonly (DatePlan | null)[];
  /** targetDistricts, or for a job without targets the districts assumed for unstored dates. */
  targetDistricts: readonly string[] | undefined;
  assumedDistricts: readonly string[];
  skipExisting: boolean;
  closingDays: ClosingDaysMode;
  /** The stored snapshot's collection date of a cell (one O(1) lookup). */
  storedCollectionDate(snapshotDate: IsoDate, district: string): Promise<IsoDate | null>;
  /** At most how many requests the job's client spends on a date's summary. */
  summaryRequestsAtMost(date: IsoDate): number;
}

/**
 * Counts a range's cells as the job would treat them: superseded closing days first, then
 * skip-existing by collection date, both decided from stored summaries only. A date whose
 * summary is not stored cannot be classified (its districts and data month are unknown), so
 * its cells count as downloads and every figure that depends on them is an upper bound.
 */
export async function countPreview(input: PreviewInput): Promise<PreviewCounts> {
  const counts: PreviewCounts = {
    totalItems: 0,
    superseded: 0,
    skippedExisting: 0,
    noData: 0,
    unclassifiedItems: 0,
    unclassifiedDates: 0,
    downloads: 0,
    summaryRequests: 0,
  };
  const superseded =
    input.closingDays === 'last'
      ? supersededCells(cellsOf(input.stored, input.targetDistricts))
      : new Map<string, IsoDate>();
  for (const [i, date] of input.dates.entries()) {
    const plan = input.stored[i];
    if (!plan || plan.kind === 'failed') {
      const cells = (input.targetDistricts ?? input.assumedDistricts).length;
      counts.totalItems += cells;
      counts.unclassifiedItems += cells;
      counts.unclassifiedDates++;
      counts.downloads += cells;
      counts.summaryRequests += input.summaryRequestsAtMost(date);
      continue;
    }
    const cells = input.targetDistricts ?? plan.districts;
    counts.totalItems += cells.length;
    if (plan.kind === 'no-data') {
      counts.noData += cells.length;
      continue;
    }
    const candidates = cells.filter((district) => !superseded.has(`${date}/${district}`));
    counts.superseded += cells.length - candidates.length;
    const current = input.skipExisting
      ? await Promise.all(
          candidates.map(async (district) =>
            isAtLeastAsNew(await input.storedCollectionDate(plan.snapshotDate, district), date),
          ),
        )
      : [];
    const existing = current.filter(Boolean).length;
    counts.skippedExisting += existing;
    counts.downloads += candidates.length - existing;
  }
  return counts;
}
