import type { SeriesPoint } from '../domain/analytics.model';
import { summariseSeries } from './series-summary';

function point(date: string, membership: number): SeriesPoint {
  return {
    date,
    snapshotId: date,
    membership,
    payments: 0,
    dcpGoals: 0,
    distinguishedTotal: 0,
    clubCounts: { total: 0, thriving: 0, vulnerable: 0, interventionRequired: 0 },
  };
}

describe('summariseSeries', () => {
  it('gives start, end, peak, low and change', () => {
    const summary = summariseSeries([
      point('2025-07-31', 3000),
      point('2025-10-31', 3500),
      point('2026-01-31', 2900),
      point('2026-03-14', 3400),
    ]);
    expect(summary).toEqual({
      points: 4,
      start: { date: '2025-07-31', membership: 3000 },
      end: { date: '2026-03-14', membership: 3400 },
      peak: { date: '2025-10-31', membership: 3500 },
      low: { date: '2026-01-31', membership: 2900 },
      change: 400,
    });
  });

  it('takes the earliest date on a tie', () => {
    const summary = summariseSeries([
      point('2025-07-01', 10),
      point('2025-07-02', 20),
      point('2025-07-03', 20),
      point('2025-07-04', 10),
    ]);
    expect(summary?.peak.date).toBe('2025-07-02');
    expect(summary?.low.date).toBe('2025-07-01');
  });

  it('is null for an empty series and trivial for one point', () => {
    expect(summariseSeries([])).toBeNull();
    const one = summariseSeries([point('2025-08-01', 7)]);
    expect(one).toMatchObject({ points: 1, change: 0, peak: { membership: 7 } });
  });
});
