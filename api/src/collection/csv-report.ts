import { CsvError, parse } from 'csv-parse/sync';
import { CsvFormatError } from './csv-format-error';
import {
  IsoDate,
  isValidCalendarDate,
  toIsoDate,
  toYearMonth,
  YearMonth,
} from '../common/utc-dates';

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
const MISPLACED_QUOTE_CODES: ReadonlySet<CsvError['code']> = new Set([
  'CSV_INVALID_CLOSING_QUOTE',
  'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE',
  'INVALID_OPENING_QUOTE',
] as const);
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
 * Parses one dashboard export. The column count is relaxed in the CSV parser only so that
 * footer lines (which are shorter) get through; every data row is then held to the header's
 * width here.
 */
export function parseCsvReport(text: string, options: CsvReportOptions = {}): CsvReport {
  const { records, lines } = readRecords(text);
  const [headerRecord, ...body] = records;
  if (headerRecord === undefined) throw new CsvFormatError('empty export: no header row');

  const headers = headerRecord.map((name) => name.trim());
  checkHeaders(headers, options.requiredHeaders ?? []);

  const rows: Record<string, string>[] = [];
  const footerParts: string[] = [];
  body.forEach((record, index) => {
    const line = lines[index + 1];
    const footerPart = footerTextOf(record);
    if (footerPart !== null) {
      footerParts.push(footerPart);
      return;
    }
    const row = rows.length + 1;
    if (footerParts.length > 0) {
      throw new CsvFormatError('data row after the footer', { row, line });
    }
    if (record.length !== headers.length) {
      throw new CsvFormatError(
        `expected ${headers.length} fields as in the header, found ${record.length}`,
        { row, line },
      );
    }
    rows.push(
      Object.fromEntries(
        headers.flatMap((name, column) => (name === '' ? [] : [[name, record[column].trim()]])),
      ),
    );
  });

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

function readRecords(text: string): { records: string[][]; lines: number[] } {
  const lines: number[] = [];
  try {
    const records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      on_record: (record: string[], context) => {
        lines.push(context.lines);
        return record;
      },
    });
    return { records, lines };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined;
      throw new CsvFormatError(describeCsvError(error), { line });
    }
    throw error;
  }
}

function describeCsvError(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'unbalanced quotes: a quoted field is never closed';
  }
  if (MISPLACED_QUOTE_CODES.has(error.code)) return `misplaced quote (${error.code})`;
  return `unreadable CSV (${error.code}): ${error.message}`;
}

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
  const fields = record.map((field) => field.trim()).filter((field) => field !== '');
  return fields.length > 0 && FOOTER_START.test(fields[0]) ? fields.join(', ') : null;
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex(
    (full) =>
      full === lower || full.slice(0, 3) === lower || (lower === 'sept' && full === 'september'),
  );
  return index === -1 ? undefined : index + 1;
}
