import { DISTRICT_SNAPSHOT_SCHEMA_VERSION } from '../domain/district-snapshot';
import { isDistrictId } from '../common/ids';
import { isIsoDate } from '../common/utc-dates';
import { isProgramYear, programYearOfDate } from '../domain/program-year';

/** Enough to name what is wrong without flooding the job's error list. */
const MAX_PROBLEMS = 5;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

type Json = Record<string, unknown>;

/**
 * Checks a stored district snapshot before analytics trusts it: identity, program year,
 * and every figure the formulas read. Returns the problems, empty when it is usable.
 * Documents come from storage that other versions or hands may have written, so nothing
 * is assumed from the TypeScript type.
 */
export function districtSnapshotProblems(
  value: unknown,
  snapshotDate: string,
  districtId: string,
): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return ['the document is not an object'];
  if (value.schemaVersion !== DISTRICT_SNAPSHOT_SCHEMA_VERSION) {
    problems.push(
      `schemaVersion is ${String(value.schemaVersion)}, expected ${DISTRICT_SNAPSHOT_SCHEMA_VERSION}`,
    );
  }
  if (value.snapshotDate !== snapshotDate) problems.push(`snapshotDate is not ${snapshotDate}`);
  if (value.districtId !== districtId) problems.push(`districtId is not ${districtId}`);
  if (typeof value.programYear !== 'string' || !isProgramYear(value.programYear)) {
    problems.push('programYear is not a program year (YYYY-YYYY)');
  } else if (isIsoDate(snapshotDate) && value.programYear !== programYearOfDate(snapshotDate)) {
    problems.push(`programYear ${value.programYear} does not contain ${snapshotDate}`);
  }
  if (typeof value.dataMonth !== 'string' || !YEAR_MONTH.test(value.dataMonth)) {
    problems.push('dataMonth is not a month (YYYY-MM)');
  }
  if (typeof value.collectionDate !== 'string' || !isIsoDate(value.collectionDate)) {
    problems.push('collectionDate is not a date');
  }
  if (typeof value.isClosingPeriod !== 'boolean') problems.push('isClosingPeriod is not a boolean');
  if (!Array.isArray(value.clubs)) {
    problems.push('clubs is not a list');
    return problems.slice(0, MAX_PROBLEMS);
  }
  let membership = 0;
  value.clubs.forEach((club: unknown, i) => {
    if (problems.length >= MAX_PROBLEMS) return;
    problems.push(...clubProblems(club, `clubs[${i}]`));
    if (isObject(club) && isCount(club.activeMembers)) membership += club.activeMembers;
  });
  const totals = value.totals;
  if (!isObject(totals) || totals.membership !== membership) {
    problems.push(`totals.membership does not match the clubs' sum (${membership})`);
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function clubProblems(club: unknown, where: string): string[] {
  if (!isObject(club)) return [`${where} is not an object`];
  const problems: string[] = [];
  if (typeof club.clubNumber !== 'string' || club.clubNumber === '') {
    problems.push(`${where}.clubNumber is missing`);
  }
  for (const field of ['activeMembers', 'membershipBase', 'goalsMet', 'payments'] as const) {
    const figure = club[field];
    if (figure !== null && !isCount(figure)) {
      problems.push(`${where}.${field} is not a whole number >= 0 or null`);
    }
  }
  const rated = [club.activeMembers, club.membershipBase, club.goalsMet].filter((v) => v !== null);
  if (rated.length !== 0 && rated.length !== 3) {
    problems.push(`${where} has only some of activeMembers, membershipBase and goalsMet`);
  }
  return problems;
}

/** Checks the all-districts summary that ranking reads. */
export function summaryProblems(value: unknown, snapshotDate: string): string[] {
  if (!isObject(value)) return ['the summary is not an object'];
  const problems: string[] = [];
  if (value.snapshotDate !== snapshotDate)
    problems.push(`summary snapshotDate is not ${snapshotDate}`);
  if (typeof value.collectionDate !== 'string' || !isIsoDate(value.collectionDate)) {
    problems.push('summary collectionDate is not a date');
  }
  if (!Array.isArray(value.districts)) return [...problems, 'summary districts is not a list'];
  const seen = new Set<string>();
  value.districts.forEach((row: unknown, i) => {
    const where = `summary districts[${i}]`;
    if (!isObject(row)) {
      problems.push(`${where} is not an object`);
      return;
    }
    if (!isDistrictId(row.districtId)) problems.push(`${where}.districtId is not a district id`);
    else if (seen.has(row.districtId))
      problems.push(`${where}: district ${row.districtId} listed twice`);
    else seen.add(row.districtId);
    for (const field of ['clubGrowthPercent', 'paymentGrowthPercent'] as const) {
      if (typeof row[field] !== 'number' || !Number.isFinite(row[field])) {
        problems.push(`${where}.${field} is not a finite number`);
      }
    }
    for (const field of ['activeClubs', 'totalDistinguishedClubs'] as const) {
      if (!isCount(row[field])) problems.push(`${where}.${field} is not a whole number >= 0`);
    }
  });
  return problems.slice(0, MAX_PROBLEMS);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
