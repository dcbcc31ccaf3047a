import type { IsoDate } from '../common/utc-dates';

/**
 * Checks a job's date range against the dashboard's rules; returns the problem, or null.
 * Dates are compared as `YYYY-MM-DD` strings, which orders them correctly without any
 * time-zone arithmetic. `today` is the current UTC date: the dashboard has no data for it.
 */
export function dateRangeProblem(
  startDate: IsoDate | undefined,
  endDate: IsoDate | undefined,
  today: IsoDate,
  required: boolean,
): string | null {
  if (required && (!startDate || !endDate)) return 'startDate and endDate are required';
  if ((startDate === undefined) !== (endDate === undefined)) {
    return 'startDate and endDate must be given together';
  }
  if (startDate === undefined || endDate === undefined) return null;
  if (startDate > endDate) return `startDate ${startDate} is after endDate ${endDate}`;
  if (endDate >= today) {
    return `endDate ${endDate} must be before today (${today} UTC): the dashboard has no data for today yet`;
  }
  return null;
}
