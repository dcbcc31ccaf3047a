import type { DistrictSeriesDto, SeriesPointDto } from '@backfill/api-client';
import { clubHealthChart, trendChart } from './district-year-charts';

const point = (date: string, membership: number): SeriesPointDto => ({
  date,
  snapshotId: date,
  membership,
  payments: membership / 2,
  dcpGoals: 10,
  distinguishedTotal: 1,
  clubCounts: { thriving: 5, vulnerable: 3, interventionRequired: 2, total: 10 },
});

const series: DistrictSeriesDto = {
  districtId: '61',
  programYear: '2025-2026',
  points: [point('2025-07-31', 100), point('2025-08-31', 120)],
  summary: {
    start: { date: '2025-07-31', membership: 100 },
    end: { date: '2025-08-31', membership: 120 },
    peak: { date: '2025-08-31', membership: 120 },
    low: { date: '2025-07-31', membership: 100 },
    change: 20,
    points: 2,
  },
};

describe('district year charts', () => {
  it('draws membership, payments and DCP goals, goals on their own axis', () => {
    const { options, table } = trendChart(series);
    const drawn = options.series as { name: string; data: unknown[]; yAxisIndex: number }[];
    expect(drawn.map((s) => [s.name, s.data, s.yAxisIndex])).toEqual([
      [
        'Membership',
        [
          ['2025-07-31', 100],
          ['2025-08-31', 120],
        ],
        0,
      ],
      [
        'Payments',
        [
          ['2025-07-31', 50],
          ['2025-08-31', 60],
        ],
        0,
      ],
      [
        'DCP goals',
        [
          ['2025-07-31', 10],
          ['2025-08-31', 10],
        ],
        1,
      ],
    ]);
    expect(table.rows).toEqual([
      ['2025-07-31', 100, 50, 10],
      ['2025-08-31', 120, 60, 10],
    ]);
  });

  it('stacks the club health counts, with the same figures as a table', () => {
    const { options, table } = clubHealthChart(series);
    const drawn = options.series as { name: string; stack: string; data: number[] }[];
    expect(drawn.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['Thriving', 'clubs', [5, 5]],
      ['Vulnerable', 'clubs', [3, 3]],
      ['Intervention required', 'clubs', [2, 2]],
    ]);
    expect(table.columns).toEqual([
      'Date',
      'Thriving',
      'Vulnerable',
      'Intervention required',
      'Clubs rated',
    ]);
    expect(table.rows[0]).toEqual(['2025-07-31', 5, 3, 2, 10]);
  });
});
