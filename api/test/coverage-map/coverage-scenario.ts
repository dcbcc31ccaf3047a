import { CoverageReader } from '../../src/coverage-map/coverage-reader';
import { encodeCoverage } from '../../src/coverage-map/coverage-encoding';
import type { RawReport, SnapshotStore } from '../../src/storage/snapshot-store';
import { summaryOf } from '../factories/analytics.factory';
import { makeDistrictSnapshot } from '../factories/snapshot.factory';

/** The raw summary of a date as a data-collection job stores it; `snapshotDate` after remap. */
export function rawSummary(
  requestedDate: string,
  snapshotDate: string,
  outcome: 'ok' | 'no-data' = 'ok',
): RawReport {
  return {
    csv: 'REGION,DISTRICT\r\n',
    meta: {
      kind: 'summary',
      districtId: null,
      url: 'http://dashboard.test/export',
      requestedDate,
      dataMonth: snapshotDate.slice(0, 7),
      programYear: '2025-2026',
      snapshotDate,
      isClosingPeriod: snapshotDate !== requestedDate,
      outcome,
      rows: outcome === 'ok' ? 3 : 0,
      checksum: 'abc',
      fetchedAt: `${requestedDate}T06:00:00.000Z`,
    },
  };
}

function summary(snapshotDate: string, collectionDate: string, districts: string[]) {
  const base = summaryOf(
    snapshotDate,
    districts.map((districtId) => ({
      districtId,
      clubGrowth: 0,
      paymentGrowth: 0,
      activeClubs: 10,
      distinguishedClubs: 0,
    })),
  );
  return { ...base, collectionDate, isClosingPeriod: collectionDate !== snapshotDate };
}

const FAILED_AT = '2025-07-30T06:00:00.000Z';

/**
 * July's month end, closed on 2 August, as jobs leave it in storage:
 *
 * - 07-29 ordinary: 61 ok, 117 failed, F never collected;
 * - 07-30 the dashboard had no data;
 * - 07-31 the month end, its summary and 61 from the closing day 08-02, 117 from 07-31,
 *   F no-data;
 * - 08-01 a closing day (its raw summary says 07-31);
 * - 08-02 the last closing day, whose raw summary is not stored (a job over 61 only
 *   stored the month end): known from the month end's summary being collected on it;
 * - 08-03 ordinary, its summary lists 61 and 117 only; 61 ok;
 * - 08-04 nothing stored.
 */
export async function seedJulyMonthEnd(store: SnapshotStore): Promise<void> {
  const all = ['61', '117', 'F'];
  await store.saveRawReports([
    rawSummary('2025-07-29', '2025-07-29'),
    rawSummary('2025-07-30', '2025-07-30', 'no-data'),
    rawSummary('2025-07-31', '2025-07-31'),
    rawSummary('2025-08-01', '2025-07-31'),
    rawSummary('2025-08-03', '2025-08-03'),
  ]);
  await store.saveSummary(summary('2025-07-29', '2025-07-29', all));
  await store.saveSummary(summary('2025-07-31', '2025-08-02', all));
  await store.saveSummary(summary('2025-08-03', '2025-08-03', ['61', '117']));
  await store.saveDistrictSnapshot(makeDistrictSnapshot('61', '2025-07-29'));
  await store.recordManifestStatus('2025-07-29', '117', {
    status: 'failed',
    collectionDate: '2025-07-29',
    updatedAt: FAILED_AT,
    reason: 'HTTP 500 after 4 attempts',
  });
  await store.saveDistrictSnapshot(
    makeDistrictSnapshot('61', '2025-08-02', { snapshotDate: '2025-07-31' }),
  );
  await store.saveDistrictSnapshot(makeDistrictSnapshot('117', '2025-07-31'));
  await store.recordManifestStatus('2025-07-31', 'F', {
    status: 'no-data',
    collectionDate: '2025-07-31',
    updatedAt: FAILED_AT,
  });
  await store.saveDistrictSnapshot(makeDistrictSnapshot('61', '2025-08-03'));
}

/** What the coverage of the seeded range must say, on every driver. */
export const JULY_MONTH_END_COVERAGE = {
  from: '2025-07-29',
  to: '2025-08-04',
  days: 7,
  districts: ['61', '117', 'F'],
  rows: ['onossom', 'fnossmm', 'mnnssnm'],
  summary: 'onossom',
  closingPeriods: [{ monthEnd: '2025-07-31', from: '2025-08-01', to: '2025-08-02' }],
  collectionDates: [{ date: '2025-07-31', collectionDate: '2025-08-02', districts: [0] }],
  summaryCollectionDates: [{ date: '2025-07-31', collectionDate: '2025-08-02' }],
  failures: [
    {
      date: '2025-07-29',
      collectionDate: '2025-07-29',
      reason: 'HTTP 500 after 4 attempts',
      districts: [1],
    },
  ],
  counts: { ok: 4, 'no-data': 5, failed: 1, superseded: 6, missing: 5 },
  summaryCounts: { ok: 3, 'no-data': 1, failed: 0, superseded: 2, missing: 1 },
};

export interface CoverageHarness {
  create(): Promise<SnapshotStore>;
  cleanup(): Promise<void>;
}

/** The coverage behaviour every driver must have, read through the real reader. */
export function describeCoverageOnDriver(driverName: string, harness: CoverageHarness): void {
  describe(`coverage read from ${driverName}`, () => {
    let store: SnapshotStore;

    beforeEach(async () => {
      store = await harness.create();
      await seedJulyMonthEnd(store);
    });

    afterEach(() => harness.cleanup());

    it('reports every cell and every summary of the range by its stored state', async () => {
      const grid = await new CoverageReader(store).read('2025-07-29', '2025-08-04');
      expect(encodeCoverage(grid)).toEqual(JULY_MONTH_END_COVERAGE);
    });

    it('finds closing days at the start of a range from the month end before it', async () => {
      const grid = await new CoverageReader(store).read('2025-08-02', '2025-08-04');
      expect(encodeCoverage(grid)).toMatchObject({
        districts: ['61', '117'],
        rows: ['som', 'smm'],
        summary: 'som',
        closingPeriods: [{ monthEnd: '2025-07-31', from: '2025-08-02', to: '2025-08-02' }],
      });
    });

    it('shows the districts asked for, in that order, even with nothing stored', async () => {
      const grid = await new CoverageReader(store).read('2025-07-29', '2025-07-31', ['99', '61']);
      expect(encodeCoverage(grid)).toMatchObject({
        districts: ['99', '61'],
        // 99 is in no summary: no-data where one is stored, missing where none is.
        rows: ['nnn', 'ono'],
      });
    });

    it('answers an empty store with no rows and every summary missing', async () => {
      const grid = await new CoverageReader(store).read('2024-01-01', '2024-01-03');
      expect(encodeCoverage(grid)).toMatchObject({ districts: [], rows: [], summary: 'mmm' });
    });
  });
}
