import type { CoverageDto } from '@backfill/api-client';

/** The API's own example: July's month end, closed on 3 August; 117's month end failed. */
export const JULY_COVERAGE: CoverageDto = {
  from: '2025-07-30',
  to: '2025-08-04',
  days: 6,
  districts: ['61', '117', '01'],
  rows: ['oosssm', 'ofsssm', 'onsssn'],
  summary: 'oosssm',
  closingPeriods: [{ monthEnd: '2025-07-31', from: '2025-08-01', to: '2025-08-03' }],
  collectionDates: [{ date: '2025-07-31', collectionDate: '2025-08-03', districts: [0] }],
  summaryCollectionDates: [{ date: '2025-07-31', collectionDate: '2025-08-03' }],
  failures: [
    {
      date: '2025-07-31',
      collectionDate: '2025-08-03',
      reason: 'HTTP 500 after 4 attempts',
      districts: [1],
    },
  ],
  counts: { ok: 4, noData: 2, failed: 1, superseded: 9, missing: 2 },
  summaryCounts: { ok: 2, noData: 0, failed: 0, superseded: 3, missing: 1 },
};
