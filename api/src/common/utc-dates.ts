/**
 * Calendar arithmetic on `YYYY-MM-DD` strings with plain integers. No `Date` object is
 * involved, so the host time zone can never shift a date (the earlier backfill lost a day
 * west of UTC by mixing local and UTC time).
 */

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;

/** A calendar month written `YYYY-MM`. */
export type YearMonth = string;

/** A Toastmasters program year written `YYYY-YYYY` (July 1 to June 30). */
export type ProgramYear = string;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return (
    match !== null && isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))
  );
}

/** Splits a `YYYY-MM-DD` string; throws a RangeError for anything that is not a real date. */
export function parseIsoDate(value: string): CalendarDate {
  const match = ISO_DATE.exec(value);
  const date = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!date || !isValidCalendarDate(date.year, date.month, date.day)) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  return date;
}

export function toIsoDate(year: number, month: number, day: number): IsoDate {
  if (!isValidCalendarDate(year, month, day)) {
    throw new RangeError(`not a calendar date: ${year}-${month}-${day}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function parseYearMonth(value: string): { year: number; month: number } {
  const match = YEAR_MONTH.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || !isValidCalendarDate(year, month, 1)) {
    throw new RangeError(`not a calendar month (YYYY-MM): ${JSON.stringify(value)}`);
  }
  return { year, month };
}

export function toYearMonth(year: number, month: number): YearMonth {
  if (!isValidCalendarDate(year, month, 1)) {
    throw new RangeError(`not a calendar month: ${year}-${month}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

/** The `YYYY-MM` month a date falls in. */
export function monthOf(date: IsoDate): YearMonth {
  const { year, month } = parseIsoDate(date);
  return toYearMonth(year, month);
}

/** `M/D/YYYY` without zero padding, the way the dashboard writes dates in its URLs. */
export function formatDashboardDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${month}/${day}/${year}`;
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return toIsoDate(year, month, daysInMonth(year, month));
}

export function lastDayOfYearMonth(yearMonth: YearMonth): IsoDate {
  const { year, month } = parseYearMonth(yearMonth);
  return toIsoDate(year, month, daysInMonth(year, month));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  const { year, month, day } = parseIsoDate(date);
  return fromDayNumber(toDayNumber(year, month, day) + days);
}

/** Every date from `start` to `end`, both included; empty when `start` is after `end`. */
export function datesInRange(start: IsoDate, end: IsoDate): IsoDate[] {
  const first = dayNumberOf(start);
  const last = dayNumberOf(end);
  const dates: IsoDate[] = [];
  for (let n = first; n <= last; n++) dates.push(fromDayNumber(n));
  return dates;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** The UTC calendar date of an epoch-milliseconds instant. */
export function utcDateOf(epochMs: number): IsoDate {
  return fromDayNumber(Math.floor(epochMs / MS_PER_DAY));
}

/** July..June: a month >= 7 starts the program year `Y-(Y+1)`, earlier months end `(Y-1)-Y`. */
export function programYearOf(year: number, month: number): ProgramYear {
  if (!isValidCalendarDate(year, month, 1)) {
    throw new RangeError(`not a calendar month: ${year}-${month}`);
  }
  const startYear = month >= 7 ? year : year - 1;
  return `${startYear}-${startYear + 1}`;
}

export function programYearOfMonth(yearMonth: YearMonth): ProgramYear {
  const { year, month } = parseYearMonth(yearMonth);
  return programYearOf(year, month);
}

function dayNumberOf(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return toDayNumber(year, month, day);
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function toDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100);
  return era * 146_097 + dayOfEra + dayOfYear - 719_468;
}

function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return toIsoDate(year, month, day);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
