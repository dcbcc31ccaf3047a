import { IsoDate, isIsoDate, monthOf, ProgramYear, programYearOfMonth } from '../common/utc-dates';

const PROGRAM_YEAR = /^(\d{4})-(\d{4})$/;

/** `YYYY-YYYY` with consecutive years, e.g. `2025-2026`. */
export function isProgramYear(value: string): boolean {
  const match = PROGRAM_YEAR.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1 && Number(match[1]) >= 1;
}

/** July 1 of the program year's first calendar year. */
export function programYearStart(programYear: ProgramYear): IsoDate {
  if (!isProgramYear(programYear)) {
    throw new RangeError(`not a program year (YYYY-YYYY): ${JSON.stringify(programYear)}`);
  }
  return `${programYear.slice(0, 4)}-07-01`;
}

/**
 * The program year a snapshot date belongs to. Closing-period data is stored under the
 * last day of its data month, so a snapshot's date and data month share the program year.
 */
export function programYearOfDate(date: IsoDate): ProgramYear {
  return programYearOfMonth(monthOf(date));
}

export function isDateInProgramYear(date: IsoDate, programYear: ProgramYear): boolean {
  return isIsoDate(date) && isProgramYear(programYear) && programYearOfDate(date) === programYear;
}
