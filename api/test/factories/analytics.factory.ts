import { resolveSnapshotPlacement } from '../../src/collection/dashboard/closing-period';
import type { ClubPerformanceRow } from '../../src/collection/reports/club-performance-report';
import type { DistrictPerformanceRow } from '../../src/collection/reports/district-performance-report';
import { buildDistrictSnapshot } from '../../src/collection/snapshot/district-snapshot';
import { DistrictSnapshot } from '../../src/domain/district-snapshot';
import type { SummaryRow } from '../../src/domain/summary-row';
import { monthOf } from '../../src/common/utc-dates';
import type { SnapshotSummary } from '../../src/storage/snapshot-store';

/** The figures the analytics formulas read, per club. */
export interface ClubFigures {
  members: number;
  base: number;
  goals: number;
  /** Oct. Ren. + Apr. Ren. + New Members, put in `Oct. Ren.`; 0 by default. */
  payments?: number;
}

const NO_DCP = {
  level1s: null,
  level2s: null,
  addLevel2s: null,
  level3s: null,
  level4sPathsOrDtm: null,
  addLevel4sPathsOrDtm: null,
  newMembers: null,
  addNewMembers: null,
  officersTrainedRound1: null,
  officersTrainedRound2: null,
  duesOnTimeOct: null,
  duesOnTimeApr: null,
  officerListOnTime: null,
};

/**
 * A district snapshot on `snapshotDate` (ordinary, not closing-period data) built by the
 * production builder from the given clubs, numbered 1, 2, 3, ...
 */
export function snapshotWithClubs(
  districtId: string,
  snapshotDate: string,
  clubs: readonly ClubFigures[],
): DistrictSnapshot {
  const placement = resolveSnapshotPlacement(snapshotDate, monthOf(snapshotDate));
  const clubRows: ClubPerformanceRow[] = clubs.map((club, i) => ({
    clubNumber: String(i + 1),
    clubName: `Club ${i + 1}`,
    division: 'A',
    area: '1',
    activeMembers: club.members,
    membershipBase: club.base,
    goalsMet: club.goals,
    clubStatus: 'Active',
    distinguishedStatus: '',
    dcp: NO_DCP,
    csp: null,
  }));
  const districtRows: DistrictPerformanceRow[] = clubs.map((club, i) => ({
    clubNumber: String(i + 1),
    totalToDate: club.payments ?? 0,
    octRenewals: club.payments ?? 0,
    aprRenewals: 0,
    newMembers: 0,
    charterOrSuspend: null,
  }));
  const built = buildDistrictSnapshot({
    districtId,
    club: { placement, rows: clubRows },
    district: { placement, rows: districtRows },
    division: { placement, rows: [] },
  });
  if (built.kind !== 'built') throw new Error(`fixture snapshot: ${built.reason}`);
  return built.snapshot;
}

/** The summary figures ranking reads, per district. */
export interface SummaryFigures {
  districtId: string;
  clubGrowth: number;
  paymentGrowth: number;
  activeClubs: number;
  distinguishedClubs: number;
}

export function summaryRow(figures: SummaryFigures): SummaryRow {
  return {
    districtId: figures.districtId,
    region: '1',
    paidClubs: figures.activeClubs,
    paidClubBase: figures.activeClubs,
    clubGrowthPercent: figures.clubGrowth,
    totalYtdPayments: 0,
    paymentBase: 0,
    paymentGrowthPercent: figures.paymentGrowth,
    activeClubs: figures.activeClubs,
    totalDistinguishedClubs: figures.distinguishedClubs,
    selectDistinguishedClubs: 0,
    presidentsDistinguishedClubs: 0,
    smedleyDistinguishedClubs: null,
    prerequisites: {
      dsp: null,
      training: null,
      marketAnalysis: null,
      communicationPlan: null,
      regionAdvisorVisit: null,
    },
    payments: { new: null, april: null, october: null, late: null, charter: null },
  };
}

export function summaryOf(snapshotDate: string, rows: readonly SummaryFigures[]): SnapshotSummary {
  const placement = resolveSnapshotPlacement(snapshotDate, monthOf(snapshotDate));
  return {
    snapshotDate,
    collectionDate: snapshotDate,
    dataMonth: placement.dataMonth,
    programYear: placement.programYear,
    isClosingPeriod: false,
    districts: rows.map(summaryRow),
  };
}
