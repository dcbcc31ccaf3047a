import { closingDays, isMissingDate, resolveDataPeriod } from 'dashboard-emulator';
import { addDays } from '../../src/common/utc-dates';

/** `count` consecutive dates with ordinary (not closing-period) data, from `from` on. */
export function ordinaryDates(from: string, count: number): string[] {
  for (let start = from; ; start = addDays(start, 1)) {
    const dates = Array.from({ length: count }, (_, i) => addDays(start, i));
    if (dates.every((d) => !isMissingDate(d) && !resolveDataPeriod(d).closing)) return dates;
  }
}

/** A date in the first days of a month that still serves the previous month's data. */
export function closingPeriodDate(year: number, month: number): string {
  const days = closingDays(year, month);
  for (let day = 1; day <= days; day++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (!isMissingDate(date)) return date;
  }
  throw new Error(`no closing-period date with data in ${year}-${month}`);
}

/** A date the emulator has no data for (a hole in its history). */
export function missingDate(from: string): string {
  for (let date = from; ; date = addDays(date, 1)) if (isMissingDate(date)) return date;
}
