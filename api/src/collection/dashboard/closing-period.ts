import {
  IsoDate,
  lastDayOfYearMonth,
  monthOf,
  parseYearMonth,
  ProgramYear,
  programYearOfMonth,
  toYearMonth,
  YearMonth,
} from '../../common/utc-dates';

/** Which snapshot a download belongs to, and why. */
export interface SnapshotPlacement {
  /** The snapshot's id: the requested date, or the data month's last day for closing data. */
  readonly snapshotDate: IsoDate;
  readonly dataMonth: YearMonth;
  /** The dashboard was still serving the previous month's figures. */
  readonly isClosingPeriod: boolean;
  /** The date that was asked for; kept so a newer collection of the same snapshot wins. */
  readonly collectionDate: IsoDate;
  /** Of the data month, not the collection date: June's closing data arrives in July. */
  readonly programYear: ProgramYear;
}

/**
 * After a month ends the dashboard keeps serving that month's figures for up to ~25 days.
 * Such data belongs to the last day of the data month (request 2026-04-01 with
 * `Month of Mar` -> 2026-03-31). Without a footer the requested date's month is assumed.
 */
export function resolveSnapshotPlacement(
  collectionDate: IsoDate,
  dataMonth: YearMonth | null,
): SnapshotPlacement {
  const requestedMonth = monthOf(collectionDate);
  const month = dataMonth ?? requestedMonth;
  const isClosingPeriod = month !== requestedMonth;
  return {
    snapshotDate: isClosingPeriod ? lastDayOfYearMonth(month) : collectionDate,
    dataMonth: month,
    isClosingPeriod,
    collectionDate,
    programYear: programYearOfMonth(month),
  };
}

/**
 * Closing-period data is only ever the month just before the requested one. Anything else
 * (a later month, or one further back) is the dashboard substituting other data for a date
 * it has nothing for; the reason says so, and undefined means the data month is plausible.
 */
export function implausibleDataMonth(
  collectionDate: IsoDate,
  dataMonth: YearMonth,
): string | undefined {
  if (isPossibleDataMonth(collectionDate, dataMonth)) return undefined;
  return `the export holds data for ${dataMonth}, which cannot answer a request for ${collectionDate}`;
}

/** The requested date's own month, or the one before it (a closing period). */
export function isPossibleDataMonth(date: IsoDate, dataMonth: YearMonth): boolean {
  const requested = parseYearMonth(monthOf(date));
  const data = parseYearMonth(dataMonth);
  const monthsBack = requested.year * 12 + requested.month - (data.year * 12 + data.month);
  return monthsBack === 0 || monthsBack === 1;
}

/** The month before the requested date's: the data month if a closing period is on. */
export function previousMonthOf(date: IsoDate): YearMonth {
  const { year, month } = parseYearMonth(monthOf(date));
  return month === 1 ? toYearMonth(year - 1, 12) : toYearMonth(year, month - 1);
}

/**
 * The longest closing period observed: the dashboard serves the previous month for 1 to 25
 * days after a month ends, so only the first 25 days of a month can be closing-period dates.
 */
export const LONGEST_CLOSING_PERIOD_DAYS = 25;
