import { epochDay, IsoDate, toParts } from '../calendar';
import { DataPeriod, resolveDataPeriod } from '../closing-period';
import { isDistrictInProgramYear } from '../districts';
import { LruCache } from '../lru';
import { isProgramYearAtLeast } from '../program-year';
import { ClubPayments, clubStateOn, ClubState } from './club-state';
import { districtYearPlan, DistrictYearPlan } from './roster';

/**
 * The figures one collection date serves for one district, shared by all three per-district
 * reports and the summary so that they agree with each other.
 */

export interface DistinguishedCounts {
  /** Clubs at any level (D, S, P or Smedley). */
  total: number;
  select: number;
  presidents: number;
  smedley: number;
}

export interface DistrictTotals {
  clubs: number;
  /** Clubs in good standing: Club Status `Active`. */
  paidClubs: number;
  /** Clubs not suspended (`Active` or `Low`). */
  activeClubs: number;
  paidClubBase: number;
  membership: number;
  payments: ClubPayments;
  paymentBase: number;
  distinguished: DistinguishedCounts;
  prerequisites: {
    dsp: boolean;
    training: boolean;
    marketAnalysis: boolean;
    communicationPlan: boolean;
    regionAdvisorVisit: boolean;
  };
}

export interface DistrictSnapshot {
  district: string;
  period: DataPeriod;
  plan: DistrictYearPlan;
  /** Clubs chartered by the snapshot date, in report order. */
  clubs: readonly ClubState[];
  totals: DistrictTotals;
}

/**
 * Closing-period figures still move a little (late processing), so a newer collection of the
 * same month-end snapshot differs. 0.1 day per closing day stays below the next real day.
 */
const CLOSING_DRIFT_PER_DAY = 0.1;
const SMEDLEY_FROM = '2025-2026';
const snapshots = new LruCache<string, DistrictSnapshot | null>(2048);

/** Null when the district does not exist in the program year the date serves. */
export function districtSnapshot(
  district: string,
  collectionDate: IsoDate,
): DistrictSnapshot | null {
  return snapshots.getOrCreate(`${district}|${collectionDate}`, () =>
    buildSnapshot(district, collectionDate),
  );
}

function buildSnapshot(district: string, collectionDate: IsoDate): DistrictSnapshot | null {
  const period = resolveDataPeriod(collectionDate);
  if (!isDistrictInProgramYear(district, period.programYear)) {
    return null;
  }
  const plan = districtYearPlan(district, period.programYear);
  const drift = period.closing ? CLOSING_DRIFT_PER_DAY * toParts(collectionDate).day : 0;
  const day = epochDay(period.snapshotDate) - plan.startEpochDay + drift;
  const smedley = isProgramYearAtLeast(period.programYear, SMEDLEY_FROM);
  const clubs = plan.clubs
    .filter((club) => club.club.charterDate <= period.snapshotDate)
    .map((club) => clubStateOn(club, day, smedley));
  return { district, period, plan, clubs, totals: totalsOf(plan, clubs, day) };
}

function totalsOf(
  plan: DistrictYearPlan,
  clubs: readonly ClubState[],
  day: number,
): DistrictTotals {
  const payments: ClubPayments = {
    newMembers: 0,
    late: 0,
    october: 0,
    april: 0,
    charter: 0,
    total: 0,
  };
  const distinguished: DistinguishedCounts = { total: 0, select: 0, presidents: 0, smedley: 0 };
  let paidClubs = 0;
  let activeClubs = 0;
  let membership = 0;
  for (const club of clubs) {
    membership += club.activeMembers;
    payments.newMembers += club.payments.newMembers;
    payments.late += club.payments.late;
    payments.october += club.payments.october;
    payments.april += club.payments.april;
    payments.charter += club.payments.charter;
    payments.total += club.payments.total;
    if (club.status === 'Active') {
      paidClubs += 1;
    }
    if (club.status !== 'Suspended') {
      activeClubs += 1;
    }
    if (club.distinguished !== '') {
      distinguished.total += 1;
    }
    if (club.distinguished === 'S') {
      distinguished.select += 1;
    } else if (club.distinguished === 'P') {
      distinguished.presidents += 1;
    } else if (club.distinguished === 'Smedley') {
      distinguished.smedley += 1;
    }
  }
  const met = (at: number | null): boolean => at !== null && day >= at;
  const p = plan.prerequisites;
  return {
    clubs: clubs.length,
    paidClubs,
    activeClubs,
    paidClubBase: plan.paidClubBase,
    membership,
    payments,
    paymentBase: plan.paymentBase,
    distinguished,
    prerequisites: {
      dsp: met(p.dsp),
      training: met(p.training),
      marketAnalysis: met(p.marketAnalysis),
      communicationPlan: met(p.communicationPlan),
      regionAdvisorVisit: met(p.regionAdvisorVisit),
    },
  };
}
