import { CsvFormatError } from './csv-format-error';
import { thrownBy } from '../../../test/support/thrown';
import { parseReport } from './report-parsers';
import {
  clubCsv,
  csvText,
  districtCsv,
  divisionCsv,
  SUMMARY_HEADERS_2025,
  summaryCsv,
} from '../../../test/factories/report-csv.factory';

const DATE = '2026-04-01';

function formatError(run: () => unknown): CsvFormatError {
  return thrownBy(CsvFormatError, run);
}

describe('summary report', () => {
  it('keeps district rows only and reads separators, percentages and prerequisites', () => {
    const text = summaryCsv([
      { DISTRICT: '61' },
      { DISTRICT: 'F', '% Club Growth': '-2.5%', 'Total YTD Payments': '12,345' },
      { DISTRICT: 'Total' },
      { DISTRICT: '' },
    ]);
    const { parsed, footer } = parseReport('summary', text, DATE);
    expect(footer).toEqual({ dataMonth: '2026-03', asOf: '2026-04-01' });
    expect(parsed.rows.map((row) => row.districtId)).toEqual(['61', 'F']);
    expect(parsed.rows[0]).toEqual({
      districtId: '61',
      region: '08',
      paidClubs: 150,
      paidClubBase: 148,
      clubGrowthPercent: 1.35,
      totalYtdPayments: 4321,
      paymentBase: 4100,
      paymentGrowthPercent: 5.39,
      activeClubs: 152,
      totalDistinguishedClubs: 40,
      selectDistinguishedClubs: 12,
      presidentsDistinguishedClubs: 9,
      smedleyDistinguishedClubs: 3,
      prerequisites: {
        dsp: true,
        training: true,
        marketAnalysis: false,
        communicationPlan: true,
        regionAdvisorVisit: false,
      },
      payments: { new: 1002, april: 800, october: 2400, late: 100, charter: 19 },
    });
    expect(parsed.rows[1]).toMatchObject({ clubGrowthPercent: -2.5, totalYtdPayments: 12345 });
  });

  it('reads exports from before 2025-2026 with the newer columns null', () => {
    const headers = SUMMARY_HEADERS_2025.slice(0, 12);
    const { parsed } = parseReport('summary', summaryCsv([{}], { headers }), '2024-09-10');
    expect(parsed.rows[0].smedleyDistinguishedClubs).toBeNull();
    expect(Object.values(parsed.rows[0].prerequisites)).toEqual([null, null, null, null, null]);
    expect(Object.values(parsed.rows[0].payments)).toEqual([null, null, null, null, null]);
  });

  it('names the row, column and value of a bad number', () => {
    const error = formatError(() =>
      parseReport('summary', summaryCsv([{}, { DISTRICT: '62', 'Paid Clubs': 'many' }]), DATE),
    );
    expect(error).toMatchObject({ row: 2, column: 'Paid Clubs', value: 'many' });
    expect(error.message).toBe(
      'row 2, column "Paid Clubs": expected a whole number (value "many")',
    );
  });

  it('refuses a district listed twice and a missing header', () => {
    expect(formatError(() => parseReport('summary', summaryCsv([{}, {}]), DATE)).reason).toBe(
      'district listed twice',
    );
    const headers = SUMMARY_HEADERS_2025.filter((header) => header !== 'Active Clubs');
    expect(
      formatError(() => parseReport('summary', summaryCsv([{}], { headers }), DATE)).reason,
    ).toBe('missing required headers: "Active Clubs"');
  });

  it('treats zero districts as no data', () => {
    expect(parseReport('summary', summaryCsv([]), DATE).parsed.rows).toEqual([]);
  });
});

describe('club performance report', () => {
  it('normalises club numbers, divisions and areas and reads the DCP counters', () => {
    const text = clubCsv([
      { 'Club Number': '00001234', Division: 'Division B', Area: 'Area 12' },
      {
        'Club Number': '98765',
        'Club Name': 'Talk, "Listen" & Lead',
        Division: 'C',
        Area: '03',
        'Active Members': '1,002',
      },
    ]);
    const { parsed } = parseReport('club', text, DATE);
    expect(parsed.rows[0]).toEqual({
      clubNumber: '1234',
      clubName: 'Early Risers',
      division: 'B',
      area: '12',
      activeMembers: 22,
      membershipBase: 20,
      goalsMet: 5,
      clubStatus: 'Active',
      distinguishedStatus: '',
      dcp: {
        level1s: 4,
        level2s: 2,
        addLevel2s: 1,
        level3s: 1,
        level4sPathsOrDtm: 0,
        addLevel4sPathsOrDtm: 0,
        newMembers: 4,
        addNewMembers: 0,
        officersTrainedRound1: 1,
        officersTrainedRound2: 0,
        duesOnTimeOct: 1,
        duesOnTimeApr: 0,
        officerListOnTime: 1,
      },
      csp: null,
    });
    expect(parsed.rows[1]).toMatchObject({
      clubNumber: '98765',
      clubName: 'Talk, "Listen" & Lead',
      division: 'C',
      area: '3',
      activeMembers: 1002,
    });
  });

  it('reads an older export without the DCP columns, and the CSP flag when present', () => {
    // The columns of a club report from before the DCP goal columns were exported.
    const oldHeaders = [
      'Club Number',
      'Club Name',
      'Division',
      'Area',
      'Active Members',
      'Mem. Base',
      'Goals Met',
      'Club Status',
      'Club Distinguished Status',
    ];
    const old = csvText(oldHeaders, [['12', 'Old Club', 'A', '1', '10', '12', '2', 'Low', '']]);
    const { parsed } = parseReport('club', old, DATE);
    expect(Object.values(parsed.rows[0].dcp).every((value) => value === null)).toBe(true);
    const withCsp = csvText(
      [...oldHeaders, 'CSP'],
      [['12', 'New Club', 'A', '1', '25', '20', '10', 'Active', 'Smedley', 'Y']],
    );
    expect(parseReport('club', withCsp, DATE).parsed.rows[0].csp).toBe(true);
  });

  it('names the row, column and value of every bad value', () => {
    const cases: [Parameters<typeof clubCsv>[0][number], string][] = [
      [{ 'Active Members': '-3' }, 'Active Members'],
      [{ 'Goals Met': '4.5' }, 'Goals Met'],
      [{ 'Club Number': 'A12' }, 'Club Number'],
      [{ Division: 'Division ?' }, 'Division'],
      [{ Area: 'Area' }, 'Area'],
      [{ 'Club Name': '' }, 'Club Name'],
      [{ 'Level 1s': 'x' }, 'Level 1s'],
    ];
    for (const [override, column] of cases) {
      const error = formatError(() =>
        parseReport(
          'club',
          clubCsv([{ 'Club Number': '1' }, { 'Club Number': '2', ...override }]),
          DATE,
        ),
      );
      expect(error).toMatchObject({ row: 2, column });
      expect(error.message).toContain(`row 2, column "${column}"`);
    }
  });

  it('refuses the same club twice, even written with different leading zeros', () => {
    const error = formatError(() =>
      parseReport('club', clubCsv([{ 'Club Number': '0042' }, { 'Club Number': '42' }]), DATE),
    );
    expect(error).toMatchObject({ row: 2, reason: 'club listed twice' });
  });

  it('treats zero clubs as no data', () => {
    expect(parseReport('club', clubCsv([]), DATE).parsed.rows).toEqual([]);
  });

  it('requires a footer when there are data rows', () => {
    expect(
      formatError(() => parseReport('club', clubCsv([{}], { footer: [] }), DATE)).message,
    ).toMatch(/footer/);
  });
});

describe('district performance report', () => {
  it('reads payments and charter/suspend dates keyed by either club column', () => {
    const text = districtCsv([
      { Club: '0001234', 'Charter Date/Suspend Date': 'Charter 03/15/98' },
      { Club: '555', 'Oct. Ren.': '1,010', 'Charter Date/Suspend Date': 'Susp 02/01/26' },
    ]);
    const { parsed } = parseReport('district', text, DATE);
    expect(parsed.rows).toEqual([
      {
        clubNumber: '1234',
        totalToDate: 22,
        octRenewals: 15,
        aprRenewals: 3,
        newMembers: 4,
        charterOrSuspend: { kind: 'charter', date: '1998-03-15' },
      },
      {
        clubNumber: '555',
        totalToDate: 22,
        octRenewals: 1010,
        aprRenewals: 3,
        newMembers: 4,
        charterOrSuspend: { kind: 'suspended', date: '2026-02-01' },
      },
    ]);
    const renamed = districtCsv([{}]).replace(/^Club,/, 'Club Number,');
    expect(parseReport('district', renamed, DATE).parsed.rows[0].clubNumber).toBe('1234');
  });

  it('places two-digit years against the footer year, and names a bad date', () => {
    const text = districtCsv([{ 'Charter Date/Suspend Date': 'Charter 01/05/26' }], {
      footer: ['Month of Dec, As of 01/04/2025'],
    });
    expect(parseReport('district', text, DATE).parsed.rows[0].charterOrSuspend?.date).toBe(
      '1926-01-05',
    );
    const error = formatError(() =>
      parseReport('district', districtCsv([{ 'Charter Date/Suspend Date': 'soon' }]), DATE),
    );
    expect(error).toMatchObject({ row: 1, column: 'Charter Date/Suspend Date', value: 'soon' });
  });

  it('names the club column alternatives when neither is present', () => {
    const text = districtCsv([]).replace(/^Club,/, 'Klub,');
    expect(formatError(() => parseReport('district', text, DATE)).reason).toBe(
      'missing required headers: "Club" or "Club Number"',
    );
  });
});

describe('division performance report', () => {
  it('reads bases and visit awards, normalising division and area', () => {
    const text = divisionCsv([
      { Club: '01234' },
      { Division: 'B', Area: '7', Club: '99', 'Nov Visit award': '0', 'May Visit award': '1' },
    ]);
    expect(parseReport('division', text, DATE).parsed.rows).toEqual([
      {
        division: 'A',
        area: '1',
        clubNumber: '1234',
        divisionClubBase: 20,
        areaClubBase: 5,
        novVisitAward: true,
        mayVisitAward: false,
      },
      {
        division: 'B',
        area: '7',
        clubNumber: '99',
        divisionClubBase: 20,
        areaClubBase: 5,
        novVisitAward: false,
        mayVisitAward: true,
      },
    ]);
  });

  it('refuses an award flag other than 0 or 1', () => {
    const error = formatError(() =>
      parseReport('division', divisionCsv([{ 'May Visit award': 'Y' }]), DATE),
    );
    expect(error).toMatchObject({ row: 1, column: 'May Visit award', value: 'Y' });
  });
});
