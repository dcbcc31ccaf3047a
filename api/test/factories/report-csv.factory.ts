/**
 * Small factories for dashboard-shaped CSV text, used by the collection tests. Header names
 * follow the domain notes; values default to a plausible healthy club.
 */

export interface CsvShape {
  /** Footer lines as they appear after the data; defaults to one `Month of ..., As of ...` line. */
  readonly footer?: readonly string[];
  readonly eol?: '\n' | '\r\n';
  readonly bom?: boolean;
}

export const DEFAULT_FOOTER = ['Month of Mar, As of 04/01/2026'];

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvText(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  shape: CsvShape = {},
): string {
  const eol = shape.eol ?? '\r\n';
  const lines = [headers, ...rows].map((fields) => fields.map(csvField).join(','));
  const footer = (shape.footer ?? DEFAULT_FOOTER).map(csvField);
  return `${shape.bom ? '\uFEFF' : ''}${[...lines, ...footer].join(eol)}${eol}`;
}

export const CLUB_HEADERS = [
  'Club Number',
  'Club Name',
  'Division',
  'Area',
  'Active Members',
  'Mem. Base',
  'Goals Met',
  'Level 1s',
  'Level 2s',
  'Add. Level 2s',
  'Level 3s',
  'Level 4s, Path Completions, or DTM Awards',
  'Add. Level 4s, Path Completions, or DTM award',
  'New Members',
  'Add. New Members',
  'Off. Trained Round 1',
  'Off. Trained Round 2',
  'Mem. dues on time Oct',
  'Mem. dues on time Apr',
  'Off. List On Time',
  'Club Status',
  'Club Distinguished Status',
] as const;

export type ClubFixture = Partial<Record<(typeof CLUB_HEADERS)[number], string>>;

export function clubRow(overrides: ClubFixture = {}): string[] {
  const defaults: Record<(typeof CLUB_HEADERS)[number], string> = {
    'Club Number': '00001234',
    'Club Name': 'Early Risers',
    Division: 'A',
    Area: '1',
    'Active Members': '22',
    'Mem. Base': '20',
    'Goals Met': '5',
    'Level 1s': '4',
    'Level 2s': '2',
    'Add. Level 2s': '1',
    'Level 3s': '1',
    'Level 4s, Path Completions, or DTM Awards': '0',
    'Add. Level 4s, Path Completions, or DTM award': '0',
    'New Members': '4',
    'Add. New Members': '0',
    'Off. Trained Round 1': '1',
    'Off. Trained Round 2': '0',
    'Mem. dues on time Oct': '1',
    'Mem. dues on time Apr': '0',
    'Off. List On Time': '1',
    'Club Status': 'Active',
    'Club Distinguished Status': '',
  };
  const values = { ...defaults, ...overrides };
  return CLUB_HEADERS.map((header) => values[header]);
}

export function clubCsv(clubs: readonly ClubFixture[], shape?: CsvShape): string {
  return csvText(CLUB_HEADERS, clubs.map(clubRow), shape);
}

export const DISTRICT_HEADERS = [
  'Club',
  'Club Name',
  'Division',
  'Area',
  'New Members',
  'Oct. Ren.',
  'Apr. Ren.',
  'Total to Date',
  'Charter Date/Suspend Date',
] as const;

export type DistrictFixture = Partial<Record<(typeof DISTRICT_HEADERS)[number], string>>;

export function districtCsv(clubs: readonly DistrictFixture[], shape?: CsvShape): string {
  const defaults: Record<(typeof DISTRICT_HEADERS)[number], string> = {
    Club: '1234',
    'Club Name': 'Early Risers',
    Division: 'A',
    Area: '1',
    'New Members': '4',
    'Oct. Ren.': '15',
    'Apr. Ren.': '3',
    'Total to Date': '22',
    'Charter Date/Suspend Date': '',
  };
  return csvText(
    DISTRICT_HEADERS,
    clubs.map((club) => DISTRICT_HEADERS.map((header) => ({ ...defaults, ...club })[header])),
    shape,
  );
}

export const DIVISION_HEADERS = [
  'Division',
  'Area',
  'Club',
  'Division Club Base',
  'Area Club Base',
  'Nov Visit award',
  'May Visit award',
] as const;

export type DivisionFixture = Partial<Record<(typeof DIVISION_HEADERS)[number], string>>;

export function divisionCsv(clubs: readonly DivisionFixture[], shape?: CsvShape): string {
  const defaults: Record<(typeof DIVISION_HEADERS)[number], string> = {
    Division: 'Division A',
    Area: 'Area 1',
    Club: '1234',
    'Division Club Base': '20',
    'Area Club Base': '5',
    'Nov Visit award': '1',
    'May Visit award': '0',
  };
  return csvText(
    DIVISION_HEADERS,
    clubs.map((club) => DIVISION_HEADERS.map((header) => ({ ...defaults, ...club })[header])),
    shape,
  );
}

export const SUMMARY_HEADERS_2025 = [
  'DISTRICT',
  'REGION',
  'Paid Clubs',
  'Paid Club Base',
  '% Club Growth',
  'Total YTD Payments',
  'Payment Base',
  '% Payment Growth',
  'Active Clubs',
  'Total Distinguished Clubs',
  'Select Distinguished Clubs',
  'Presidents Distinguished Clubs',
  'Smedley Distinguished Clubs',
  'DSP',
  'Training',
  'Market Analysis',
  'Communication Plan',
  'Region Advisor Visit',
  'New Payments',
  'April Payments',
  'October Payments',
  'Late Payments',
  'Charter Payments',
] as const;

export type SummaryFixture = Partial<Record<(typeof SUMMARY_HEADERS_2025)[number], string>>;

/** The summary writes its footer in the DISTRICT column, the other cells left empty. */
export function summaryCsv(
  districts: readonly SummaryFixture[],
  shape: CsvShape & { headers?: readonly string[] } = {},
): string {
  const headers = shape.headers ?? SUMMARY_HEADERS_2025;
  const defaults: Record<(typeof SUMMARY_HEADERS_2025)[number], string> = {
    DISTRICT: '61',
    REGION: '08',
    'Paid Clubs': '150',
    'Paid Club Base': '148',
    '% Club Growth': '1.35%',
    'Total YTD Payments': '4,321',
    'Payment Base': '4,100',
    '% Payment Growth': '5.39%',
    'Active Clubs': '152',
    'Total Distinguished Clubs': '40',
    'Select Distinguished Clubs': '12',
    'Presidents Distinguished Clubs': '9',
    'Smedley Distinguished Clubs': '3',
    DSP: 'Y',
    Training: 'Y',
    'Market Analysis': 'N',
    'Communication Plan': 'Y',
    'Region Advisor Visit': 'N',
    'New Payments': '1,002',
    'April Payments': '800',
    'October Payments': '2,400',
    'Late Payments': '100',
    'Charter Payments': '19',
  };
  const rows = districts.map((district) => {
    const values: Record<string, string | undefined> = { ...defaults, ...district };
    return headers.map((header) => values[header] ?? '');
  });
  const footer = (shape.footer ?? ['Month of Mar', 'As of 04/01/2026']).map((line) =>
    [csvField(line), ...headers.slice(1).map(() => '')].join(','),
  );
  const eol = shape.eol ?? '\r\n';
  const body = [headers, ...rows].map((fields) => fields.map(csvField).join(','));
  return `${shape.bom ? '\uFEFF' : ''}${[...body, ...footer].join(eol)}${eol}`;
}
