import { IsoDate, isIsoDate } from '../shared/utc-dates';

/** `2025-2026`: July 2025 to June 2026, as the API writes program years. */
export type ProgramYear = string;

const PROGRAM_YEAR = /^(\d{4})-(\d{4})$/;

export function isProgramYear(value: unknown): value is ProgramYear {
  if (typeof value !== 'string') return false;
  const match = PROGRAM_YEAR.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

/** The program year a date belongs to (it starts on July 1). */
export function programYearOf(date: IsoDate): ProgramYear {
  const year = Number(date.slice(0, 4));
  const first = Number(date.slice(5, 7)) >= 7 ? year : year - 1;
  return `${first}-${first + 1}`;
}

/** The program year of `date` and the `count - 1` before it, newest first: the picker's list. */
export function recentProgramYears(date: IsoDate, count: number): ProgramYear[] {
  const first = Number(programYearOf(isIsoDate(date) ? date : '2000-07-01').slice(0, 4));
  return Array.from({ length: count }, (_, i) => `${first - i}-${first - i + 1}`);
}
