import { snapshotWithClubs } from '../../test/factories/analytics.factory';
import { districtMetricsOf, membershipOf, seriesPointOf } from './district-metrics';

const DATE = '2026-03-14';

function levelOf(members: number, base: number, goals: number) {
  const d = districtMetricsOf(
    snapshotWithClubs('61', DATE, [{ members, base, goals }]),
  ).distinguished;
  if (d.smedley) return 'smedley';
  if (d.presidents) return 'presidents';
  if (d.select) return 'select';
  if (d.distinguished) return 'distinguished';
  return null;
}

describe('districtMetricsOf', () => {
  it('sums membership, payments and goals over the clubs', () => {
    const metrics = districtMetricsOf(
      snapshotWithClubs('61', DATE, [
        { members: 22, base: 20, goals: 5, payments: 30 },
        { members: 8, base: 10, goals: 0, payments: 4 },
        { members: 15, base: 14, goals: 2, payments: 16 },
      ]),
    );
    expect(metrics).toMatchObject({ membership: 45, payments: 50, dcpGoals: 7 });
    expect(metrics.clubCounts).toEqual({
      total: 3,
      thriving: 1,
      vulnerable: 1,
      interventionRequired: 1,
    });
  });

  it('counts health at the 11/12-member and 2/3-net-growth boundaries', () => {
    const metrics = districtMetricsOf(
      snapshotWithClubs('61', DATE, [
        { members: 11, base: 9, goals: 3 }, // 11, +2: intervention
        { members: 12, base: 10, goals: 3 }, // 12, +2: vulnerable
        { members: 11, base: 8, goals: 3 }, // 11, +3: thriving
        { members: 12, base: 9, goals: 3 }, // 12, +3: thriving
      ]),
    );
    expect(metrics.clubCounts).toEqual({
      total: 4,
      thriving: 2,
      vulnerable: 1,
      interventionRequired: 1,
    });
  });

  it.each([
    // Distinguished: 5 goals and (20 members or +3)
    [20, 20, 4, null],
    [20, 20, 5, 'distinguished'],
    [15, 13, 5, null], // +2
    [15, 12, 5, 'distinguished'], // +3
    // Select: 7 goals and (20 members or +5)
    [20, 20, 6, 'distinguished'],
    [20, 20, 7, 'select'],
    [15, 11, 7, 'distinguished'], // +4: only Distinguished's +3 holds
    [15, 10, 7, 'select'], // +5
    // President's: 9 goals and 20 members
    [20, 20, 8, 'select'],
    [20, 20, 9, 'presidents'],
    [19, 10, 9, 'select'], // 19 members, +9: growth never makes President's
    // Smedley: 10 goals and 25 members
    [24, 20, 10, 'presidents'],
    [25, 20, 10, 'smedley'],
    [25, 20, 9, 'presidents'],
  ] as const)('%i members, base %i, %i goals -> %s', (members, base, goals, expected) => {
    expect(levelOf(members, base, goals)).toBe(expected);
  });

  it('counts each level and the total', () => {
    const metrics = districtMetricsOf(
      snapshotWithClubs('61', DATE, [
        { members: 25, base: 20, goals: 10 },
        { members: 20, base: 20, goals: 9 },
        { members: 20, base: 20, goals: 7 },
        { members: 20, base: 20, goals: 5 },
        { members: 20, base: 20, goals: 5 },
        { members: 20, base: 20, goals: 4 },
      ]),
    );
    expect(metrics.distinguished).toEqual({
      smedley: 1,
      presidents: 1,
      select: 1,
      distinguished: 2,
      total: 5,
    });
  });

  it('rates only clubs of the club performance report, but sums what the others supply', () => {
    const base = snapshotWithClubs('61', DATE, [{ members: 22, base: 20, goals: 5, payments: 9 }]);
    const paymentsOnly = {
      ...base.clubs[0],
      clubNumber: '99',
      activeMembers: null,
      membershipBase: null,
      netGrowth: null,
      goalsMet: null,
      payments: 7,
    };
    const metrics = districtMetricsOf({ ...base, clubs: [...base.clubs, paymentsOnly] });
    expect(metrics).toMatchObject({ membership: 22, payments: 16, dcpGoals: 5 });
    expect(metrics.clubCounts.total).toBe(1);
  });

  it('gives an empty district zeros', () => {
    const metrics = districtMetricsOf(snapshotWithClubs('61', DATE, []));
    expect(metrics).toEqual({
      membership: 0,
      payments: 0,
      dcpGoals: 0,
      clubCounts: { total: 0, thriving: 0, vulnerable: 0, interventionRequired: 0 },
      distinguished: { smedley: 0, presidents: 0, select: 0, distinguished: 0, total: 0 },
    });
  });

  it('agrees with membershipOf and makes the series point', () => {
    const snapshot = snapshotWithClubs('61', DATE, [
      { members: 22, base: 20, goals: 5, payments: 3 },
    ]);
    const metrics = districtMetricsOf(snapshot);
    expect(membershipOf(snapshot)).toBe(metrics.membership);
    expect(seriesPointOf(DATE, metrics)).toEqual({
      date: DATE,
      snapshotId: DATE,
      membership: 22,
      payments: 3,
      dcpGoals: 5,
      distinguishedTotal: 1,
      clubCounts: { total: 1, thriving: 1, vulnerable: 0, interventionRequired: 0 },
    });
  });
});
