import { resolveSnapshotPlacement } from '../dashboard/closing-period';
import { buildDistrictSnapshot, DistrictSnapshotInput } from './district-snapshot';
import { DistrictSnapshot } from '../../domain/district-snapshot';
import { distinguishedLevelOf } from '../../domain/distinguished-level';
import { parseReport } from '../reports/report-parsers';
import { clubCsv, districtCsv, divisionCsv } from '../../../test/factories/report-csv.factory';

const DATE = '2026-04-01';
const placement = resolveSnapshotPlacement(DATE, '2026-03');

function input(
  club: string,
  district: string,
  division: string,
  overrides: Partial<DistrictSnapshotInput> = {},
): DistrictSnapshotInput {
  return {
    districtId: '61',
    club: { placement, rows: parseReport('club', club, DATE).parsed.rows },
    district: { placement, rows: parseReport('district', district, DATE).parsed.rows },
    division: { placement, rows: parseReport('division', division, DATE).parsed.rows },
    ...overrides,
  };
}

function built(snapshotInput: DistrictSnapshotInput): DistrictSnapshot {
  const result = buildDistrictSnapshot(snapshotInput);
  if (result.kind !== 'built') throw new Error(result.reason);
  return result.snapshot;
}

describe('buildDistrictSnapshot', () => {
  const clubs = clubCsv([
    // Smedley: 10 goals, 25 members.
    {
      'Club Number': '0000100',
      Division: 'Division A',
      Area: 'Area 1',
      'Active Members': '25',
      'Mem. Base': '20',
      'Goals Met': '10',
    },
    // Distinguished through net growth: 5 goals, 15 members, +3.
    {
      'Club Number': '200',
      Division: 'A',
      Area: '2',
      'Active Members': '15',
      'Mem. Base': '12',
      'Goals Met': '5',
    },
    // Not distinguished.
    {
      'Club Number': '30',
      Division: 'B',
      Area: '10',
      'Active Members': '8',
      'Mem. Base': '10',
      'Goals Met': '1',
    },
  ]);
  const payments = districtCsv([
    { Club: '100', 'Oct. Ren.': '18', 'Apr. Ren.': '2', 'New Members': '5', 'Total to Date': '25' },
    {
      Club: '0200',
      'Oct. Ren.': '10',
      'Apr. Ren.': '1',
      'New Members': '4',
      'Total to Date': '15',
      'Charter Date/Suspend Date': 'Charter 05/01/19',
    },
    { Club: '30', 'Oct. Ren.': '7', 'Apr. Ren.': '0', 'New Members': '1', 'Total to Date': '8' },
  ]);
  const divisions = divisionCsv([
    {
      Division: 'A',
      Area: '1',
      Club: '100',
      'Division Club Base': '2',
      'Area Club Base': '1',
      'Nov Visit award': '1',
      'May Visit award': '1',
    },
    {
      Division: 'A',
      Area: '2',
      Club: '200',
      'Division Club Base': '2',
      'Area Club Base': '1',
      'Nov Visit award': '0',
      'May Visit award': '0',
    },
    {
      Division: 'Division B',
      Area: 'Area 10',
      Club: '030',
      'Division Club Base': '1',
      'Area Club Base': '1',
      'Nov Visit award': '1',
      'May Visit award': '0',
    },
  ]);

  it('joins the three reports by normalised club number and carries the placement', () => {
    const snapshot = built(input(clubs, payments, divisions));
    expect(snapshot).toMatchObject({
      schemaVersion: 1,
      snapshotDate: '2026-03-31',
      districtId: '61',
      programYear: '2025-2026',
      dataMonth: '2026-03',
      collectionDate: '2026-04-01',
      isClosingPeriod: true,
    });
    expect(snapshot.clubs.map((club) => club.clubNumber)).toEqual(['30', '100', '200']);
    expect(snapshot.clubs[2]).toEqual({
      clubNumber: '200',
      name: 'Early Risers',
      division: 'A',
      area: '2',
      activeMembers: 15,
      membershipBase: 12,
      netGrowth: 3,
      goalsMet: 5,
      status: 'Active',
      distinguishedStatus: '',
      distinguishedLevel: 'distinguished',
      dcp: expect.objectContaining({ level1s: 4 }),
      csp: null,
      octRenewals: 10,
      aprRenewals: 1,
      newMembers: 4,
      totalToDate: 15,
      payments: 15,
      charterOrSuspend: { kind: 'charter', date: '2019-05-01' },
      novVisitAward: false,
      mayVisitAward: false,
      sources: { clubPerformance: true, districtPerformance: true, divisionPerformance: true },
    });
    expect(snapshot.coverage).toEqual({
      missingFromClubPerformance: [],
      missingFromDistrictPerformance: [],
      missingFromDivisionPerformance: [],
    });
  });

  it('sums totals, payments being Oct. Ren. + Apr. Ren. + New Members', () => {
    expect(built(input(clubs, payments, divisions)).totals).toEqual({
      clubs: 3,
      membership: 48,
      membershipBase: 42,
      payments: 25 + 15 + 8,
      octRenewals: 35,
      aprRenewals: 3,
      newMembers: 10,
      totalToDate: 48,
      dcpGoals: 16,
      distinguished: { smedley: 1, presidents: 0, select: 0, distinguished: 1, total: 2 },
    });
  });

  it('summarises divisions and areas', () => {
    const snapshot = built(input(clubs, payments, divisions));
    expect(snapshot.divisions).toEqual([
      {
        division: 'A',
        clubBase: 2,
        clubs: 2,
        activeMembers: 40,
        goalsMet: 15,
        distinguishedClubs: 2,
      },
      {
        division: 'B',
        clubBase: 1,
        clubs: 1,
        activeMembers: 8,
        goalsMet: 1,
        distinguishedClubs: 0,
      },
    ]);
    expect(snapshot.areas).toEqual([
      {
        division: 'A',
        area: '1',
        clubBase: 1,
        clubs: 1,
        activeMembers: 25,
        goalsMet: 10,
        distinguishedClubs: 1,
        novVisitAwards: 1,
        mayVisitAwards: 1,
      },
      {
        division: 'A',
        area: '2',
        clubBase: 1,
        clubs: 1,
        activeMembers: 15,
        goalsMet: 5,
        distinguishedClubs: 1,
        novVisitAwards: 0,
        mayVisitAwards: 0,
      },
      {
        division: 'B',
        area: '10',
        clubBase: 1,
        clubs: 1,
        activeMembers: 8,
        goalsMet: 1,
        distinguishedClubs: 0,
        novVisitAwards: 1,
        mayVisitAwards: 0,
      },
    ]);
  });

  it('keeps a club missing from a report, with nulls where that report would fill in', () => {
    const onlyPayments = districtCsv([
      { Club: '100' },
      { Club: '200' },
      { Club: '30' },
      { Club: '777' },
    ]);
    const lessDivisions = divisionCsv([{ Division: 'A', Area: '1', Club: '100' }]);
    const snapshot = built(input(clubs, onlyPayments, lessDivisions));
    const ghost = snapshot.clubs.find((club) => club.clubNumber === '777');
    expect(ghost).toMatchObject({
      name: null,
      division: null,
      area: null,
      activeMembers: null,
      netGrowth: null,
      distinguishedLevel: null,
      payments: 22,
      novVisitAward: null,
      sources: { clubPerformance: false, districtPerformance: true, divisionPerformance: false },
    });
    expect(snapshot.coverage).toEqual({
      missingFromClubPerformance: ['777'],
      missingFromDistrictPerformance: [],
      missingFromDivisionPerformance: ['30', '200', '777'],
    });
    expect(snapshot.totals.clubs).toBe(4);
    expect(snapshot.totals.membership).toBe(48);
    // Division B has no row in the division report, so its base is unknown.
    expect(snapshot.divisions.find((d) => d.division === 'B')?.clubBase).toBeNull();
    expect(snapshot.areas.every((area) => area.division !== '')).toBe(true);
  });

  it('places a club known only to the division report in its division and area', () => {
    const snapshot = built(
      input(clubCsv([]), districtCsv([]), divisionCsv([{ Club: '5', Division: 'C', Area: '9' }])),
    );
    expect(snapshot.clubs).toEqual([
      expect.objectContaining({ clubNumber: '5', division: 'C', area: '9', activeMembers: null }),
    ]);
    expect(snapshot.totals).toMatchObject({ clubs: 1, membership: 0, payments: 0 });
  });

  it('builds an empty snapshot from three empty reports', () => {
    const snapshot = built(input(clubCsv([]), districtCsv([]), divisionCsv([])));
    expect(snapshot.clubs).toEqual([]);
    expect(snapshot.divisions).toEqual([]);
    expect(snapshot.totals.clubs).toBe(0);
  });

  it('refuses to join reports that belong to different snapshots', () => {
    const later = resolveSnapshotPlacement(DATE, '2026-04');
    const base = input(clubs, payments, divisions);
    const result = buildDistrictSnapshot({
      ...base,
      division: { ...base.division, placement: later },
    });
    expect(result).toEqual({
      kind: 'inconsistent',
      reason:
        'the division report is for 2026-04 (snapshot 2026-04-01) but the club report is for 2026-03 (snapshot 2026-03-31)',
    });
  });
});

describe('distinguishedLevelOf', () => {
  it.each([
    [10, 25, 25, 'smedley'],
    [10, 24, 10, 'presidents'],
    [9, 20, 20, 'presidents'],
    [9, 19, 10, 'select'],
    [7, 20, 20, 'select'],
    [7, 12, 7, 'select'],
    [7, 12, 8, 'distinguished'],
    [5, 20, 20, 'distinguished'],
    [5, 13, 10, 'distinguished'],
    [5, 12, 10, null],
    [4, 30, 10, null],
  ] as const)('%i goals, %i members, base %i -> %s', (goals, members, base, level) => {
    expect(distinguishedLevelOf(goals, members, base)).toBe(level);
  });
});
