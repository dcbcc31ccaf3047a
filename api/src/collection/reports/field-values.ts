import type { CharterOrSuspend, CharterOrSuspendKind } from '../../domain/district-snapshot';
import { CsvFormatError } from './csv-format-error';
import { isValidCalendarDate, toIsoDate } from '../../common/utc-dates';

/**
 * Reads typed values out of one data row, each failure naming the row, column and value.
 * Row numbers count data rows from 1 (the header is not a row).
 */
export class RowReader {
  constructor(
    private readonly row: Readonly<Record<string, string>>,
    readonly rowNumber: number,
  ) {}

  /** Whether the export has this column at all (era-dependent columns come and go). */
  has(column: string): boolean {
    return Object.hasOwn(this.row, column);
  }

  text(column: string): string {
    const value = this.row[column];
    if (value === undefined) this.fail(column, '', 'column missing');
    return value;
  }

  /** The first of several spellings of a column that the export has. */
  textOfAny(columns: readonly string[]): { column: string; value: string } {
    const column = columns.find((name) => this.has(name));
    if (column === undefined) this.fail(columns.join(' / '), '', 'column missing');
    return { column, value: this.text(column) };
  }

  nonEmpty(column: string): string {
    const value = this.text(column);
    if (value === '') this.fail(column, value, 'value required');
    return value;
  }

  /** A non-negative whole number, thousands separators allowed (`1,234`). */
  count(column: string): number {
    return this.parse(column, parseCount, 'expected a whole number');
  }

  /** `count` for a column that older exports lack, or that may be left blank. */
  optionalCount(column: string): number | null {
    if (!this.has(column) || this.text(column) === '') return null;
    return this.count(column);
  }

  /** A signed decimal, `%` and thousands separators allowed; `5.2%` reads as 5.2. */
  percent(column: string): number {
    return this.parse(column, parsePercent, 'expected a number or percentage');
  }

  /** A `Y`/`N` prerequisite flag for a column that older exports lack. */
  optionalYesNo(column: string): boolean | null {
    if (!this.has(column) || this.text(column) === '') return null;
    return this.parse(column, parseYesNo, 'expected Y or N');
  }

  /** A `0`/`1` award flag. */
  zeroOne(column: string): boolean {
    return this.parse(column, parseZeroOne, 'expected 0 or 1');
  }

  clubNumber(column: string): string {
    return this.parse(column, normaliseClubNumber, 'expected a club number');
  }

  clubNumberOfAny(columns: readonly string[]): string {
    const { column } = this.textOfAny(columns);
    return this.clubNumber(column);
  }

  division(column: string): string {
    return this.parse(column, normaliseDivision, 'expected a division like "A" or "Division A"');
  }

  area(column: string): string {
    return this.parse(column, normaliseArea, 'expected an area like "12" or "Area 12"');
  }

  parse<T>(column: string, read: (value: string) => T | undefined, expected: string): T {
    const value = this.text(column);
    const result = read(value);
    if (result === undefined) this.fail(column, value, expected);
    return result;
  }

  fail(column: string, value: string, reason: string): never {
    throw new CsvFormatError(reason, { row: this.rowNumber, column, value });
  }
}

/** Division and area ids are short (`A`, `12`, `0A`); the length bound rejects a bare "Area". */
const UNIT_ID = /^[A-Z0-9]{1,3}$/;
const COUNT = /^(\d{1,3}(,\d{3})+|\d+)$/;
const PERCENT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*%?$/;

export function parseCount(value: string): number | undefined {
  if (!COUNT.test(value)) return undefined;
  const number = Number(value.replace(/,/g, ''));
  return Number.isSafeInteger(number) ? number : undefined;
}

export function parsePercent(value: string): number | undefined {
  const match = PERCENT.exec(value);
  if (!match) return undefined;
  const number = Number(`${match[1]}${match[2].replace(/,/g, '')}${match[3] ?? ''}`);
  return Object.is(number, -0) ? 0 : number;
}

export function parseYesNo(value: string): boolean | undefined {
  const upper = value.toUpperCase();
  return upper === 'Y' ? true : upper === 'N' ? false : undefined;
}

export function parseZeroOne(value: string): boolean | undefined {
  return value === '1' ? true : value === '0' ? false : undefined;
}

/** Club numbers may carry leading zeros in one report and not in another; `00012` is `12`. */
export function normaliseClubNumber(value: string): string | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const stripped = value.replace(/^0+/, '');
  return stripped === '' ? undefined : stripped;
}

/** `A` and `Division A` are the same division. */
export function normaliseDivision(value: string): string | undefined {
  const id = value.replace(/^division\s+/i, '').toUpperCase();
  return UNIT_ID.test(id) ? id : undefined;
}

/** `12`, `Area 12` and `Area 012` are the same area; non-numeric ids such as `0A` are kept. */
export function normaliseArea(value: string): string | undefined {
  const id = value.replace(/^area\s+/i, '').toUpperCase();
  if (/^\d+$/.test(id)) return String(Number(id));
  return UNIT_ID.test(id) ? id : undefined;
}

/**
 * `Charter MM/DD/YY` or `Susp MM/DD/YY`. A two-digit year is put in the century that keeps it
 * at or before `referenceYear` (clubs chartered in 1930 exist; none are chartered in the future).
 */
export function parseCharterOrSuspend(
  value: string,
  referenceYear: number,
): CharterOrSuspend | undefined {
  const match = /^(charter|susp(?:ended)?)\.?\s+(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/i.exec(value);
  if (!match) return undefined;
  const kind: CharterOrSuspendKind = match[1].toLowerCase() === 'charter' ? 'charter' : 'suspended';
  const [month, day, written] = [match[2], match[3], match[4]].map(Number);
  const year = match[4].length === 4 ? written : fullYear(written, referenceYear);
  return isValidCalendarDate(year, month, day)
    ? { kind, date: toIsoDate(year, month, day) }
    : undefined;
}

function fullYear(twoDigitYear: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const candidate = century + twoDigitYear;
  return candidate > referenceYear ? candidate - 100 : candidate;
}
