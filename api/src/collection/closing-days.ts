import type { IsoDate } from '../common/utc-dates';
import type { DatePlan } from './summary-planner';

/** The dates of a job whose summary had data, with the districts each date plans. */
export interface DateCells {
  readonly date: IsoDate;
  /** Where the date's data lands: the date itself, or its month end for closing data. */
  readonly snapshotDate: IsoDate;
  readonly districts: readonly string[];
}

/**
 * Within one range several collection dates land on the same snapshot: a month's last day
 * and the closing days after it all become the month-end snapshot, where the newest
 * collection wins. Downloading the earlier ones only produces data that is overwritten, so
 * per (snapshot date, district) only the last date of the range is fetched. Returns every
 * other cell (`date/district`) with the date that supersedes it. `dates` need not be sorted.
 */
export function supersededCells(dates: readonly DateCells[]): Map<string, IsoDate> {
  const last = new Map<string, IsoDate>();
  for (const { date, snapshotDate, districts } of dates) {
    for (const district of districts) {
      const key = `${snapshotDate}/${district}`;
      const current = last.get(key);
      if (current === undefined || date > current) last.set(key, date);
    }
  }
  const superseded = new Map<string, IsoDate>();
  for (const { date, snapshotDate, districts } of dates) {
    for (const district of districts) {
      const winner = last.get(`${snapshotDate}/${district}`);
      if (winner !== undefined && winner !== date) superseded.set(`${date}/${district}`, winner);
    }
  }
  return superseded;
}

/** The dates whose summary had data, with the districts each plans, for supersededCells. */
export function cellsOf(
  plans: readonly (DatePlan | null)[],
  targetDistricts: readonly string[] | undefined,
): DateCells[] {
  return plans
    .filter((plan): plan is DatePlan & { kind: 'ok' } => plan?.kind === 'ok')
    .map((plan) => ({
      date: plan.date,
      snapshotDate: plan.snapshotDate,
      districts: targetDistricts ?? plan.districts,
    }));
}
