import {
  CLUB_PERFORMANCE_REQUIRED_HEADERS,
  ClubPerformanceRow,
  parseClubPerformanceRows,
} from './club-performance-report';
import { CsvFooter, parseCsvReport } from './csv-report';
import { ReportKind } from '../../domain/report-kinds';
import {
  DISTRICT_PERFORMANCE_REQUIRED_HEADERS,
  DistrictPerformanceRow,
  parseDistrictPerformanceRows,
} from './district-performance-report';
import {
  DIVISION_PERFORMANCE_REQUIRED_HEADERS,
  DivisionPerformanceRow,
  parseDivisionPerformanceRows,
} from './division-performance-report';
import { parseSummaryRows, SUMMARY_REQUIRED_HEADERS } from './summary-report';
import { SummaryRow } from '../../domain/summary-row';
import { IsoDate, parseIsoDate } from '../../common/utc-dates';

/** Typed rows of one export, tagged with the report they came from. */
export type ParsedRows =
  | { readonly kind: 'summary'; readonly rows: readonly SummaryRow[] }
  | { readonly kind: 'district'; readonly rows: readonly DistrictPerformanceRow[] }
  | { readonly kind: 'division'; readonly rows: readonly DivisionPerformanceRow[] }
  | { readonly kind: 'club'; readonly rows: readonly ClubPerformanceRow[] };

export type ParsedRowsOf<K extends ReportKind> = Extract<ParsedRows, { kind: K }>;

export interface ParsedReport<K extends ReportKind = ReportKind> {
  readonly headers: readonly string[];
  readonly footer: CsvFooter | null;
  readonly parsed: ParsedRowsOf<K>;
}

/**
 * Parses and validates one export end to end. Throws CsvFormatError for anything malformed;
 * zero data rows is a valid answer (the dashboard's way of saying "no data for that date").
 * `requestedDate` only places two-digit charter years when the export has no footer.
 */
export function parseReport<K extends ReportKind>(
  kind: K,
  text: string,
  requestedDate: IsoDate,
): ParsedReport<K> {
  const report = parseCsvReport(text, {
    requiredHeaders: REQUIRED_HEADERS[kind],
    requireFooter: true,
  });
  const referenceYear = report.footer
    ? parseIsoDate(report.footer.asOf).year
    : parseIsoDate(requestedDate).year;
  let parsed: ParsedRows;
  switch (kind) {
    case 'summary':
      parsed = { kind: 'summary', rows: parseSummaryRows(report) };
      break;
    case 'district':
      parsed = { kind: 'district', rows: parseDistrictPerformanceRows(report, referenceYear) };
      break;
    case 'division':
      parsed = { kind: 'division', rows: parseDivisionPerformanceRows(report) };
      break;
    case 'club':
      parsed = { kind: 'club', rows: parseClubPerformanceRows(report) };
      break;
  }
  return { headers: report.headers, footer: report.footer, parsed: parsed as ParsedRowsOf<K> };
}

const REQUIRED_HEADERS = {
  summary: SUMMARY_REQUIRED_HEADERS,
  district: DISTRICT_PERFORMANCE_REQUIRED_HEADERS,
  division: DIVISION_PERFORMANCE_REQUIRED_HEADERS,
  club: CLUB_PERFORMANCE_REQUIRED_HEADERS,
} as const satisfies Record<ReportKind, unknown>;
