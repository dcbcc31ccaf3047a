import { CsvFormatError } from './csv-format-error';
import { CsvSyntaxError, readCsvRecords } from './csv-records';
import {
  IsoDate,
  isValidCalendarDate,
  toIsoDate,
  toYearMonth,
  YearMonth,
} from '../../common/utc-dates';

/** What the footer (`Month of Mar, As of 04/01/2026`) says about the data. */
export interface CsvFooter {
  /** The month the figures belong to, its year resolved against `asOf`. */
  readonly dataMonth: YearMonth;
  readonly asOf: IsoDate;
}

/** One export: trimmed header names, data rows keyed by header, footer rows removed. */
export interface CsvReport {
  readonly headers: readonly string[];
  readonly rows: readonly Record<string, string>[];
  readonly footer: CsvFooter | null;
}

/** A required header, or a list of alternative spellings of which one must be present. */
export type RequiredHeader = string | readonly string[];

export interface CsvReportOptions {
  readonly requiredHeaders?: readonly RequiredHeader[];
  /**
   * Data rows without a footer are refused: a body cut short on a line boundary looks like
   * that, and without the footer the closing-period rule cannot be applied.
   */
  readonly requireFooter?: boolean;
}

const FOOTER_START = /^(month of|as of)\b/i;
const MONTH_OF = /\bmonth of\s+([a-z]+)\.?/i;
const AS_OF = /\bas of\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\b/i;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Parses one dashboard export. Footer lines are shorter than data rows, so records may
 * differ in width; every data row is then held to the header's width here.
 */
export function parseCsvReport(text: string, options: CsvReportOptions = {}): CsvReport {
  const { records, lines } = readRecords(text);
  if (records.length === 0) throw new CsvFormatError('empty export: no header row');

  const headers = records[0].map((name) => name.trim());
  checkHeaders(headers, options.requiredHeaders ?? []);
  // Columns with a blank header carry nothing the reports use; they are left out of rows.
  const named = headers.flatMap((name, column) => (name === '' ? [] : [{ name, column }]));

  const rows: Record<string, string>[] = [];
  const footerParts: string[] = [];
  for (let index = 1; index < records.length; index++) {
    const record = records[index];
    const footerPart = footerTextOf(record);
    if (footerPart !== null) {
      footerParts.push(footerPart);
      continue;
    }
    const location = { row: rows.length + 1, line: lines[index] };
    if (footerParts.length > 0) throw new CsvFormatError('data row after the footer', location);
    if (record.length !== headers.length) {
      throw new CsvFormatError(
        `expected ${headers.length} fields as in the header, found ${record.length}`,
        location,
      );
    }
    const row: Record<string, string> = {};
    for (const { name, column } of named) row[name] = record[column].trim();
    rows.push(row);
  }

  const footer = footerParts.length > 0 ? parseFooterText(footerParts.join(', ')) : null;
  if (options.requireFooter && footer === null && rows.length > 0) {
    throw new CsvFormatError('no "Month of ..., As of ..." footer after the data rows');
  }
  return { headers, rows, footer };
}

/**
 * Reads `Month of Mar, As of 04/01/2026` (either order, full or three-letter month names).
 * A data month later in the year than the as-of month belongs to the previous year.
 */
export function parseFooterText(text: string): CsvFooter {
  const monthMatch = MONTH_OF.exec(text);
  const asOfMatch = AS_OF.exec(text);
  const leftover = text.replace(MONTH_OF, '').replace(AS_OF, '').replace(/[\s,]/g, '');
  if (!monthMatch || !asOfMatch || leftover !== '') {
    throw new CsvFormatError('unparseable footer, expected "Month of Mon, As of MM/DD/YYYY"', {
      value: text,
    });
  }
  const dataMonth = monthNumber(monthMatch[1]);
  const [month, day, year] = [asOfMatch[1], asOfMatch[2], asOfMatch[3]].map(Number);
  if (dataMonth === undefined || !isValidCalendarDate(year, month, day)) {
    throw new CsvFormatError('unparseable footer: unknown month or impossible date', {
      value: text,
    });
  }
  return {
    dataMonth: toYearMonth(dataMonth > month ? year - 1 : year, dataMonth),
    asOf: toIsoDate(year, month, day),
  };
}

function readRecords(text: string): ReturnType<typeof readCsvRecords> {
  try {
    return readCsvRecords(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new CsvFormatError(SYNTAX_PROBLEMS[error.problem], { line: error.line });
  }
}

const SYNTAX_PROBLEMS: Record<CsvSyntaxError['problem'], string> = {
  'unclosed-quote': 'unbalanced quotes: a quoted field is never closed',
  'quote-in-unquoted-field': 'misplaced quote: a quote inside an unquoted field',
  'text-after-closing-quote': 'misplaced quote: text after a closing quote',
};

function checkHeaders(headers: readonly string[], required: readonly RequiredHeader[]): void {
  const seen = new Set<string>();
  for (const name of headers) {
    if (name !== '' && seen.has(name)) {
      throw new CsvFormatError('duplicate header', { line: 1, column: name });
    }
    seen.add(name);
  }
  const missing = required
    .filter((names) => (typeof names === 'string' ? [names] : names).every((n) => !seen.has(n)))
    .map((names) =>
      typeof names === 'string' ? `"${names}"` : names.map((n) => `"${n}"`).join(' or '),
    );
  if (missing.length > 0) {
    throw new CsvFormatError(`missing required headers: ${missing.join(', ')}`, { line: 1 });
  }
}

/** The footer text of a footer record (all its non-empty fields), or null for a data record. */
function footerTextOf(record: readonly string[]): string | null {
  const first = record.find((field) => field.trim() !== '');
  if (first === undefined || !FOOTER_START.test(first.trim())) return null;
  return record
    .map((field) => field.trim())
    .filter((field) => field !== '')
    .join(', ');
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex(
    (full) =>
      full === lower || full.slice(0, 3) === lower || (lower === 'sept' && full === 'september'),
  );
  return index === -1 ? undefined : index + 1;
}
