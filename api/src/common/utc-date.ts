/**
 * Calendar dates as `YYYY-MM-DD` strings, computed in UTC only. Local-time arithmetic
 * shifted dates by a day west of UTC in an earlier implementation; nothing here reads the
 * process time zone.
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export type IsoDate = string;

/** True for a real calendar date in `YYYY-MM-DD` form (no 2025-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The UTC calendar date of an instant. */
export function toIsoDate(epochMs: number): IsoDate {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function isoDateToEpochMs(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(isoDateToEpochMs(date) + days * DAY_MS);
}

/** Inclusive list of dates from `start` to `end`; empty when start > end. */
export function eachDate(start: IsoDate, end: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let t = isoDateToEpochMs(start); t <= isoDateToEpochMs(end); t += DAY_MS) {
    dates.push(toIsoDate(t));
  }
  return dates;
}

export function daysBetween(start: IsoDate, end: IsoDate): number {
  return Math.round((isoDateToEpochMs(end) - isoDateToEpochMs(start)) / DAY_MS);
}
