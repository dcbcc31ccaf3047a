/** The four CSV exports, named as the first slot of the dashboard's `report` parameter. */
export const REPORT_KINDS = [
  'districtsummary',
  'districtperformance',
  'divisionperformance',
  'clubperformance',
] as const;

export type ReportKind = (typeof REPORT_KINDS)[number];

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}

/** Every report except the summary is per district. */
export function isPerDistrict(kind: ReportKind): boolean {
  return kind !== 'districtsummary';
}
