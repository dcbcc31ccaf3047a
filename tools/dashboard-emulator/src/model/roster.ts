import { epochDay } from '../calendar';
import { LruCache } from '../lru';
import { programYearEnd, programYearStart } from '../program-year';
import { hash32, Prng } from '../prng';
import { clubTimeline, ClubSlot } from './club-timeline';

/**
 * One program year of a district: which clubs take part, how they are grouped into areas and
 * divisions (realigned each year, fixed within it), and every per-club parameter that drives
 * the daily figures. Days are counted from July 1 of the program year.
 */

/** Per-club, per-year parameters; the daily state is a pure function of these and the day. */
export interface ClubPlan {
  club: ClubSlot;
  divisionIndex: number;
  /** Area number unique within the district: division 1 has 11, 12, ...; division 2 has 21, ... */
  area: number;
  /** Day the club was chartered if that falls in this program year, else null. */
  charterDay: number | null;
  /** Day the club was suspended if that falls in this program year, else null. */
  suspendDay: number | null;
  memBase: number;
  charterMembers: number;
  /** Share of the base still active in July, after the renewal reset. */
  startShare: number;
  /** Share of the base active once October renewals are in. */
  retainedShare: number;
  octoberTarget: number;
  aprilTarget: number;
  newMemberTarget: number;
  lateTarget: number;
  /** Exponent shaping how early in the year members join and awards accrue. */
  pace: number;
  level1Target: number;
  level2Target: number;
  level3Target: number;
  level4Target: number;
  officersTrainedRound1: number;
  officersTrainedRound2: number;
  duesOnTimeOctober: boolean;
  duesOnTimeApril: boolean;
  /** Day the officer list was on file, or null if never on time. */
  officerListDay: number | null;
  /** Day the Club Success Plan was filed, or null. */
  successPlanDay: number | null;
  /** Day of the area director's first-round visit, or null. */
  novemberVisitDay: number | null;
  /** Day of the area director's second-round visit, or null. */
  mayVisitDay: number | null;
}

export interface DivisionPlan {
  index: number;
  letter: string;
  clubBase: number;
}

export interface DistrictPrerequisites {
  /** Day each district prerequisite was met, or null if never this year. */
  dsp: number | null;
  training: number | null;
  marketAnalysis: number | null;
  communicationPlan: number | null;
  regionAdvisorVisit: number | null;
}

export interface DistrictYearPlan {
  district: string;
  programYear: string;
  startEpochDay: number;
  /** Clubs in report order: division, area, club number. */
  clubs: readonly ClubPlan[];
  divisions: readonly DivisionPlan[];
  areaClubBase: ReadonlyMap<number, number>;
  paidClubBase: number;
  paymentBase: number;
  prerequisites: DistrictPrerequisites;
}

const CLUBS_PER_AREA = 5;
const AREAS_PER_DIVISION = 5;
const plans = new LruCache<string, DistrictYearPlan>(1024);

export function districtYearPlan(district: string, programYear: string): DistrictYearPlan {
  return plans.getOrCreate(`${district}|${programYear}`, () => buildPlan(district, programYear));
}

function buildPlan(district: string, programYear: string): DistrictYearPlan {
  const start = epochDay(programYearStart(programYear));
  const end = epochDay(programYearEnd(programYear));
  const timeline = clubTimeline(district).filter(
    (club) => club.charterEpochDay <= end && (club.suspendEpochDay ?? Infinity) >= start,
  );
  // Realign areas each year by shuffling on a per-year hash (computed once per club).
  const existingAtStart = timeline
    .filter((club) => club.charterEpochDay < start)
    .map((club) => ({ club, key: hash32('layout', district, programYear, club.slot) }))
    .sort((a, b) => a.key - b.key)
    .map(({ club }) => club);
  const areaCount = Math.max(1, Math.ceil(existingAtStart.length / CLUBS_PER_AREA));
  const divisionCount = Math.max(1, Math.ceil(areaCount / AREAS_PER_DIVISION));
  const areaOf = (areaIndex: number): { divisionIndex: number; area: number } => {
    const divisionIndex = Math.floor((areaIndex * divisionCount) / areaCount);
    const firstAreaOfDivision = Math.ceil((divisionIndex * areaCount) / divisionCount);
    return {
      divisionIndex,
      area: (divisionIndex + 1) * 10 + (areaIndex - firstAreaOfDivision + 1),
    };
  };

  const layout = new Map<number, { divisionIndex: number; area: number }>();
  existingAtStart.forEach((club, i) => {
    layout.set(club.slot, areaOf(Math.floor((i * areaCount) / existingAtStart.length)));
  });
  for (const club of timeline) {
    if (!layout.has(club.slot)) {
      layout.set(club.slot, areaOf(hash32('new-club-area', district, club.slot) % areaCount));
    }
  }

  const clubs = timeline.map((club) => {
    const place = layout.get(club.slot) ?? areaOf(0);
    return planClub(club, place.divisionIndex, place.area, programYear, start, end - start + 1);
  });
  clubs.sort(
    (a, b) => a.divisionIndex - b.divisionIndex || a.area - b.area || a.club.number - b.club.number,
  );

  const divisions: DivisionPlan[] = [];
  for (let index = 0; index < divisionCount; index++) {
    divisions.push({ index, letter: String.fromCharCode(65 + index), clubBase: 0 });
  }
  const areaClubBase = new Map<number, number>();
  for (const club of existingAtStart) {
    const place = layout.get(club.slot) ?? areaOf(0);
    const division = divisions[place.divisionIndex];
    if (division !== undefined) {
      division.clubBase += 1;
    }
    areaClubBase.set(place.area, (areaClubBase.get(place.area) ?? 0) + 1);
  }
  for (const club of clubs) {
    if (!areaClubBase.has(club.area)) {
      areaClubBase.set(club.area, 0);
    }
  }

  const rng = Prng.fromKey('district-year', district, programYear);
  const memberBase = clubs.reduce((sum, club) => sum + club.memBase, 0);
  return {
    district,
    programYear,
    startEpochDay: start,
    clubs,
    divisions,
    areaClubBase,
    paidClubBase: existingAtStart.length,
    // Last year's payments: roughly two renewals per member plus new members.
    paymentBase: Math.round(memberBase * rng.range(1.55, 1.95)),
    prerequisites: {
      dsp: rng.chance(0.9) ? rng.int(20, 120) : null,
      training: rng.chance(0.85) ? rng.int(40, 200) : null,
      marketAnalysis: rng.chance(0.75) ? rng.int(60, 250) : null,
      communicationPlan: rng.chance(0.8) ? rng.int(30, 220) : null,
      regionAdvisorVisit: rng.chance(0.7) ? rng.int(90, 330) : null,
    },
  };
}

function dayInYear(epoch: number | null, start: number, yearLength: number): number | null {
  if (epoch === null) {
    return null;
  }
  const day = epoch - start;
  return day >= 0 && day < yearLength ? day : null;
}

function planClub(
  club: ClubSlot,
  divisionIndex: number,
  area: number,
  programYear: string,
  start: number,
  yearLength: number,
): ClubPlan {
  const rng = Prng.fromKey('club-year', club.number, programYear);
  const charterDay = dayInYear(club.charterEpochDay, start, yearLength);
  const suspendDay = dayInYear(club.suspendEpochDay, start, yearLength);
  // Strength drives most targets, so strong clubs tend to be big and distinguished at once.
  const strength = Math.pow(rng.next(), 0.9);
  const memBase =
    charterDay === null
      ? Math.max(4, Math.min(45, Math.round(8 + strength * 22 + rng.range(-4, 6))))
      : 0;
  const charterMembers = charterDay === null ? 0 : rng.int(20, 28);
  const roll = charterDay === null ? memBase : charterMembers;
  const retainedShare = rng.range(0.8, 1.05) + strength * 0.12;
  const scaled = (max: number): number => Math.round(strength * max * rng.range(0.4, 1.25));
  return {
    club,
    divisionIndex,
    area,
    charterDay,
    suspendDay,
    memBase,
    charterMembers,
    startShare: rng.range(0.55, 0.85),
    retainedShare,
    // New clubs' charter dues cover the renewal window that follows their charter.
    octoberTarget:
      charterDay !== null && charterDay > 60 ? 0 : Math.round(roll * rng.range(0.6, 0.95)),
    aprilTarget:
      charterDay !== null && charterDay > 215
        ? 0
        : Math.round(roll * retainedShare * rng.range(0.55, 0.9)),
    newMemberTarget: scaled(12),
    lateTarget: rng.int(0, 3),
    pace: rng.range(0.7, 1.6),
    level1Target: scaled(12),
    level2Target: scaled(8),
    level3Target: scaled(5),
    level4Target: scaled(3),
    officersTrainedRound1: rng.chance(0.85) ? rng.int(2, 7) : 0,
    officersTrainedRound2: rng.chance(0.75) ? rng.int(1, 7) : 0,
    duesOnTimeOctober: rng.chance(0.4 + 0.5 * strength),
    duesOnTimeApril: rng.chance(0.35 + 0.5 * strength),
    officerListDay: rng.chance(0.5 + 0.4 * strength) ? rng.int(0, 75) : null,
    successPlanDay: rng.chance(0.4 + 0.5 * strength) ? rng.int(30, 180) : null,
    novemberVisitDay: rng.chance(0.7) ? rng.int(60, 150) : null,
    mayVisitDay: rng.chance(0.6) ? rng.int(213, 333) : null,
  };
}
