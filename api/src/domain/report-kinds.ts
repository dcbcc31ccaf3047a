/** The four CSV exports the service collects. */
export type ReportKind = 'summary' | 'district' | 'division' | 'club';

export const REPORT_KINDS: readonly ReportKind[] = ['summary', 'district', 'division', 'club'];
