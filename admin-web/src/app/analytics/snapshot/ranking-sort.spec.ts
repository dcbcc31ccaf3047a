import type { DistrictRankingDto } from '@backfill/api-client';
import { sortRanking } from './ranking-sort';

const score = (value: number, rank: number) => ({ value, rank, points: 0 });
const row = (districtId: string, rank: number, clubGrowth: number): DistrictRankingDto => ({
  districtId,
  rank,
  totalPoints: 10 - rank,
  clubGrowth: score(clubGrowth, rank),
  paymentGrowth: score(0, 1),
  distinguished: score(0, 1),
});

describe('sortRanking', () => {
  const rows = [row('61', 1, 5.5), row('117', 2, -1), row('01', 2, 7), row('F', 4, 0)];

  it('sorts by rank, ties keeping the ranking order', () => {
    expect(sortRanking(rows, 'rank', 'desc').map((r) => r.districtId)).toEqual([
      'F',
      '117',
      '01',
      '61',
    ]);
  });

  it('sorts a category by its value', () => {
    expect(sortRanking(rows, 'clubGrowth', 'desc').map((r) => r.districtId)).toEqual([
      '01',
      '61',
      'F',
      '117',
    ]);
  });

  it('sorts districts as people read them', () => {
    expect(sortRanking(rows, 'districtId', 'asc').map((r) => r.districtId)).toEqual([
      '01',
      '61',
      '117',
      'F',
    ]);
  });

  it('leaves the input alone', () => {
    sortRanking(rows, 'clubGrowth', 'asc');
    expect(rows.map((r) => r.districtId)).toEqual(['61', '117', '01', 'F']);
  });
});
