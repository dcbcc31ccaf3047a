import { addDays, IsoDate, parseIsoDate, toIsoDate } from '../common/utc-dates';
import type { CoverageCell, CoverageGrid, SummaryCoverage } from '../domain/coverage';
import { compareDistrictIds } from '../domain/district-order';
import type { ManifestEntry, RawReportMeta } from '../storage/snapshot-store';

/** What storage holds for one date: three reads, whatever the number of districts. */
export interface StoredDate {
  readonly date: IsoDate;
  /** The raw summary's metadata: what the dashboard answered when asked for this date. */
  readonly summaryMeta: Pick<RawReportMeta, 'snapshotDate' | 'outcome'> | null;
  /** The normalised summary stored under this snapshot date. */
  readonly summary: {
    readonly collectionDate: IsoDate;
    readonly districts: readonly string[];
  } | null;
  /** The manifest of this snapshot date, by district. */
  readonly manifest: Readonly<Record<string, ManifestEntry>> | null;
}

/** The month end before `date`'s month: where a closing day of `date` would land. */
export function previousMonthEnd(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return addDays(toIsoDate(year, month, 1), -1);
}

/**
 * The districts a grid shows when none are asked for: every district that a stored
 * summary lists or a manifest names on any date of the range, so a district the dashboard
 * lists but nothing was collected for shows as missing.
 */
export function districtsOf(stored: readonly StoredDate[]): string[] {
  const ids = new Set<string>();
  for (const { summary, manifest } of stored) {
    for (const id of summary?.districts ?? []) ids.add(id);
    for (const id of Object.keys(manifest ?? {})) ids.add(id);
  }
  return [...ids].sort(compareDistrictIds);
}

/**
 * The coverage of consecutive dates. A date is a closing day (`superseded`) when its raw
 * summary says its data lands on an earlier snapshot date; when that raw summary is not
 * stored (the day was never asked for), when the previous month end's summary was
 * collected on this date or later, since a closing period is one unbroken run of days
 * after the month end. `monthEndCollections` gives those month ends' summary collection
 * dates, including the one before the range.
 */
export function buildCoverageGrid(
  stored: readonly StoredDate[],
  monthEndCollections: ReadonlyMap<IsoDate, IsoDate>,
  districts: readonly string[],
): CoverageGrid {
  const summaries = stored.map((day) => summaryCoverage(day, monthEndCollections));
  const listed = stored.map((day) => (day.summary ? new Set(day.summary.districts) : null));
  const cells = districts.map((district) =>
    stored.map((day, i) => cellCoverage(day, summaries[i], listed[i], district)),
  );
  return { dates: stored.map((d) => d.date), districts, cells, summaries };
}

function summaryCoverage(
  day: StoredDate,
  monthEndCollections: ReadonlyMap<IsoDate, IsoDate>,
): SummaryCoverage {
  const { date, summaryMeta, summary, manifest } = day;
  if (summaryMeta?.outcome === 'ok' && summaryMeta.snapshotDate < date) {
    return { state: 'superseded', snapshotDate: summaryMeta.snapshotDate };
  }
  const monthEnd = previousMonthEnd(date);
  const monthEndCollected = monthEndCollections.get(monthEnd);
  const nothingOfItsOwn = !summaryMeta && !summary && Object.keys(manifest ?? {}).length === 0;
  if (nothingOfItsOwn && monthEndCollected !== undefined && monthEndCollected >= date) {
    return { state: 'superseded', snapshotDate: monthEnd };
  }
  if (summary) return { state: 'ok', collectionDate: summary.collectionDate };
  if (summaryMeta?.outcome === 'no-data') return { state: 'no-data' };
  return { state: 'missing' };
}

/**
 * A manifest entry decides; without one, a date the dashboard had no data for, or whose
 * stored summary does not list the district (it did not exist that day), is `no-data`.
 */
function cellCoverage(
  day: StoredDate,
  summary: SummaryCoverage,
  listed: ReadonlySet<string> | null,
  district: string,
): CoverageCell {
  if (summary.state === 'superseded') return { state: 'superseded' };
  const entry = day.manifest?.[district];
  if (entry) {
    switch (entry.status) {
      case 'ok':
        return { state: 'ok', collectionDate: entry.collectionDate };
      case 'failed':
        return {
          state: 'failed',
          collectionDate: entry.collectionDate,
          reason: entry.reason ?? 'no reason recorded',
        };
      case 'no-data':
        return { state: 'no-data' };
    }
  }
  if (summary.state === 'no-data') return { state: 'no-data' };
  if (listed && !listed.has(district)) return { state: 'no-data' };
  return { state: 'missing' };
}
