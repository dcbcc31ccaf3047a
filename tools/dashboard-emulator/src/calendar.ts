/**
 * UTC calendar arithmetic on `YYYY-MM-DD` strings. Only Date.UTC and getUTC* are used: the
 * earlier backfill shifted dates by a day west of UTC by mixing in local time.
 */

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MDY_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

function isValidParts(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isIsoDate(value: string): boolean {
  const m = ISO_PATTERN.exec(value);
  return m !== null && isValidParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function toParts(date: IsoDate): DateParts {
  const m = ISO_PATTERN.exec(date);
  if (m === null || !isValidParts(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function fromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Days since 1970-01-01. */
export function epochDay(date: IsoDate): number {
  const { year, month, day } = toParts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromEpochDay(days: number): IsoDate {
  const d = new Date(days * MS_PER_DAY);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(epochDay(date) + days);
}

export function lastDayOfMonth(year: number, month: number): IsoDate {
  return fromParts(year, month, daysInMonth(year, month));
}

/** The calendar month before (year, month). */
export function previousMonth(year: number, month: number): { year: number; month: number } {
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** Today's date in UTC; the clock is a parameter so callers and tests can pin it. */
export function todayUtc(nowMs: number = Date.now()): IsoDate {
  return fromEpochDay(Math.floor(nowMs / MS_PER_DAY));
}

/** `M/D/YYYY`, no zero padding, as the dashboard's URLs use. */
export function formatMdy(date: IsoDate): string {
  const { year, month, day } = toParts(date);
  return `${month}/${day}/${year}`;
}

/** Parses `M/D/YYYY` (padding tolerated); null when malformed or not a calendar date. */
export function parseMdy(value: string): IsoDate | null {
  const m = MDY_PATTERN.exec(value);
  if (m === null) {
    return null;
  }
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(m[3]);
  return isValidParts(year, month, day) ? fromParts(year, month, day) : null;
}

/** `MM/DD/YYYY`, as the CSV footer writes the collection date. */
export function formatMmDdYyyy(date: IsoDate): string {
  const { year, month, day } = toParts(date);
  return `${pad2(month)}/${pad2(day)}/${year}`;
}

/** `MM/DD/YY`, as the `Charter Date/Suspend Date` column writes dates. */
export function formatMmDdYy(date: IsoDate): string {
  const { year, month, day } = toParts(date);
  return `${pad2(month)}/${pad2(day)}/${pad2(year % 100)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
