import type { DistinguishedLevel } from './distinguished-level';
import type { IsoDate, ProgramYear, YearMonth } from '../common/utc-dates';

/**
 * What analytics-generation stores. Every document is a pure function of the stored
 * snapshots: no run timestamps, arrays in a fixed order, so a second run over the same
 * snapshots stores the same bytes.
 */
export const SNAPSHOT_ANALYTICS_SCHEMA_VERSION = 1;

/** Club health per TOASTMASTERS.md section 5; `total` is always the sum of the other three. */
export interface ClubCounts {
  readonly total: number;
  readonly thriving: number;
  readonly vulnerable: number;
  readonly interventionRequired: number;
}

export type DistinguishedCounts = Readonly<Record<DistinguishedLevel | 'total', number>>;

/** The figures of one district on one snapshot date. */
export interface DistrictAnalytics {
  readonly districtId: string;
  readonly programYear: ProgramYear;
  readonly dataMonth: YearMonth;
  /** Provenance of the snapshot the figures come from (not the time of the run). */
  readonly collectionDate: IsoDate;
  readonly isClosingPeriod: boolean;
  /** Sum of `Active Members`. */
  readonly membership: number;
  /** `Oct. Ren.` + `Apr. Ren.` + `New Members`, summed over clubs. */
  readonly payments: number;
  /** Sum of `Goals Met`. */
  readonly dcpGoals: number;
  readonly clubCounts: ClubCounts;
  readonly distinguished: DistinguishedCounts;
  /** The nearest earlier snapshot of this district in the same program year, if any. */
  readonly previousSnapshotDate: IsoDate | null;
  /** `membership` minus the membership of `previousSnapshotDate`; null without one. */
  readonly membershipChange: number | null;
}

/** One Borda category: the district's value, its rank (ties share it) and its points. */
export interface CategoryScore {
  readonly value: number;
  readonly rank: number;
  /** `N - rank + 1`; 0 for everyone when every district has the same value. */
  readonly points: number;
}

export interface DistrictRanking {
  readonly districtId: string;
  /** By `totalPoints`, highest first; districts with equal points share a rank. */
  readonly rank: number;
  readonly totalPoints: number;
  /** `% Club Growth` of the all-districts summary. */
  readonly clubGrowth: CategoryScore;
  /** `% Payment Growth` of the all-districts summary. */
  readonly paymentGrowth: CategoryScore;
  /** Distinguished clubs / active clubs, in percent (0 without active clubs). */
  readonly distinguished: CategoryScore;
}

/** Everything analytics-generation derives from one snapshot date. */
export interface SnapshotAnalytics {
  readonly schemaVersion: typeof SNAPSHOT_ANALYTICS_SCHEMA_VERSION;
  readonly snapshotDate: IsoDate;
  /** Every district with a stored snapshot on this date, ascending by id. */
  readonly districts: readonly DistrictAnalytics[];
  /**
   * Over every district of the all-districts summary, by rank then id; null when no
   * summary is stored for the date.
   */
  readonly ranking: readonly DistrictRanking[] | null;
  /** Collection date of the summary the ranking comes from. */
  readonly summaryCollectionDate: IsoDate | null;
}

/** One date of a district's program-year time series. */
export interface SeriesPoint {
  readonly date: IsoDate;
  /** The snapshot the point was computed from (snapshots are identified by their date). */
  readonly snapshotId: IsoDate;
  readonly membership: number;
  readonly payments: number;
  readonly dcpGoals: number;
  readonly distinguishedTotal: number;
  readonly clubCounts: ClubCounts;
}

export interface MembershipMark {
  readonly date: IsoDate;
  readonly membership: number;
}

export interface SeriesSummary {
  readonly points: number;
  readonly start: MembershipMark;
  readonly end: MembershipMark;
  /** Highest membership; the earliest date wins a tie. */
  readonly peak: MembershipMark;
  /** Lowest membership; the earliest date wins a tie. */
  readonly low: MembershipMark;
  /** `end.membership - start.membership`. */
  readonly change: number;
}

export interface DistrictSeries {
  readonly districtId: string;
  readonly programYear: ProgramYear;
  /** Ascending by date, one per date. */
  readonly points: readonly SeriesPoint[];
  readonly summary: SeriesSummary;
}

/** The measured cost of analytics per snapshot date, kept for preview estimates. */
export interface AnalyticsCostMeasurement {
  readonly secondsPerSnapshot: number;
  /** How many snapshot dates the figure is averaged over (capped, so it follows change). */
  readonly snapshotsMeasured: number;
}
