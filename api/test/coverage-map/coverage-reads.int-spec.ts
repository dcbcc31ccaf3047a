import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { datesInRange } from '../../src/common/utc-dates';
import { CoverageReader } from '../../src/coverage-map/coverage-reader';
import { LocalSnapshotStore } from '../../src/storage/local/local-snapshot-store';
import type { SnapshotStore } from '../../src/storage/snapshot-store';
import { ValidatedSnapshotStore } from '../../src/storage/validated-snapshot-store';
import { summaryOf } from '../factories/analytics.factory';
import { rawSummary } from './coverage-scenario';

const WRITES = /^(save|record)/;

/** The real store, counting every read call made through it, by method. */
function countingReads(store: SnapshotStore): { store: SnapshotStore; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        if (!WRITES.test(property)) reads.set(property, (reads.get(property) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, reads };
}

function total(reads: Map<string, number>): number {
  return [...reads.values()].reduce((a, b) => a + b, 0);
}

describe('coverage reads', () => {
  const dates = datesInRange('2025-09-01', '2025-09-10');
  const districts = Array.from({ length: 128 }, (_, i) => String(i + 1).padStart(2, '0'));
  let dir: string;
  let store: SnapshotStore;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coverage-reads-'));
    store = new ValidatedSnapshotStore(new LocalSnapshotStore(dir));
    await store.saveRawReports(dates.map((date) => rawSummary(date, date)));
    for (const date of dates) {
      const rows = districts.map((districtId) => ({
        districtId,
        clubGrowth: 0,
        paymentGrowth: 0,
        activeClubs: 10,
        distinguishedClubs: 0,
      }));
      await store.saveSummary(summaryOf(date, rows));
      for (const districtId of districts) {
        await store.recordManifestStatus(date, districtId, {
          status: 'failed',
          collectionDate: date,
          updatedAt: `${date}T06:00:00.000Z`,
          reason: 'HTTP 500',
        });
      }
    }
  });

  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads three times per date plus the month end before, whatever the districts', async () => {
    const few = countingReads(store);
    const fewGrid = await new CoverageReader(few.store).read(dates[0], dates[9], ['01', '02']);
    const all = countingReads(store);
    const allGrid = await new CoverageReader(all.store).read(dates[0], dates[9]);

    expect(fewGrid.districts).toHaveLength(2);
    expect(allGrid.districts).toHaveLength(128);
    expect(allGrid.cells.flat().every((cell) => cell.state === 'failed')).toBe(true);
    expect(Object.fromEntries(all.reads)).toEqual({
      getRawReportMeta: 10,
      getSummary: 11,
      getManifest: 10,
    });
    expect(all.reads).toEqual(few.reads);
    expect(total(all.reads)).toBe(3 * dates.length + 1);
  });
});
