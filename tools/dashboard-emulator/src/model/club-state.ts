import { ClubPlan } from './roster';

/**
 * A club's figures on one day of the program year. Payments and DCP counters are cumulative
 * within the year (monotonic in the day); membership starts low in July after the renewal
 * reset and grows as renewals and new members come in.
 */

export type ClubStatus = 'Active' | 'Low' | 'Suspended';
export type DistinguishedLevel = '' | 'D' | 'S' | 'P' | 'Smedley';

export interface ClubPayments {
  newMembers: number;
  late: number;
  october: number;
  april: number;
  charter: number;
  total: number;
}

export interface ClubState {
  plan: ClubPlan;
  status: ClubStatus;
  activeMembers: number;
  memBase: number;
  goalsMet: number;
  distinguished: DistinguishedLevel;
  level1s: number;
  level2s: number;
  addLevel2s: number;
  level3s: number;
  level4s: number;
  addLevel4s: number;
  dcpNewMembers: number;
  dcpAddNewMembers: number;
  officersTrainedRound1: number;
  officersTrainedRound2: number;
  duesOnTimeOctober: 0 | 1;
  duesOnTimeApril: 0 | 1;
  officerListOnTime: 0 | 1;
  successPlan: boolean;
  novemberVisit: 0 | 1;
  mayVisit: 0 | 1;
  payments: ClubPayments;
  suspended: boolean;
}

/** Club Status turns `Low` below this many active members. */
const LOW_MEMBERSHIP = 8;
const OCTOBER_1 = 92;
const APRIL_1 = 274;
const YEAR_END = 365;

/** 0 before `from`, 1 after `to`, linear between. */
function ramp(day: number, from: number, to: number): number {
  if (day <= from) {
    return 0;
  }
  return day >= to ? 1 : (day - from) / (to - from);
}

/** Like ramp, eased at both ends: renewals trickle, peak, then trickle again. */
function smooth(day: number, from: number, to: number): number {
  const x = ramp(day, from, to);
  return x * x * (3 - 2 * x);
}

function reached(day: number, at: number | null): 0 | 1 {
  return at !== null && day >= at ? 1 : 0;
}

/**
 * State on `day` (days since July 1, fractional for closing-period drift). `smedleyLevel`
 * is false before 2025-2026, where such clubs report as President's Distinguished.
 */
export function clubStateOn(plan: ClubPlan, day: number, smedleyLevel: boolean): ClubState {
  const suspended = plan.suspendDay !== null && day >= plan.suspendDay;
  // A suspended club's counters stop where they were on the suspension day.
  const d = suspended && plan.suspendDay !== null ? Math.min(day, plan.suspendDay) : day;
  const activeFrom = plan.charterDay ?? 0;
  const accrual = Math.pow(ramp(d, activeFrom, YEAR_END), plan.pace);

  const newMembers = Math.floor(plan.newMemberTarget * accrual);
  const october = Math.floor(plan.octoberTarget * smooth(d, 31, 140));
  const april = Math.floor(plan.aprilTarget * smooth(d, 215, 320));
  const late = Math.floor(plan.lateTarget * ramp(d, 60, YEAR_END));
  const charter = plan.charterDay !== null && d >= plan.charterDay ? plan.charterMembers : 0;

  let activeMembers = 0;
  if (!suspended) {
    const carried =
      plan.charterDay === null
        ? plan.memBase *
          (plan.startShare + (plan.retainedShare - plan.startShare) * smooth(d, 20, 130))
        : charter;
    activeMembers = Math.round(carried) + newMembers;
  }

  const level2Total = Math.floor(plan.level2Target * accrual);
  const level4Total = Math.floor(plan.level4Target * accrual);
  const state: ClubState = {
    plan,
    status: suspended ? 'Suspended' : activeMembers < LOW_MEMBERSHIP ? 'Low' : 'Active',
    activeMembers,
    memBase: plan.memBase,
    goalsMet: 0,
    distinguished: '',
    level1s: Math.floor(plan.level1Target * accrual),
    level2s: Math.min(level2Total, 2),
    addLevel2s: Math.max(level2Total - 2, 0),
    level3s: Math.floor(plan.level3Target * accrual),
    level4s: Math.min(level4Total, 1),
    addLevel4s: Math.max(level4Total - 1, 0),
    dcpNewMembers: Math.min(newMembers, 4),
    dcpAddNewMembers: Math.max(newMembers - 4, 0),
    officersTrainedRound1: Math.floor(plan.officersTrainedRound1 * ramp(d, 0, 90)),
    officersTrainedRound2: Math.floor(plan.officersTrainedRound2 * ramp(d, 150, 240)),
    duesOnTimeOctober: plan.duesOnTimeOctober && d >= OCTOBER_1 ? 1 : 0,
    duesOnTimeApril: plan.duesOnTimeApril && d >= APRIL_1 ? 1 : 0,
    officerListOnTime: reached(d, plan.officerListDay),
    successPlan: reached(d, plan.successPlanDay) === 1,
    novemberVisit: reached(d, plan.novemberVisitDay),
    mayVisit: reached(d, plan.mayVisitDay),
    payments: {
      newMembers,
      late,
      october,
      april,
      charter,
      total: newMembers + late + october + april + charter,
    },
    suspended,
  };
  state.goalsMet = goalsMet(state);
  state.distinguished = suspended ? '' : distinguishedLevel(state, smedleyLevel);
  return state;
}

/** The ten DCP goals, counted from the counters exactly as the dashboard columns show them. */
function goalsMet(s: ClubState): number {
  const goals = [
    s.level1s >= 4,
    s.level2s >= 2,
    s.addLevel2s >= 2,
    s.level3s >= 2,
    s.level4s >= 1,
    s.addLevel4s >= 1,
    s.dcpNewMembers >= 4,
    s.dcpAddNewMembers >= 4,
    s.officersTrainedRound1 >= 4 && s.officersTrainedRound2 >= 4,
    (s.duesOnTimeOctober === 1 || s.duesOnTimeApril === 1) && s.officerListOnTime === 1,
  ];
  return goals.filter(Boolean).length;
}

/** Goals and membership thresholds; net growth can stand in for 20 members at D and S. */
function distinguishedLevel(s: ClubState, smedleyLevel: boolean): DistinguishedLevel {
  const members = s.activeMembers;
  const growth = s.activeMembers - s.memBase;
  if (s.goalsMet >= 10 && members >= 25) {
    return smedleyLevel ? 'Smedley' : 'P';
  }
  if (s.goalsMet >= 9 && members >= 20) {
    return 'P';
  }
  if (s.goalsMet >= 7 && (members >= 20 || growth >= 5)) {
    return 'S';
  }
  if (s.goalsMet >= 5 && (members >= 20 || growth >= 3)) {
    return 'D';
  }
  return '';
}
