import { CsvReport, RequiredHeader } from './csv-report';
import { RowReader } from './field-values';

/** A club's line in the division/area performance report. */
export interface DivisionPerformanceRow {
  readonly division: string;
  readonly area: string;
  /** Leading zeros stripped, so it joins with the other reports. */
  readonly clubNumber: string;
  readonly divisionClubBase: number;
  readonly areaClubBase: number;
  readonly novVisitAward: boolean;
  readonly mayVisitAward: boolean;
}

export const DIVISION_PERFORMANCE_HEADERS = {
  division: 'Division',
  area: 'Area',
  club: 'Club',
  divisionClubBase: 'Division Club Base',
  areaClubBase: 'Area Club Base',
  novVisitAward: 'Nov Visit award',
  mayVisitAward: 'May Visit award',
} as const;

const H = DIVISION_PERFORMANCE_HEADERS;

export const DIVISION_PERFORMANCE_REQUIRED_HEADERS: readonly RequiredHeader[] = Object.values(H);

export function parseDivisionPerformanceRows(report: CsvReport): DivisionPerformanceRow[] {
  const seen = new Set<string>();
  return report.rows.map((raw, index) => {
    const row = new RowReader(raw, index + 1);
    const clubNumber = row.clubNumber(H.club);
    if (seen.has(clubNumber)) row.fail(H.club, row.text(H.club), 'club listed twice');
    seen.add(clubNumber);
    return {
      division: row.division(H.division),
      area: row.area(H.area),
      clubNumber,
      divisionClubBase: row.count(H.divisionClubBase),
      areaClubBase: row.count(H.areaClubBase),
      novVisitAward: row.zeroOne(H.novVisitAward),
      mayVisitAward: row.zeroOne(H.mayVisitAward),
    };
  });
}
