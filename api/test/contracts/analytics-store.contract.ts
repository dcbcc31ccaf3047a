import type { SeriesPoint, SnapshotAnalytics } from '../../src/domain/analytics.model';
import { datesInRange } from '../../src/common/utc-dates';
import type { AnalyticsStore } from '../../src/storage/analytics-store';

export interface AnalyticsStoreHarness {
  create(): Promise<AnalyticsStore>;
  cleanup(): Promise<void>;
}

export function seriesPoint(date: string, membership: number): SeriesPoint {
  return {
    date,
    snapshotId: date,
    membership,
    payments: membership * 2,
    dcpGoals: 40,
    distinguishedTotal: 3,
    clubCounts: { total: 10, thriving: 5, vulnerable: 3, interventionRequired: 2 },
  };
}

function snapshotAnalytics(snapshotDate: string, membership = 3000): SnapshotAnalytics {
  const score = { value: 1.5, rank: 1, points: 0 };
  return {
    schemaVersion: 1,
    snapshotDate,
    districts: [
      {
        districtId: '61',
        programYear: '2025-2026',
        dataMonth: snapshotDate.slice(0, 7),
        collectionDate: snapshotDate,
        isClosingPeriod: false,
        membership,
        payments: 4000,
        dcpGoals: 400,
        clubCounts: { total: 150, thriving: 90, vulnerable: 40, interventionRequired: 20 },
        distinguished: { smedley: 1, presidents: 2, select: 3, distinguished: 4, total: 10 },
        previousSnapshotDate: null,
        membershipChange: null,
      },
    ],
    ranking: [
      {
        districtId: '61',
        rank: 1,
        totalPoints: 0,
        clubGrowth: score,
        paymentGrowth: score,
        distinguished: score,
      },
    ],
    summaryCollectionDate: snapshotDate,
  };
}

/** The behaviour every AnalyticsStore driver must have. */
export function describeAnalyticsStoreContract(driverName: string, harness: AnalyticsStoreHarness) {
  describe(`AnalyticsStore contract (${driverName})`, () => {
    let store: AnalyticsStore;

    beforeEach(async () => {
      store = await harness.create();
    });

    afterEach(() => harness.cleanup());

    it('round-trips snapshot analytics and replaces them per date', async () => {
      expect(await store.getSnapshotAnalytics('2026-03-14')).toBeNull();
      await store.saveSnapshotAnalytics(snapshotAnalytics('2026-03-14'));
      await store.saveSnapshotAnalytics(snapshotAnalytics('2026-03-15', 3100));
      expect(await store.getSnapshotAnalytics('2026-03-14')).toEqual(
        snapshotAnalytics('2026-03-14'),
      );
      await store.saveSnapshotAnalytics(snapshotAnalytics('2026-03-14', 2999));
      expect((await store.getSnapshotAnalytics('2026-03-14'))?.districts[0].membership).toBe(2999);
      expect((await store.getSnapshotAnalytics('2026-03-15'))?.districts[0].membership).toBe(3100);
    });

    it('stores the input fingerprint with the analytics and reads it alone', async () => {
      const first = 'a'.repeat(64);
      const second = 'b'.repeat(64);
      await store.saveSnapshotAnalytics(snapshotAnalytics('2026-03-14'), first);
      await store.saveSnapshotAnalytics(snapshotAnalytics('2026-03-15'));
      expect(await store.getSnapshotAnalytics('2026-03-14')).toEqual(
        snapshotAnalytics('2026-03-14'),
      );
      const dates = ['2026-03-13', '2026-03-14', '2026-03-15'];
      expect(await store.getInputFingerprints(dates)).toEqual(new Map([['2026-03-14', first]]));
      await store.saveSnapshotAnalytics(snapshotAnalytics('2026-03-14', 2999), second);
      await store.saveSnapshotAnalytics(snapshotAnalytics('2026-03-15'), first);
      expect(await store.getInputFingerprints(dates)).toEqual(
        new Map([
          ['2026-03-14', second],
          ['2026-03-15', first],
        ]),
      );
      expect((await store.getSnapshotAnalytics('2026-03-14'))?.districts[0].membership).toBe(2999);
      await expect(store.getInputFingerprints(['../x'])).rejects.toThrow(/date/);
      await expect(
        store.saveSnapshotAnalytics(snapshotAnalytics('2026-03-16'), 'not hex"'),
      ).rejects.toThrow(/fingerprint/);
    });

    it('keeps a null ranking', async () => {
      await store.saveSnapshotAnalytics({
        ...snapshotAnalytics('2026-03-14'),
        ranking: null,
        summaryCollectionDate: null,
      });
      expect(await store.getSnapshotAnalytics('2026-03-14')).toMatchObject({
        ranking: null,
        summaryCollectionDate: null,
      });
    });

    it('returns an empty series when nothing is stored', async () => {
      expect(await store.getSeriesPoints('61', '2025-2026')).toEqual([]);
    });

    it('returns points ascending by date whatever the upsert order', async () => {
      for (const date of ['2026-03-14', '2025-07-01', '2026-06-30', '2025-12-31']) {
        await store.upsertSeriesPoint('61', '2025-2026', seriesPoint(date, 100));
      }
      expect((await store.getSeriesPoints('61', '2025-2026')).map((p) => p.date)).toEqual([
        '2025-07-01',
        '2025-12-31',
        '2026-03-14',
        '2026-06-30',
      ]);
    });

    it('replaces the point of an existing date and leaves the others alone', async () => {
      await store.upsertSeriesPoint('61', '2025-2026', seriesPoint('2025-08-01', 100));
      await store.upsertSeriesPoint('61', '2025-2026', seriesPoint('2025-08-02', 200));
      await store.upsertSeriesPoint('61', '2025-2026', seriesPoint('2025-08-01', 150));
      await store.upsertSeriesPoint('61', '2025-2026', seriesPoint('2025-08-01', 150));
      expect(await store.getSeriesPoints('61', '2025-2026')).toEqual([
        seriesPoint('2025-08-01', 150),
        seriesPoint('2025-08-02', 200),
      ]);
    });

    it('keeps series apart per district and program year', async () => {
      await store.upsertSeriesPoint('61', '2025-2026', seriesPoint('2025-08-01', 1));
      await store.upsertSeriesPoint('F', '2025-2026', seriesPoint('2025-08-01', 2));
      await store.upsertSeriesPoint('61', '2024-2025', seriesPoint('2024-08-01', 3));
      expect(await store.getSeriesPoints('61', '2025-2026')).toEqual([
        seriesPoint('2025-08-01', 1),
      ]);
      expect(await store.getSeriesPoints('F', '2025-2026')).toEqual([seriesPoint('2025-08-01', 2)]);
      expect(await store.getSeriesPoints('61', '2024-2025')).toEqual([
        seriesPoint('2024-08-01', 3),
      ]);
    });

    it('holds every day of a leap program year, first to last', async () => {
      const days = datesInRange('2023-07-01', '2024-06-30');
      expect(days).toHaveLength(366);
      for (const [i, date] of days.entries()) {
        await store.upsertSeriesPoint('130', '2023-2024', seriesPoint(date, i));
      }
      const points = await store.getSeriesPoints('130', '2023-2024');
      expect(points).toHaveLength(366);
      expect(points[243]).toEqual(seriesPoint('2024-02-29', 243));
      expect(points.map((p) => p.membership)).toEqual(days.map((_, i) => i));
    });

    it('stores the largest figures a point may hold', async () => {
      const big = seriesPoint('2026-06-30', 99_999_999);
      const max = {
        ...big,
        payments: 99_999_999,
        dcpGoals: 99_999_999,
        distinguishedTotal: 99_999_999,
        clubCounts: {
          total: 99_999_999,
          thriving: 99_999_999,
          vulnerable: 99_999_999,
          interventionRequired: 99_999_999,
        },
      };
      await store.upsertSeriesPoint('9999', '2025-2026', max);
      expect(await store.getSeriesPoints('9999', '2025-2026')).toEqual([max]);
    });

    it('round-trips the cost measurement', async () => {
      expect(await store.getCostMeasurement()).toBeNull();
      await store.saveCostMeasurement({ secondsPerSnapshot: 0.25, snapshotsMeasured: 12 });
      await store.saveCostMeasurement({ secondsPerSnapshot: 0.3, snapshotsMeasured: 20 });
      expect(await store.getCostMeasurement()).toEqual({
        secondsPerSnapshot: 0.3,
        snapshotsMeasured: 20,
      });
    });

    it('rejects ids that could escape a path, before touching storage', async () => {
      await expect(store.getSeriesPoints('../61', '2025-2026')).rejects.toThrow(/district id/);
      await expect(store.getSeriesPoints('61', '../../etc')).rejects.toThrow(/program year/);
      await expect(store.getSeriesPoints('61', '2025-2027')).rejects.toThrow(/program year/);
      await expect(store.getSnapshotAnalytics('2026-02-30')).rejects.toThrow(/date/);
      await expect(
        store.upsertSeriesPoint('6/1', '2025-2026', seriesPoint('2025-08-01', 1)),
      ).rejects.toThrow(/district id/);
      await expect(
        store.saveSnapshotAnalytics({ ...snapshotAnalytics('2026-03-14'), snapshotDate: '..' }),
      ).rejects.toThrow(/date/);
    });

    it('rejects points outside their program year or beyond the figure limit', async () => {
      await expect(
        store.upsertSeriesPoint('61', '2025-2026', seriesPoint('2026-07-01', 1)),
      ).rejects.toThrow(/not in program year/);
      await expect(
        store.upsertSeriesPoint('61', '2025-2026', seriesPoint('2025-08-01', 100_000_000)),
      ).rejects.toThrow(/membership/);
      await expect(
        store.upsertSeriesPoint('61', '2025-2026', seriesPoint('2025-08-01', -1)),
      ).rejects.toThrow(/membership/);
      await expect(
        store.upsertSeriesPoint('61', '2025-2026', {
          ...seriesPoint('2025-08-01', 1),
          dcpGoals: 1.5,
        }),
      ).rejects.toThrow(/dcpGoals/);
      await expect(
        store.saveSnapshotAnalytics({
          ...snapshotAnalytics('2026-03-14'),
          districts: [
            { ...snapshotAnalytics('2026-03-14').districts[0], programYear: '2024-2025' },
          ],
        }),
      ).rejects.toThrow(/not in program year/);
      expect(await store.getSeriesPoints('61', '2025-2026')).toEqual([]);
      expect(await store.getSnapshotAnalytics('2026-03-14')).toBeNull();
    });
  });
}
