import { hasData } from '../availability';
import { IsoDate, lastDayOfMonth, toParts, todayUtc } from '../calendar';
import { DataPeriod, resolveDataPeriod } from '../closing-period';
import { csvRow } from '../csv-writer';
import { districtsForProgramYear } from '../districts';
import { LruCache } from '../lru';
import { districtSnapshot } from '../model/snapshot';
import { unitHash } from '../prng';
import { ReportKind } from '../report-kind';
import { clubPerformanceHeader, clubPerformanceRows } from './club-performance';
import { districtPerformanceHeader, districtPerformanceRows } from './district-performance';
import { districtSummaryHeader, districtSummaryRow } from './district-summary';
import { divisionPerformanceHeader, divisionPerformanceRows } from './division-performance';
import { footerText } from './footer';

export interface RenderOptions {
  /** Dates on or after this have no data yet. Defaults to the real UTC today. */
  today?: IsoDate;
}

export interface RenderedReport {
  /** The CSV text, starting with U+FEFF when `bom` is true. */
  body: string;
  bom: boolean;
  /** Data rows, excluding header and footer. */
  dataRows: number;
  footer: string;
  period: DataPeriod;
  /** Districts with rows in the report: all of the summary's, or the one of a district report. */
  districts: readonly string[];
}

interface ReportContent {
  header: readonly string[];
  /** CSV lines, CRLF-terminated. */
  rows: string[];
  districts: readonly string[];
}

const BOM = '\uFEFF';
/** Share of files that start with a UTF-8 byte-order mark, fixed per (report, district, date). */
const BOM_RATE = 0.25;
const rendered = new LruCache<string, RenderedReport>(512);

/**
 * Renders the CSV a collection date serves. A date without data, or a district absent from
 * the program year, yields the header and footer only, like the real dashboard's HTTP 200.
 */
export function renderReport(
  kind: ReportKind,
  district: string | undefined,
  collectionDate: IsoDate,
  options: RenderOptions = {},
): RenderedReport {
  const available = hasData(collectionDate, options.today ?? todayUtc());
  const key = `${kind}|${district ?? ''}|${collectionDate}|${available ? 1 : 0}`;
  return rendered.getOrCreate(key, () => build(kind, district, collectionDate, available));
}

function build(
  kind: ReportKind,
  district: string | undefined,
  collectionDate: IsoDate,
  available: boolean,
): RenderedReport {
  const period = resolveDataPeriod(collectionDate);
  const parts = available
    ? content(kind, district, collectionDate, period)
    : { header: headerOf(kind, period.programYear), rows: [], districts: [] };
  return assemble(kind, district, period, parts);
}

/**
 * The empty answer for a month that the collection date does not serve: header and footer
 * only, the footer naming `monthEnd`'s month "as of" the collection date, the header laid out
 * for `programYear`. The strict `dateSlots: 'data-month'` reading answers with it when MONTH_END
 * misses the data month.
 */
export function renderEmptyMonth(
  kind: ReportKind,
  district: string | undefined,
  monthEnd: IsoDate,
  collectionDate: IsoDate,
  programYear: string,
): RenderedReport {
  const { year, month } = toParts(monthEnd);
  const served = toParts(collectionDate);
  const period: DataPeriod = {
    collectionDate,
    dataYear: year,
    dataMonth: month,
    closing: year * 12 + month < served.year * 12 + served.month,
    snapshotDate: lastDayOfMonth(year, month),
    programYear,
  };
  return assemble(kind, district, period, {
    header: headerOf(kind, programYear),
    rows: [],
    districts: [],
  });
}

function assemble(
  kind: ReportKind,
  district: string | undefined,
  period: DataPeriod,
  { header, rows, districts }: ReportContent,
): RenderedReport {
  const collectionDate = period.collectionDate;
  const footer = footerText(period);
  // The summary's footer lands in its DISTRICT column; the other exports carry it as one field.
  const footerFields =
    kind === 'districtsummary' ? [footer, ...header.slice(1).map(() => '')] : [footer];
  const bom = unitHash('bom', kind, district ?? '', collectionDate) < BOM_RATE;
  const body = (bom ? BOM : '') + csvRow(header) + rows.join('') + csvRow(footerFields);
  return { body, bom, dataRows: rows.length, footer, period, districts };
}

function headerOf(kind: ReportKind, programYear: string): readonly string[] {
  switch (kind) {
    case 'districtsummary':
      return districtSummaryHeader(programYear);
    case 'districtperformance':
      return districtPerformanceHeader();
    case 'divisionperformance':
      return divisionPerformanceHeader();
    case 'clubperformance':
      return clubPerformanceHeader(programYear);
  }
}

function content(
  kind: ReportKind,
  district: string | undefined,
  collectionDate: IsoDate,
  period: DataPeriod,
): ReportContent {
  const header = headerOf(kind, period.programYear);
  if (kind === 'districtsummary') {
    const districts = districtsForProgramYear(period.programYear);
    const rows = districts.flatMap((id) => {
      const snapshot = districtSnapshot(id, collectionDate);
      return snapshot === null ? [] : [districtSummaryRow(snapshot)];
    });
    return { header, rows, districts };
  }
  const snapshot = district === undefined ? null : districtSnapshot(district, collectionDate);
  if (snapshot === null) {
    return { header, rows: [], districts: [] };
  }
  switch (kind) {
    case 'districtperformance':
      return { header, rows: districtPerformanceRows(snapshot), districts: [snapshot.district] };
    case 'divisionperformance':
      return { header, rows: divisionPerformanceRows(snapshot), districts: [snapshot.district] };
    case 'clubperformance':
      return { header, rows: clubPerformanceRows(snapshot), districts: [snapshot.district] };
  }
}
