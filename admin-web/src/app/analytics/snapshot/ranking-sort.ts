import type { DistrictRankingDto } from '@backfill/api-client';
import { compareDistricts } from '../../shared/format';

/** The columns the ranking sorts by. */
export type RankingColumn =
  | 'rank'
  | 'districtId'
  | 'totalPoints'
  | 'clubGrowth'
  | 'paymentGrowth'
  | 'distinguished';

export type SortDirection = 'asc' | 'desc';

/** The value a column sorts on: a category sorts by its value (its rank follows from it). */
function sortValue(row: DistrictRankingDto, column: RankingColumn): number | string {
  switch (column) {
    case 'rank':
    case 'totalPoints':
      return row[column];
    case 'districtId':
      return row.districtId;
    case 'clubGrowth':
    case 'paymentGrowth':
    case 'distinguished':
      return row[column].value;
  }
}

/** A sorted copy; ties keep the ranking's own order (by rank, then district). */
export function sortRanking(
  rows: readonly DistrictRankingDto[],
  column: RankingColumn,
  direction: SortDirection,
): DistrictRankingDto[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => {
      const x = sortValue(a.row, column);
      const y = sortValue(b.row, column);
      const byValue =
        typeof x === 'string' && typeof y === 'string'
          ? compareDistricts(x, y)
          : (x as number) - (y as number);
      return sign * byValue || a.order - b.order;
    })
    .map(({ row }) => row);
}
