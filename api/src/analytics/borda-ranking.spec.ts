import fc from 'fast-check';
import { summaryRow } from '../../test/factories/analytics.factory';
import {
  bordaRanking,
  categoryScores,
  competitionRanks,
  distinguishedPercentOf,
  RankingInput,
} from './borda-ranking';

function input(
  districtId: string,
  clubGrowthPercent: number,
  paymentGrowthPercent: number,
  distinguishedPercent: number,
): RankingInput {
  return { districtId, clubGrowthPercent, paymentGrowthPercent, distinguishedPercent };
}

describe('competitionRanks', () => {
  it('ranks highest first, ties share a rank and the next rank is skipped', () => {
    expect(competitionRanks([5, 9, 5, 1, 9])).toEqual([3, 1, 3, 5, 1]);
  });

  it('ranks negative growth below zero', () => {
    expect(competitionRanks([-2.5, 0, 3.1])).toEqual([3, 2, 1]);
  });

  it('is one more than the number of strictly better values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 30 }), (values) => {
        const ranks = competitionRanks(values);
        values.forEach((v, i) => {
          expect(ranks[i]).toBe(1 + values.filter((w) => w > v).length);
        });
      }),
    );
  });
});

describe('categoryScores', () => {
  it('gives N - rank + 1 points, shared by ties', () => {
    expect(categoryScores([10, 20, 20, 5]).map((s) => [s.rank, s.points])).toEqual([
      [3, 2],
      [1, 4],
      [1, 4],
      [4, 1],
    ]);
  });

  it('scores 0 for everyone when every district ties', () => {
    expect(categoryScores([3, 3, 3]).map((s) => [s.rank, s.points])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
    expect(categoryScores([7])).toEqual([{ value: 7, rank: 1, points: 0 }]);
    expect(categoryScores([])).toEqual([]);
  });
});

describe('distinguishedPercentOf', () => {
  it('divides distinguished by active clubs, 0 without active clubs', () => {
    const row = (activeClubs: number, distinguishedClubs: number) =>
      summaryRow({
        districtId: '1',
        clubGrowth: 0,
        paymentGrowth: 0,
        activeClubs,
        distinguishedClubs,
      });
    expect(distinguishedPercentOf(row(200, 50))).toBe(25);
    expect(distinguishedPercentOf(row(0, 0))).toBe(0);
    // Equal ratios are equal doubles, so they tie exactly.
    expect(distinguishedPercentOf(row(3, 1))).toBe(distinguishedPercentOf(row(6, 2)));
  });
});

describe('bordaRanking', () => {
  it('adds the three categories and ranks the totals', () => {
    const ranking = bordaRanking([
      input('A', 5, 2, 30), // 3 + 2 + 3 = 8
      input('B', 1, 9, 10), // 1 + 3 + 1 = 5
      input('C', 3, 1, 20), // 2 + 1 + 2 = 5
    ]);
    expect(ranking.map((r) => [r.districtId, r.rank, r.totalPoints])).toEqual([
      ['A', 1, 8],
      ['B', 2, 5],
      ['C', 2, 5],
    ]);
    expect(ranking[0].clubGrowth).toEqual({ value: 5, rank: 1, points: 3 });
  });

  it('lets a category where everyone ties count for nothing', () => {
    const ranking = bordaRanking([input('A', 0, 2, 10), input('B', 0, 1, 10)]);
    expect(ranking.map((r) => [r.districtId, r.totalPoints])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    expect(ranking.every((r) => r.clubGrowth.points === 0 && r.distinguished.points === 0)).toBe(
      true,
    );
  });

  it('shares rank 1 when every district ties everywhere, and orders by id', () => {
    const ranking = bordaRanking([input('U', 1, 1, 1), input('F', 1, 1, 1), input('01', 1, 1, 1)]);
    expect(ranking.map((r) => [r.districtId, r.rank, r.totalPoints])).toEqual([
      ['01', 1, 0],
      ['F', 1, 0],
      ['U', 1, 0],
    ]);
  });

  it('is independent of input order (property)', () => {
    const district = fc.record({
      clubGrowthPercent: fc.integer({ min: -3, max: 3 }),
      paymentGrowthPercent: fc.integer({ min: -3, max: 3 }),
      distinguishedPercent: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(district, { maxLength: 12 }).chain((ds) =>
          fc.tuple(
            fc.constant(ds),
            fc.shuffledSubarray(
              ds.map((_, i) => i),
              { minLength: ds.length },
            ),
          ),
        ),
        ([districts, order]) => {
          const inputs = districts.map((d, i) => ({ districtId: `D${i}`, ...d }));
          const shuffled = order.map((i) => inputs[i]);
          expect(bordaRanking(shuffled)).toEqual(bordaRanking(inputs));
        },
      ),
    );
  });
});
