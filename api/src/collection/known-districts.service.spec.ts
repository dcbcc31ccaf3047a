import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalSnapshotStore } from '../storage/local/local-snapshot-store';
import { summaryOf } from '../../test/factories/analytics.factory';
import { makeDistrictSnapshot } from '../../test/factories/snapshot.factory';
import { KnownDistrictsService } from './known-districts.service';

/** On real files, through the production local store. */
describe('KnownDistrictsService', () => {
  let dir: string;
  let store: LocalSnapshotStore;
  let service: KnownDistrictsService;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'known-districts-'));
    store = new LocalSnapshotStore(dir);
    service = new KnownDistrictsService(store);
  });

  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const figures = (districtId: string) => ({
    districtId,
    clubGrowth: 0,
    paymentGrowth: 0,
    activeClubs: 20,
    distinguishedClubs: 0,
  });

  async function storeDate(date: string, summaryDistricts: string[] | null): Promise<void> {
    await store.saveDistrictSnapshot(makeDistrictSnapshot('61', date));
    if (summaryDistricts) await store.saveSummary(summaryOf(date, summaryDistricts.map(figures)));
  }

  it('knows none before anything is stored', async () => {
    expect(await service.latest()).toEqual({ snapshotDate: null, districts: [] });
  });

  it("lists the newest summary's districts in district order", async () => {
    await storeDate('2026-03-09', ['61', '62']);
    await storeDate('2026-03-10', ['F', '10', '61', '2', 'U', '01']);
    const known = await service.latest();
    expect(known.snapshotDate).toBe('2026-03-10');
    expect(known.districts.map((d) => d.id)).toEqual(['01', '2', '10', '61', 'F', 'U']);
    expect(known.districts[0]).toEqual({ id: '01', region: '1' });
  });

  it('falls back to an older date when the newest has snapshots but no summary', async () => {
    await storeDate('2026-03-09', ['61', '62']);
    await storeDate('2026-03-10', null);
    expect(await service.latest()).toMatchObject({
      snapshotDate: '2026-03-09',
      districts: [{ id: '61' }, { id: '62' }],
    });
  });
});
