import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { DistrictSnapshot } from '../../src/domain/district-snapshot';
import { decodeStoredSnapshotText } from '../../src/domain/snapshot-codec';
import {
  encodeDistrictSnapshot,
  type RawReport,
  type SnapshotStore,
} from '../../src/storage/snapshot-store';
import { makeDistrictSnapshot } from '../factories/snapshot.factory';

export interface SnapshotStoreHarness {
  create(): Promise<SnapshotStore>;
  cleanup(): Promise<void>;
  /**
   * Puts a snapshot into the store created last exactly as the driver stored it before the
   * compact format (format 1), with its marker and `ok` manifest entry.
   */
  seedFormat1(snapshot: DistrictSnapshot): Promise<void>;
}

/** A snapshot as stored before the compact format, kept as a file so it never drifts. */
export function format1Snapshot(): DistrictSnapshot {
  const file = path.join(__dirname, '..', 'fixtures', 'format-1-district-snapshot.json');
  return JSON.parse(readFileSync(file, 'utf8')) as DistrictSnapshot;
}

function raw(overrides: Partial<RawReport['meta']> = {}, csv = 'a,b\r\n1,2\r\n'): RawReport {
  return {
    csv,
    meta: {
      kind: 'club',
      districtId: '61',
      url: 'http://dashboard.test/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~3/14/2026~2025-2026',
      requestedDate: '2026-03-14',
      dataMonth: '2026-03',
      programYear: '2025-2026',
      snapshotDate: '2026-03-14',
      isClosingPeriod: false,
      outcome: 'ok',
      rows: 1,
      checksum: 'abc',
      fetchedAt: '2026-03-15T00:00:00.000Z',
      ...overrides,
    },
  };
}

/** The behaviour every SnapshotStore driver must have. */
export function describeSnapshotStoreContract(driverName: string, harness: SnapshotStoreHarness) {
  describe(`SnapshotStore contract (${driverName})`, () => {
    let store: SnapshotStore;

    beforeEach(async () => {
      store = await harness.create();
    });

    afterEach(() => harness.cleanup());

    it('round-trips raw reports per collection date, report and district', async () => {
      const club = raw();
      const summary = raw({ kind: 'summary', districtId: null }, 'DISTRICT\r\n61\r\n');
      await store.saveRawReport(club);
      await store.saveRawReport(summary);
      expect(await store.getRawReport('2026-03-14', 'club', '61')).toEqual(club);
      expect(await store.getRawReport('2026-03-14', 'summary', null)).toEqual(summary);
      expect(await store.getRawReport('2026-03-14', 'club', '62')).toBeNull();
      expect(await store.getRawReport('2026-03-15', 'club', '61')).toBeNull();
      expect(await store.getRawReportMeta('2026-03-14', 'summary', null)).toEqual(summary.meta);
      expect(await store.getRawReportMeta('2026-03-14', 'club', '62')).toBeNull();
    });

    it('stores a snapshot, answers existence, and marks it ok in the manifest', async () => {
      const snapshot = makeDistrictSnapshot('61', '2026-03-14');
      expect(await store.hasDistrictSnapshot('2026-03-14', '61')).toBe(false);
      expect(await store.saveDistrictSnapshot(snapshot)).toBe('written');
      expect(await store.hasDistrictSnapshot('2026-03-14', '61')).toBe(true);
      expect(await store.hasDistrictSnapshot('2026-03-14', '62')).toBe(false);
      expect(await store.getDistrictSnapshot('2026-03-14', '61')).toEqual(snapshot);
      const text = await store.getDistrictSnapshotText('2026-03-14', '61');
      expect(text?.startsWith('{"collectionDate":"2026-03-14","format":2,')).toBe(true);
      expect(decodeStoredSnapshotText(text ?? '')).toEqual(snapshot);
      expect(await store.getDistrictSnapshotText('2026-03-14', '62')).toBeNull();
      const manifest = await store.getManifest('2026-03-14');
      expect(manifest?.districts['61']).toMatchObject({
        status: 'ok',
        collectionDate: '2026-03-14',
      });
    });

    it('lets a newer collection date win and never lets an older one overwrite it', async () => {
      const older = makeDistrictSnapshot('61', '2026-04-02', { snapshotDate: '2026-03-31' });
      const newer = makeDistrictSnapshot('61', '2026-04-05', { snapshotDate: '2026-03-31' });
      expect(await store.saveDistrictSnapshot(newer)).toBe('written');
      expect(await store.saveDistrictSnapshot(older)).toBe('kept-newer');
      expect((await store.getDistrictSnapshot('2026-03-31', '61'))?.collectionDate).toBe(
        '2026-04-05',
      );
      const newest = makeDistrictSnapshot('61', '2026-04-09', { snapshotDate: '2026-03-31' });
      expect(await store.saveDistrictSnapshot(newest)).toBe('written');
      expect((await store.getDistrictSnapshot('2026-03-31', '61'))?.collectionDate).toBe(
        '2026-04-09',
      );
    });

    it('stores a snapshot serialised elsewhere exactly as the object form, newer-wins included', async () => {
      const newer = makeDistrictSnapshot('61', '2026-04-05', { snapshotDate: '2026-03-31' });
      const older = makeDistrictSnapshot('61', '2026-04-02', { snapshotDate: '2026-03-31' });
      expect(await store.saveEncodedDistrictSnapshot(encodeDistrictSnapshot(newer))).toBe(
        'written',
      );
      expect(await store.saveEncodedDistrictSnapshot(encodeDistrictSnapshot(older))).toBe(
        'kept-newer',
      );
      expect(await store.saveDistrictSnapshot(older)).toBe('kept-newer');
      expect(await store.getDistrictSnapshot('2026-03-31', '61')).toEqual(newer);
      expect((await store.getManifest('2026-03-31'))?.districts['61']).toMatchObject({
        status: 'ok',
        collectionDate: '2026-04-05',
      });
    });

    it('reads a snapshot stored in format 1 as it is, and replaces it only by a newer collection', async () => {
      const old = format1Snapshot();
      await harness.seedFormat1(old);
      expect(await store.getDistrictSnapshot(old.snapshotDate, old.districtId)).toEqual(old);
      const text = await store.getDistrictSnapshotText(old.snapshotDate, old.districtId);
      expect(decodeStoredSnapshotText(text ?? '')).toEqual(old);
      expect(await store.districtSnapshotCollectionDate(old.snapshotDate, old.districtId)).toBe(
        old.collectionDate,
      );
      expect(await store.listDistrictIds(old.snapshotDate)).toEqual([old.districtId]);
      const older = { ...old, collectionDate: '2025-03-13' };
      expect(await store.saveDistrictSnapshot(older)).toBe('kept-newer');
      expect(await store.getDistrictSnapshot(old.snapshotDate, old.districtId)).toEqual(old);
      const newer = makeDistrictSnapshot(old.districtId, '2025-03-20', {
        snapshotDate: old.snapshotDate,
      });
      expect(await store.saveDistrictSnapshot(newer)).toBe('written');
      expect(await store.getDistrictSnapshot(old.snapshotDate, old.districtId)).toEqual(newer);
    });

    it('never downgrades an ok district in the manifest after a later failure', async () => {
      await store.saveDistrictSnapshot(makeDistrictSnapshot('61', '2026-03-14'));
      await store.recordManifestStatus('2026-03-14', '61', {
        status: 'failed',
        collectionDate: '2026-03-14',
        updatedAt: '2026-03-16T00:00:00.000Z',
        reason: 'HTTP 503',
      });
      await store.recordManifestStatus('2026-03-14', '62', {
        status: 'no-data',
        collectionDate: '2026-03-14',
        updatedAt: '2026-03-16T00:00:00.000Z',
      });
      const manifest = await store.getManifest('2026-03-14');
      expect(manifest?.districts['61'].status).toBe('ok');
      expect(manifest?.districts['62'].status).toBe('no-data');
    });

    it('lists snapshot dates with data, within a range, ascending', async () => {
      for (const date of ['2026-03-16', '2026-03-14', '2026-03-15']) {
        await store.saveDistrictSnapshot(makeDistrictSnapshot('61', date));
      }
      await store.saveDistrictSnapshot(makeDistrictSnapshot('F', '2026-03-15'));
      await store.recordManifestStatus('2026-03-17', '61', {
        status: 'no-data',
        collectionDate: '2026-03-17',
        updatedAt: '2026-03-18T00:00:00.000Z',
      });
      expect(await store.listSnapshotDates()).toEqual(['2026-03-14', '2026-03-15', '2026-03-16']);
      expect(await store.listSnapshotDates({ startDate: '2026-03-15' })).toEqual([
        '2026-03-15',
        '2026-03-16',
      ]);
      expect(await store.listSnapshotDates({ endDate: '2026-03-14' })).toEqual(['2026-03-14']);
      expect(await store.listDistrictIds('2026-03-15')).toEqual(['61', 'F']);
    });

    it('keeps the newer summary for a snapshot date', async () => {
      const base = {
        snapshotDate: '2026-03-31',
        dataMonth: '2026-03',
        programYear: '2025-2026',
        isClosingPeriod: true,
        districts: [],
      };
      expect(await store.saveSummary({ ...base, collectionDate: '2026-04-03' })).toBe('written');
      expect(await store.saveSummary({ ...base, collectionDate: '2026-04-01' })).toBe('kept-newer');
      expect((await store.getSummary('2026-03-31'))?.collectionDate).toBe('2026-04-03');
    });

    it('answers the stored collection date of a cell, null when none is stored', async () => {
      expect(await store.districtSnapshotCollectionDate('2026-03-31', '61')).toBeNull();
      await store.saveDistrictSnapshot(
        makeDistrictSnapshot('61', '2026-04-03', { snapshotDate: '2026-03-31' }),
      );
      expect(await store.districtSnapshotCollectionDate('2026-03-31', '61')).toBe('2026-04-03');
      expect(await store.districtSnapshotCollectionDate('2026-03-31', '62')).toBeNull();
      await expect(store.districtSnapshotCollectionDate('2026-03-31', '../61')).rejects.toThrow(
        /district id/,
      );
    });

    // Items of one job finish in whatever order their downloads allow, several at once. The
    // closing days of a month all land on its month-end snapshot: whatever the order and
    // overlap of the saves, the newest collection must be what is stored.
    it('keeps the newest collection of a month end under any finishing order', async () => {
      const closingDays = ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-06'];
      let run = 0;
      // The summary is one per snapshot date, shared by every run: the newest of all so far.
      let newestSummary = '';
      await fc.assert(
        fc.asyncProperty(
          fc.shuffledSubarray(closingDays, { minLength: 1 }),
          fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
          async (order, waves) => {
            // A district per run, so runs never see each other's data.
            const district = String(100 + run++);
            const snapshots = order.map((date) =>
              makeDistrictSnapshot(district, date, { snapshotDate: '2026-03-31' }),
            );
            let next = 0;
            for (const size of waves) {
              const wave = snapshots.slice(next, next + size);
              next += size;
              await Promise.all(
                wave.flatMap((snapshot, i) => [
                  i % 2
                    ? store.saveEncodedDistrictSnapshot(encodeDistrictSnapshot(snapshot))
                    : store.saveDistrictSnapshot(snapshot),
                  store.saveSummary({
                    snapshotDate: '2026-03-31',
                    collectionDate: snapshot.collectionDate,
                    dataMonth: '2026-03',
                    programYear: '2025-2026',
                    isClosingPeriod: true,
                    districts: [],
                  }),
                ]),
              );
            }
            const newest = [...order].sort().at(-1) ?? '';
            if (newest > newestSummary) newestSummary = newest;
            expect(await store.districtSnapshotCollectionDate('2026-03-31', district)).toBe(newest);
            expect(await store.getDistrictSnapshot('2026-03-31', district)).toEqual(
              snapshots.find((s) => s.collectionDate === newest),
            );
            expect((await store.getManifest('2026-03-31'))?.districts[district]).toMatchObject({
              status: 'ok',
              collectionDate: newest,
            });
            expect((await store.getSummary('2026-03-31'))?.collectionDate).toBe(newestSummary);
          },
        ),
        { numRuns: 15 },
      );
    });

    it('rejects ids that could escape a path before touching storage', async () => {
      await expect(store.hasDistrictSnapshot('2026-03-14', '../61')).rejects.toThrow(/district id/);
      await expect(store.getDistrictSnapshot('../../etc', '61')).rejects.toThrow(/date/);
      await expect(store.getRawReport('2026-03-14', 'club', '6/1')).rejects.toThrow(/district id/);
      const encoded = encodeDistrictSnapshot(makeDistrictSnapshot('61', '2026-03-14'));
      await expect(
        store.saveEncodedDistrictSnapshot({ ...encoded, districtId: '../61' }),
      ).rejects.toThrow(/district id/);
    });
  });
}
