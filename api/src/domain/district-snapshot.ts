import type { IsoDate, ProgramYear, YearMonth } from '../common/utc-dates';
import type { DistinguishedLevel } from './distinguished-level';

// The stored snapshot's shape. It sits in the domain, below storage, so the snapshot port and
// its drivers need not import the builder and the report parsers in collection/.

/**
 * The DCP counters of a club. Each is null when the export lacks the column: the names are
 * those of the Pathways era, and older program years used other ones.
 */
export interface DcpCounters {
  readonly level1s: number | null;
  readonly level2s: number | null;
  readonly addLevel2s: number | null;
  readonly level3s: number | null;
  readonly level4sPathsOrDtm: number | null;
  readonly addLevel4sPathsOrDtm: number | null;
  readonly newMembers: number | null;
  readonly addNewMembers: number | null;
  readonly officersTrainedRound1: number | null;
  readonly officersTrainedRound2: number | null;
  readonly duesOnTimeOct: number | null;
  readonly duesOnTimeApr: number | null;
  readonly officerListOnTime: number | null;
}

export type CharterOrSuspendKind = 'charter' | 'suspended';

export interface CharterOrSuspend {
  readonly kind: CharterOrSuspendKind;
  readonly date: IsoDate;
}

export const DISTRICT_SNAPSHOT_SCHEMA_VERSION = 1;

/**
 * One club, joined from the three per-district reports by normalised club number. A club
 * missing from a report keeps null in the fields that report supplies (see `sources`).
 */
export interface SnapshotClub {
  readonly clubNumber: string;
  readonly name: string | null;
  readonly division: string | null;
  readonly area: string | null;
  readonly activeMembers: number | null;
  readonly membershipBase: number | null;
  /** `activeMembers - membershipBase`. */
  readonly netGrowth: number | null;
  readonly goalsMet: number | null;
  readonly status: string | null;
  /** `Club Distinguished Status` as written by the dashboard. */
  readonly distinguishedStatus: string | null;
  /** Computed from goals and membership; see distinguishedLevelOf. */
  readonly distinguishedLevel: DistinguishedLevel | null;
  readonly dcp: DcpCounters | null;
  readonly csp: boolean | null;
  readonly octRenewals: number | null;
  readonly aprRenewals: number | null;
  /** New-member payments from the district performance report. */
  readonly newMembers: number | null;
  readonly totalToDate: number | null;
  /** `octRenewals + aprRenewals + newMembers`. */
  readonly payments: number | null;
  readonly charterOrSuspend: CharterOrSuspend | null;
  readonly novVisitAward: boolean | null;
  readonly mayVisitAward: boolean | null;
  readonly sources: {
    readonly clubPerformance: boolean;
    readonly districtPerformance: boolean;
    readonly divisionPerformance: boolean;
  };
}

export interface ClubAggregate {
  readonly clubs: number;
  readonly activeMembers: number;
  readonly goalsMet: number;
  readonly distinguishedClubs: number;
}

export interface SnapshotDivision extends ClubAggregate {
  readonly division: string;
  /** `Division Club Base`; null when no club of the division is in the division report. */
  readonly clubBase: number | null;
}

export interface SnapshotArea extends ClubAggregate {
  readonly division: string;
  readonly area: string;
  /** `Area Club Base`; null when no club of the area is in the division report. */
  readonly clubBase: number | null;
  readonly novVisitAwards: number;
  readonly mayVisitAwards: number;
}

export interface SnapshotTotals {
  readonly clubs: number;
  /** Sum of `Active Members`. */
  readonly membership: number;
  readonly membershipBase: number;
  /** `Oct. Ren.` + `Apr. Ren.` + `New Members`, summed over clubs. */
  readonly payments: number;
  readonly octRenewals: number;
  readonly aprRenewals: number;
  readonly newMembers: number;
  readonly totalToDate: number;
  /** Sum of `Goals Met`. */
  readonly dcpGoals: number;
  readonly distinguished: Readonly<Record<DistinguishedLevel | 'total', number>>;
}

export interface DistrictSnapshot {
  readonly schemaVersion: typeof DISTRICT_SNAPSHOT_SCHEMA_VERSION;
  readonly snapshotDate: IsoDate;
  readonly districtId: string;
  readonly programYear: ProgramYear;
  readonly dataMonth: YearMonth;
  readonly collectionDate: IsoDate;
  readonly isClosingPeriod: boolean;
  /** Sorted by club number. */
  readonly clubs: readonly SnapshotClub[];
  /** Sorted by division. Clubs without a division are in no division or area row. */
  readonly divisions: readonly SnapshotDivision[];
  /** Sorted by division, then area. */
  readonly areas: readonly SnapshotArea[];
  readonly totals: SnapshotTotals;
  /** Club numbers that one report lists but another does not, for inspection. */
  readonly coverage: {
    readonly missingFromClubPerformance: readonly string[];
    readonly missingFromDistrictPerformance: readonly string[];
    readonly missingFromDivisionPerformance: readonly string[];
  };
}
