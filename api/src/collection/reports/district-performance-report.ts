import { CsvReport, RequiredHeader } from './csv-report';
import { parseCharterOrSuspend, RowReader } from './field-values';
import { CharterOrSuspend } from '../../domain/district-snapshot';

/** A club's payments line in the district performance report. */
export interface DistrictPerformanceRow {
  /** Leading zeros stripped, so it joins with the other reports. */
  readonly clubNumber: string;
  readonly totalToDate: number;
  readonly octRenewals: number;
  readonly aprRenewals: number;
  readonly newMembers: number;
  /** Null when the cell is blank or the export has no such column. */
  readonly charterOrSuspend: CharterOrSuspend | null;
}

export const DISTRICT_PERFORMANCE_HEADERS = {
  club: ['Club', 'Club Number'],
  totalToDate: 'Total to Date',
  octRenewals: 'Oct. Ren.',
  aprRenewals: 'Apr. Ren.',
  newMembers: 'New Members',
  charterOrSuspend: 'Charter Date/Suspend Date',
} as const;

const H = DISTRICT_PERFORMANCE_HEADERS;

export const DISTRICT_PERFORMANCE_REQUIRED_HEADERS: readonly RequiredHeader[] = [
  H.club,
  H.totalToDate,
  H.octRenewals,
  H.aprRenewals,
  H.newMembers,
];

/**
 * `referenceYear` places the two-digit years of `Charter MM/DD/YY`: the footer's as-of year
 * when there is one, else the year of the requested date.
 */
export function parseDistrictPerformanceRows(
  report: CsvReport,
  referenceYear: number,
): DistrictPerformanceRow[] {
  const seen = new Set<string>();
  return report.rows.map((raw, index) => {
    const row = new RowReader(raw, index + 1);
    const { column, value } = row.textOfAny(H.club);
    const clubNumber = row.clubNumber(column);
    if (seen.has(clubNumber)) row.fail(column, value, 'club listed twice');
    seen.add(clubNumber);
    const charterText = row.has(H.charterOrSuspend) ? row.text(H.charterOrSuspend) : '';
    return {
      clubNumber,
      totalToDate: row.count(H.totalToDate),
      octRenewals: row.count(H.octRenewals),
      aprRenewals: row.count(H.aprRenewals),
      newMembers: row.count(H.newMembers),
      charterOrSuspend:
        charterText === ''
          ? null
          : row.parse(
              H.charterOrSuspend,
              (text) => parseCharterOrSuspend(text, referenceYear),
              'expected "Charter MM/DD/YY" or "Susp MM/DD/YY"',
            ),
    };
  });
}
