import {
  DISTRICT_SNAPSHOT_SCHEMA_VERSION,
  type ClubAggregate,
  type DistrictSnapshot,
  type SnapshotArea,
  type SnapshotClub,
  type SnapshotDivision,
  type SnapshotTotals,
} from '../../domain/district-snapshot';
import { SnapshotPlacement } from '../dashboard/closing-period';
import { ClubPerformanceRow } from '../reports/club-performance-report';
import { DistrictPerformanceRow } from '../reports/district-performance-report';
import {
  DISTINGUISHED_LEVELS,
  DistinguishedLevel,
  distinguishedLevelOf,
} from '../../domain/distinguished-level';
import { DivisionPerformanceRow } from '../reports/division-performance-report';

export interface PlacedRows<Row> {
  readonly placement: SnapshotPlacement;
  readonly rows: readonly Row[];
}

export interface DistrictSnapshotInput {
  readonly districtId: string;
  readonly club: PlacedRows<ClubPerformanceRow>;
  readonly district: PlacedRows<DistrictPerformanceRow>;
  readonly division: PlacedRows<DivisionPerformanceRow>;
}

export type DistrictSnapshotResult =
  | { readonly kind: 'built'; readonly snapshot: DistrictSnapshot }
  | { readonly kind: 'inconsistent'; readonly reason: string };

/**
 * Joins the three per-district reports. They are downloaded one after another, so a month
 * can close in between: reports placed on different snapshots are not joined ('inconsistent',
 * worth collecting again) rather than mixing two months in one document.
 */
export function buildDistrictSnapshot(input: DistrictSnapshotInput): DistrictSnapshotResult {
  const placement = input.club.placement;
  for (const [name, other] of [
    ['district', input.district.placement],
    ['division', input.division.placement],
  ] as const) {
    if (
      other.snapshotDate !== placement.snapshotDate ||
      other.dataMonth !== placement.dataMonth ||
      other.collectionDate !== placement.collectionDate
    ) {
      return {
        kind: 'inconsistent',
        reason:
          `the ${name} report is for ${other.dataMonth} (snapshot ${other.snapshotDate}) but the ` +
          `club report is for ${placement.dataMonth} (snapshot ${placement.snapshotDate})`,
      };
    }
  }

  const clubRows = byClubNumber(input.club.rows);
  const districtRows = byClubNumber(input.district.rows);
  const divisionRows = byClubNumber(input.division.rows);
  const clubNumbers = [
    ...new Set([...clubRows.keys(), ...districtRows.keys(), ...divisionRows.keys()]),
  ].sort(compareClubNumbers);
  const clubs = clubNumbers.map((clubNumber) =>
    joinClub(
      clubNumber,
      clubRows.get(clubNumber),
      districtRows.get(clubNumber),
      divisionRows.get(clubNumber),
    ),
  );
  const missing = (rows: Map<string, unknown>): string[] =>
    clubNumbers.filter((clubNumber) => !rows.has(clubNumber));

  return {
    kind: 'built',
    snapshot: {
      schemaVersion: DISTRICT_SNAPSHOT_SCHEMA_VERSION,
      snapshotDate: placement.snapshotDate,
      districtId: input.districtId,
      programYear: placement.programYear,
      dataMonth: placement.dataMonth,
      collectionDate: placement.collectionDate,
      isClosingPeriod: placement.isClosingPeriod,
      clubs,
      divisions: summariseDivisions(clubs, divisionRows),
      areas: summariseAreas(clubs, divisionRows),
      totals: totalsOf(clubs),
      coverage: {
        missingFromClubPerformance: missing(clubRows),
        missingFromDistrictPerformance: missing(districtRows),
        missingFromDivisionPerformance: missing(divisionRows),
      },
    },
  };
}

function joinClub(
  clubNumber: string,
  club: ClubPerformanceRow | undefined,
  district: DistrictPerformanceRow | undefined,
  division: DivisionPerformanceRow | undefined,
): SnapshotClub {
  return {
    clubNumber,
    name: club?.clubName ?? null,
    division: club?.division ?? division?.division ?? null,
    area: club?.area ?? division?.area ?? null,
    activeMembers: club?.activeMembers ?? null,
    membershipBase: club?.membershipBase ?? null,
    netGrowth: club ? club.activeMembers - club.membershipBase : null,
    goalsMet: club?.goalsMet ?? null,
    status: club?.clubStatus ?? null,
    distinguishedStatus: club?.distinguishedStatus ?? null,
    distinguishedLevel: club
      ? distinguishedLevelOf(club.goalsMet, club.activeMembers, club.membershipBase)
      : null,
    dcp: club?.dcp ?? null,
    csp: club?.csp ?? null,
    octRenewals: district?.octRenewals ?? null,
    aprRenewals: district?.aprRenewals ?? null,
    newMembers: district?.newMembers ?? null,
    totalToDate: district?.totalToDate ?? null,
    payments: district ? district.octRenewals + district.aprRenewals + district.newMembers : null,
    charterOrSuspend: district?.charterOrSuspend ?? null,
    novVisitAward: division?.novVisitAward ?? null,
    mayVisitAward: division?.mayVisitAward ?? null,
    sources: {
      clubPerformance: club !== undefined,
      districtPerformance: district !== undefined,
      divisionPerformance: division !== undefined,
    },
  };
}

function summariseDivisions(
  clubs: readonly SnapshotClub[],
  divisionRows: ReadonlyMap<string, DivisionPerformanceRow>,
): SnapshotDivision[] {
  const groups = groupBy(clubs, (club) => club.division);
  return [...groups.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([division, members]) => ({
      division,
      clubBase: firstOf(members, (club) => divisionRows.get(club.clubNumber)?.divisionClubBase),
      ...aggregate(members),
    }));
}

function summariseAreas(
  clubs: readonly SnapshotClub[],
  divisionRows: ReadonlyMap<string, DivisionPerformanceRow>,
): SnapshotArea[] {
  const groups = groupBy(clubs, (club) =>
    club.division === null || club.area === null
      ? null
      : JSON.stringify([club.division, club.area]),
  );
  return [...groups.values()]
    .map((members) => ({
      division: members[0].division ?? '',
      area: members[0].area ?? '',
      clubBase: firstOf(members, (club) => divisionRows.get(club.clubNumber)?.areaClubBase),
      ...aggregate(members),
      novVisitAwards: members.filter((club) => club.novVisitAward === true).length,
      mayVisitAwards: members.filter((club) => club.mayVisitAward === true).length,
    }))
    .sort((a, b) => compareIds(a.division, b.division) || compareIds(a.area, b.area));
}

function aggregate(clubs: readonly SnapshotClub[]): ClubAggregate {
  return {
    clubs: clubs.length,
    activeMembers: sum(clubs, (club) => club.activeMembers),
    goalsMet: sum(clubs, (club) => club.goalsMet),
    distinguishedClubs: clubs.filter((club) => club.distinguishedLevel !== null).length,
  };
}

function totalsOf(clubs: readonly SnapshotClub[]): SnapshotTotals {
  const distinguished = Object.fromEntries(
    DISTINGUISHED_LEVELS.map((level) => [
      level,
      clubs.filter((club) => club.distinguishedLevel === level).length,
    ]),
  ) as Record<DistinguishedLevel, number>;
  return {
    clubs: clubs.length,
    membership: sum(clubs, (club) => club.activeMembers),
    membershipBase: sum(clubs, (club) => club.membershipBase),
    payments: sum(clubs, (club) => club.payments),
    octRenewals: sum(clubs, (club) => club.octRenewals),
    aprRenewals: sum(clubs, (club) => club.aprRenewals),
    newMembers: sum(clubs, (club) => club.newMembers),
    totalToDate: sum(clubs, (club) => club.totalToDate),
    dcpGoals: sum(clubs, (club) => club.goalsMet),
    distinguished: {
      ...distinguished,
      total: clubs.filter((club) => club.distinguishedLevel !== null).length,
    },
  };
}

function byClubNumber<Row extends { readonly clubNumber: string }>(
  rows: readonly Row[],
): Map<string, Row> {
  return new Map(rows.map((row) => [row.clubNumber, row]));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function sum<T>(items: readonly T[], value: (item: T) => number | null): number {
  return items.reduce((total, item) => total + (value(item) ?? 0), 0);
}

function firstOf<T>(items: readonly T[], value: (item: T) => number | undefined): number | null {
  for (const item of items) {
    const found = value(item);
    if (found !== undefined) return found;
  }
  return null;
}

/** Club numbers are digit strings without leading zeros: shorter is smaller. */
function compareClubNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Numeric ids in numeric order, then the rest alphabetically (`2` < `10` < `A`). */
function compareIds(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return compareClubNumbers(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
