import type { IsoDate } from '../common/utc-dates';

// What is stored for every date x district of a range, as the coverage endpoint reports it.

/** The stored state of one (date, district) cell. */
export type CoverageState = 'ok' | 'no-data' | 'failed' | 'superseded' | 'missing';

export const COVERAGE_STATES: readonly CoverageState[] = [
  'ok',
  'no-data',
  'failed',
  'superseded',
  'missing',
];

/** One letter per state on the wire: a district's row is one string of these. */
export const COVERAGE_SYMBOLS: Readonly<Record<CoverageState, string>> = {
  ok: 'o',
  'no-data': 'n',
  failed: 'f',
  superseded: 's',
  missing: 'm',
};

/**
 * One cell. `ok` and `failed` carry the collection date of the stored entry (a month end's
 * is usually a later closing day); `failed` carries the manifest's reason. A superseded
 * cell's data lives on its date's month end, which the date's summary cell names.
 */
export type CoverageCell =
  | { readonly state: 'ok'; readonly collectionDate: IsoDate }
  | { readonly state: 'failed'; readonly collectionDate: IsoDate; readonly reason: string }
  | { readonly state: 'no-data' | 'superseded' | 'missing' };

/**
 * What the all-districts summary of a date says. `superseded`: a closing day, whose data
 * (summary and district snapshots) lives on `snapshotDate`, the month end.
 */
export type SummaryCoverage =
  | { readonly state: 'ok'; readonly collectionDate: IsoDate }
  | { readonly state: 'superseded'; readonly snapshotDate: IsoDate }
  | { readonly state: 'no-data' | 'missing' };

/**
 * Every date of `dates` (consecutive, ascending) x every district. Invariant: a date's
 * cells are all `superseded` exactly when its summary is.
 */
export interface CoverageGrid {
  readonly dates: readonly IsoDate[];
  readonly districts: readonly string[];
  /** `cells[d][i]`: district `districts[d]` on `dates[i]`. */
  readonly cells: readonly (readonly CoverageCell[])[];
  /** `summaries[i]`: the summary of `dates[i]`. */
  readonly summaries: readonly SummaryCoverage[];
}

export type CoverageCounts = Record<CoverageState, number>;
