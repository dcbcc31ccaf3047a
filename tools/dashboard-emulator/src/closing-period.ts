import { IsoDate, lastDayOfMonth, previousMonth, toParts } from './calendar';
import { programYearOfMonth } from './program-year';
import { unitHash } from './prng';

/**
 * After a month ends the dashboard keeps serving that month's figures for 1 to 25 days
 * (median about 8; June's closing, read in July, takes 12 to 25). The length is fixed per
 * calendar month by a hash so that tests can compute it.
 */

/**
 * Number of leading days of the collection month (year, month) that still serve the previous
 * month's data: a collection on day d <= closingDays(...) is closing-period data.
 */
export function closingDays(year: number, month: number): number {
  const u = unitHash('closing-days', year, month);
  if (month === 7) {
    return 12 + Math.floor(u * 14);
  }
  // u^1.8 skews towards short closings: the median lands on 8 days, the tail reaches 25.
  return Math.min(25, 1 + Math.floor(Math.pow(u, 1.8) * 25));
}

/** What a collection date serves. */
export interface DataPeriod {
  collectionDate: IsoDate;
  dataYear: number;
  /** 1-12 */
  dataMonth: number;
  /** True when the collection date falls in the previous month's closing period. */
  closing: boolean;
  /** The date the figures belong to: the data month's last day when closing, else the collection date. */
  snapshotDate: IsoDate;
  /** Program year of the data month (not of the collection date). */
  programYear: string;
}

export function resolveDataPeriod(collectionDate: IsoDate): DataPeriod {
  const { year, month, day } = toParts(collectionDate);
  if (day <= closingDays(year, month)) {
    const prev = previousMonth(year, month);
    return {
      collectionDate,
      dataYear: prev.year,
      dataMonth: prev.month,
      closing: true,
      snapshotDate: lastDayOfMonth(prev.year, prev.month),
      programYear: programYearOfMonth(prev.year, prev.month),
    };
  }
  return {
    collectionDate,
    dataYear: year,
    dataMonth: month,
    closing: false,
    snapshotDate: collectionDate,
    programYear: programYearOfMonth(year, month),
  };
}
