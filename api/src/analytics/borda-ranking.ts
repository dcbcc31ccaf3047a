import type { SummaryRow } from '../domain/summary-row';
import type { CategoryScore, DistrictRanking } from '../domain/analytics.model';

/** The summary figures one district is ranked on. */
export interface RankingInput {
  readonly districtId: string;
  readonly clubGrowthPercent: number;
  readonly paymentGrowthPercent: number;
  readonly distinguishedPercent: number;
}

/** Distinguished clubs per active club, in percent; 0 for a district without active clubs. */
export function distinguishedPercentOf(row: SummaryRow): number {
  return row.activeClubs > 0 ? (row.totalDistinguishedClubs / row.activeClubs) * 100 : 0;
}

export function rankingInputOf(row: SummaryRow): RankingInput {
  return {
    districtId: row.districtId,
    clubGrowthPercent: row.clubGrowthPercent,
    paymentGrowthPercent: row.paymentGrowthPercent,
    distinguishedPercent: distinguishedPercentOf(row),
  };
}

/**
 * Standard competition ranking ("1224"), highest value first: a district's rank is one
 * more than the number of districts strictly better, so equal values share a rank and
 * the next rank is skipped. Values are compared exactly (no rounding), which is safe
 * because equal inputs give bit-identical doubles.
 */
export function competitionRanks(values: readonly number[]): number[] {
  const descending = [...values].sort((a, b) => b - a);
  const firstIndex = new Map<number, number>();
  descending.forEach((value, index) => {
    if (!firstIndex.has(value)) firstIndex.set(value, index);
  });
  return values.map((value) => (firstIndex.get(value) ?? 0) + 1);
}

/**
 * Borda points of one category: `N - rank + 1`. A category in which every district has the
 * same value tells them nothing apart, so it scores 0 for all instead of N each.
 */
export function categoryScores(values: readonly number[]): CategoryScore[] {
  const ranks = competitionRanks(values);
  const allTie = values.every((value) => value === values[0]);
  const n = values.length;
  return values.map((value, i) => ({
    value,
    rank: ranks[i],
    points: allTie ? 0 : n - ranks[i] + 1,
  }));
}

/**
 * The Borda count over club growth %, payment growth % and distinguished %. The overall
 * rank orders total points the same way, ties sharing a rank. Sorted by rank, then id.
 */
export function bordaRanking(inputs: readonly RankingInput[]): DistrictRanking[] {
  const clubGrowth = categoryScores(inputs.map((input) => input.clubGrowthPercent));
  const paymentGrowth = categoryScores(inputs.map((input) => input.paymentGrowthPercent));
  const distinguished = categoryScores(inputs.map((input) => input.distinguishedPercent));
  const totals = inputs.map(
    (_, i) => clubGrowth[i].points + paymentGrowth[i].points + distinguished[i].points,
  );
  const overall = competitionRanks(totals);
  return inputs
    .map((input, i) => ({
      districtId: input.districtId,
      rank: overall[i],
      totalPoints: totals[i],
      clubGrowth: clubGrowth[i],
      paymentGrowth: paymentGrowth[i],
      distinguished: distinguished[i],
    }))
    .sort((a, b) => a.rank - b.rank || compareText(a.districtId, b.districtId));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
