import { snapshotWithClubs, summaryOf } from '../../test/factories/analytics.factory';
import { districtSnapshotProblems, summaryProblems } from './snapshot-validation';

const DATE = '2026-03-14';
const good = snapshotWithClubs('61', DATE, [
  { members: 22, base: 20, goals: 5 },
  { members: 9, base: 12, goals: 0 },
]);

describe('districtSnapshotProblems', () => {
  it('accepts a snapshot the builder made', () => {
    expect(districtSnapshotProblems(good, DATE, '61')).toEqual([]);
  });

  it.each([
    ['not an object', null, /not an object/],
    ['another date', { ...good, snapshotDate: '2026-03-15' }, /snapshotDate/],
    ['another district', { ...good, districtId: '62' }, /districtId/],
    ['a future schema', { ...good, schemaVersion: 2 }, /schemaVersion/],
    ['a wrong program year', { ...good, programYear: '2026-2027' }, /does not contain/],
    ['a malformed program year', { ...good, programYear: '2025' }, /programYear/],
    ['no clubs list', { ...good, clubs: 'x' }, /clubs is not a list/],
    [
      'a negative member count',
      { ...good, clubs: [{ ...good.clubs[0], activeMembers: -1 }, good.clubs[1]] },
      /clubs\[0\]\.activeMembers/,
    ],
    [
      'a fractional goal count',
      { ...good, clubs: [good.clubs[0], { ...good.clubs[1], goalsMet: 1.5 }] },
      /clubs\[1\]\.goalsMet/,
    ],
    [
      'a half-rated club',
      { ...good, clubs: [{ ...good.clubs[0], membershipBase: null }, good.clubs[1]] },
      /only some of/,
    ],
    ['totals that disagree', { ...good, totals: { ...good.totals, membership: 1 } }, /totals/],
  ])('rejects %s', (_name, doc, pattern) => {
    const problems = districtSnapshotProblems(doc, DATE, '61');
    expect(problems.join('; ')).toMatch(pattern);
  });

  it('names at most five problems', () => {
    const clubs = Array.from({ length: 20 }, () => ({ ...good.clubs[0], activeMembers: -1 }));
    expect(districtSnapshotProblems({ ...good, clubs }, DATE, '61').length).toBeLessThanOrEqual(5);
  });
});

describe('summaryProblems', () => {
  const summary = summaryOf(DATE, [
    {
      districtId: '61',
      clubGrowth: 1.5,
      paymentGrowth: -2,
      activeClubs: 100,
      distinguishedClubs: 20,
    },
  ]);

  it('accepts a normalised summary', () => {
    expect(summaryProblems(summary, DATE)).toEqual([]);
  });

  it('rejects non-finite growth, bad ids, duplicates and another date', () => {
    const row = summary.districts[0];
    expect(
      summaryProblems(
        { ...summary, districts: [{ ...row, clubGrowthPercent: Number.NaN }] },
        DATE,
      ).join(),
    ).toMatch(/clubGrowthPercent/);
    expect(
      summaryProblems({ ...summary, districts: [{ ...row, districtId: '../x' }] }, DATE).join(),
    ).toMatch(/districtId/);
    expect(summaryProblems({ ...summary, districts: [row, row] }, DATE).join()).toMatch(/twice/);
    expect(summaryProblems(summary, '2026-03-15').join()).toMatch(/snapshotDate/);
  });
});
