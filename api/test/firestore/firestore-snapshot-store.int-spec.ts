import { Query } from '@google-cloud/firestore';
import { FirestoreSnapshotStore } from '../../src/storage/firestore/firestore-snapshot-store';
import type { RawReport, SnapshotStore } from '../../src/storage/snapshot-store';
import { StorageError } from '../../src/domain/storage-errors';
import { ValidatedSnapshotStore } from '../../src/storage/validated-snapshot-store';
import { makeDistrictSnapshot, makeLargeDistrictSnapshot } from '../factories/snapshot.factory';
import { EmulatorProject } from './emulator-project';

function raw(district: string, csv: string): RawReport {
  return {
    csv,
    meta: {
      kind: 'club',
      districtId: district,
      url: 'http://dashboard.test/export',
      requestedDate: '2026-03-14',
      dataMonth: '2026-03',
      programYear: '2025-2026',
      snapshotDate: '2026-03-14',
      isClosingPeriod: false,
      outcome: 'ok',
      rows: 1,
      checksum: 'abc',
      fetchedAt: '2026-03-15T00:00:00.000Z',
    },
  };
}

/** Beyond the contract: several instances at once, the layout, limits and failures. */
describe('FirestoreSnapshotStore on the emulator', () => {
  const project = new EmulatorProject('snapshot-store');
  let a: SnapshotStore;
  let b: SnapshotStore;

  /** A store on a client of its own, as another service instance has. */
  const instance = (): SnapshotStore =>
    new ValidatedSnapshotStore(new FirestoreSnapshotStore(project.newClient()));

  beforeEach(async () => {
    await project.wipe();
    a = instance();
    b = instance();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await project.closeInstanceClients();
  });

  afterAll(() => project.close());

  it('keeps the newest collection date when instances save the same cell at once', async () => {
    const dates = ['2026-04-02', '2026-04-05', '2026-04-03', '2026-04-04'];
    const saves = dates.map((date, i) =>
      (i % 2 ? a : b).saveDistrictSnapshot(
        makeDistrictSnapshot('61', date, { snapshotDate: '2026-03-31' }),
      ),
    );
    await Promise.all(saves);
    expect((await a.getDistrictSnapshot('2026-03-31', '61'))?.collectionDate).toBe('2026-04-05');
    expect((await b.getManifest('2026-03-31'))?.districts['61']).toMatchObject({
      status: 'ok',
      collectionDate: '2026-04-05',
    });
    expect(await b.listSnapshotDates()).toEqual(['2026-03-31']);
  });

  it('lays snapshots out per date, one manifest document per district', async () => {
    await a.saveDistrictSnapshot(makeDistrictSnapshot('61', '2026-03-14'));
    await a.recordManifestStatus('2026-03-14', '62', {
      status: 'failed',
      collectionDate: '2026-03-14',
      updatedAt: '2026-03-15T00:00:00.000Z',
      reason: 'HTTP 500',
    });
    const db = project.firestore;
    expect((await db.doc('snapshots/2026-03-14').get()).exists).toBe(true);
    expect((await db.doc('snapshots/2026-03-14/districts/61').get()).get('collectionDate')).toBe(
      '2026-03-14',
    );
    const manifest = await db.collection('snapshots/2026-03-14/manifest').get();
    expect(manifest.docs.map((d) => d.id)).toEqual(['61', '62']);
  });

  it('stores a very large district as one compact string far under the 1 MiB cap', async () => {
    // The largest districts have about 300 clubs; 1,000 leaves a wide margin.
    const { snapshot } = makeLargeDistrictSnapshot('61', '2026-03-14', 1000);
    expect(await a.saveDistrictSnapshot(snapshot)).toBe('written');
    const stored = await project.firestore.doc('snapshots/2026-03-14/districts/61').get();
    expect(stored.get('format')).toBe(2);
    expect(stored.get('snapshot')).toBeUndefined();
    const bytes = Buffer.byteLength(stored.get('data') as string);
    expect(bytes).toBeLessThan(256 * 1024);
    expect(await b.getDistrictSnapshot('2026-03-14', '61')).toEqual(snapshot);
  });

  it('stores several raw reports in one batch', async () => {
    const reports = ['61', '62', '63'].map((d) => raw(d, `a,b\r\n${d},2\r\n`));
    await a.saveRawReports(reports);
    for (const report of reports) {
      expect(await b.getRawReport('2026-03-14', 'club', report.meta.districtId)).toEqual(report);
    }
  });

  it('refuses a CSV too big for one document with a StorageError, writing nothing', async () => {
    const huge = raw('61', 'x'.repeat(1_100_000));
    await expect(a.saveRawReports([raw('62', 'ok'), huge])).rejects.toThrow(StorageError);
    expect(await a.getRawReport('2026-03-14', 'club', '62')).toBeNull();
  });

  describe('a failing query (as production answers a missing index)', () => {
    beforeEach(() => {
      const missingIndex = Object.assign(
        new Error('9 FAILED_PRECONDITION: The query requires an index.'),
        { code: 9 },
      );
      jest.spyOn(Query.prototype, 'get').mockRejectedValue(missingIndex);
    });

    it.each([
      ['listSnapshotDates', (s: SnapshotStore) => s.listSnapshotDates()],
      ['listDistrictIds', (s: SnapshotStore) => s.listDistrictIds('2026-03-14')],
      ['getManifest', (s: SnapshotStore) => s.getManifest('2026-03-14')],
    ])('%s throws StorageError, never an empty answer', async (_name, call) => {
      await expect(call(a)).rejects.toThrow(/composite index/);
    });
  });
});
