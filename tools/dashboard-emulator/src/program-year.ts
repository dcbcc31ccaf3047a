import { fromParts, IsoDate, toParts } from './calendar';

/**
 * Toastmasters program years run July 1 to June 30 and are written `2024-2025`. Derive them
 * from the data month, not the collection date: June's closing figures are collected in July.
 */

const PROGRAM_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

/** Program year containing the given month, e.g. (2025, 7) -> `2025-2026`, (2026, 3) -> `2025-2026`. */
export function programYearOfMonth(year: number, month: number): string {
  const start = month >= 7 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export function programYearOf(date: IsoDate): string {
  const { year, month } = toParts(date);
  return programYearOfMonth(year, month);
}

/** The first calendar year of a well-formed program year, or null (`2024-2026` is malformed). */
export function parseProgramYear(value: string): number | null {
  const m = PROGRAM_YEAR_PATTERN.exec(value);
  if (m === null || Number(m[2]) !== Number(m[1]) + 1) {
    return null;
  }
  return Number(m[1]);
}

function startYearOf(programYear: string): number {
  const start = parseProgramYear(programYear);
  if (start === null) {
    throw new RangeError(`Not a program year: ${programYear}`);
  }
  return start;
}

export function programYearStart(programYear: string): IsoDate {
  return fromParts(startYearOf(programYear), 7, 1);
}

export function programYearEnd(programYear: string): IsoDate {
  return fromParts(startYearOf(programYear) + 1, 6, 30);
}

/** Whether `programYear` is `from` or later, e.g. for columns added in 2025-2026. */
export function isProgramYearAtLeast(programYear: string, from: string): boolean {
  return startYearOf(programYear) >= startYearOf(from);
}
