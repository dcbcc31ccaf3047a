import {
  DISTINGUISHED_LEVELS,
  DistinguishedLevel,
  distinguishedLevelOf,
} from '../domain/distinguished-level';
import type { DistrictSnapshot, SnapshotClub } from '../domain/district-snapshot';
import type { ClubCounts, DistinguishedCounts, SeriesPoint } from '../domain/analytics.model';
import { clubHealthOf } from './club-health';

/** The per-district figures of one snapshot, before any comparison with other snapshots. */
export interface DistrictMetrics {
  readonly membership: number;
  readonly payments: number;
  readonly dcpGoals: number;
  readonly clubCounts: ClubCounts;
  readonly distinguished: DistinguishedCounts;
}

/** A club that the club performance report listed, so its members, base and goals are known. */
interface RatedClub {
  readonly activeMembers: number;
  readonly membershipBase: number;
  readonly goalsMet: number;
}

function isRated(club: SnapshotClub): club is SnapshotClub & RatedClub {
  return club.activeMembers !== null && club.membershipBase !== null && club.goalsMet !== null;
}

/**
 * Membership, payments and goals are sums over every club of the snapshot (a club missing
 * from a report adds 0 for that report's figures). Health and distinguished levels need a
 * club's members, base and goals together, so only clubs from the club performance report
 * are rated; `clubCounts.total` counts exactly those. Levels are recomputed with
 * `distinguishedLevelOf` rather than read from the stored document, so the rule lives in
 * one place.
 */
export function districtMetricsOf(snapshot: DistrictSnapshot): DistrictMetrics {
  let membership = 0;
  let payments = 0;
  let dcpGoals = 0;
  const health = { thriving: 0, vulnerable: 0, interventionRequired: 0 };
  const levels: Record<DistinguishedLevel, number> = {
    smedley: 0,
    presidents: 0,
    select: 0,
    distinguished: 0,
  };
  let rated = 0;
  let distinguishedTotal = 0;
  for (const club of snapshot.clubs) {
    membership += club.activeMembers ?? 0;
    payments += club.payments ?? 0;
    dcpGoals += club.goalsMet ?? 0;
    if (!isRated(club)) continue;
    rated++;
    health[
      clubHealthOf(club.activeMembers, club.activeMembers - club.membershipBase, club.goalsMet)
    ]++;
    const level = distinguishedLevelOf(club.goalsMet, club.activeMembers, club.membershipBase);
    if (level !== null) {
      levels[level]++;
      distinguishedTotal++;
    }
  }
  const distinguished = Object.fromEntries([
    ...DISTINGUISHED_LEVELS.map((level) => [level, levels[level]] as const),
    ['total', distinguishedTotal] as const,
  ]) as DistinguishedCounts;
  return {
    membership,
    payments,
    dcpGoals,
    clubCounts: { total: rated, ...health },
    distinguished,
  };
}

/** Membership alone, for comparing with an earlier snapshot. */
export function membershipOf(snapshot: DistrictSnapshot): number {
  return snapshot.clubs.reduce((total, club) => total + (club.activeMembers ?? 0), 0);
}

export function seriesPointOf(date: string, metrics: DistrictMetrics): SeriesPoint {
  return {
    date,
    snapshotId: date,
    membership: metrics.membership,
    payments: metrics.payments,
    dcpGoals: metrics.dcpGoals,
    distinguishedTotal: metrics.distinguished.total,
    clubCounts: metrics.clubCounts,
  };
}
