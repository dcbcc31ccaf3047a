import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SeriesPoint } from '../../domain/analytics.model';
import { datesInRange } from '../../common/utc-dates';
import { LocalAnalyticsStore, SLOT_BYTES, decodeSlots, encodeSlot } from './local-analytics-store';

function point(date: string, membership: number): SeriesPoint {
  return {
    date,
    snapshotId: date,
    membership,
    payments: 1,
    dcpGoals: 2,
    distinguishedTotal: 3,
    clubCounts: { total: 4, thriving: 2, vulnerable: 1, interventionRequired: 1 },
  };
}

describe('LocalAnalyticsStore series files', () => {
  let dir: string;
  let store: LocalAnalyticsStore;
  const file = () => path.join(dir, 'analytics', 'series', '61', '2025-2026.points');

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'analytics-local-'));
    store = new LocalAnalyticsStore(dir);
  });

  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('writes exactly one slot per upsert, however long the series already is', async () => {
    const year = datesInRange('2025-07-01', '2026-06-30');
    for (const [i, date] of year.entries()) {
      if (date !== '2026-01-15') await store.upsertSeriesPoint('61', '2025-2026', point(date, i));
    }
    const before = await fs.readFile(file());
    await store.upsertSeriesPoint('61', '2025-2026', point('2026-01-15', 7));
    await store.upsertSeriesPoint('61', '2025-2026', point('2025-07-01', 8));
    const after = await fs.readFile(file());
    expect(after.length).toBe(before.length);
    const changedSlots = new Set<number>();
    for (let i = 0; i < after.length; i++) {
      if (after[i] !== before[i]) changedSlots.add(Math.floor(i / SLOT_BYTES));
    }
    expect([...changedSlots].sort((a, b) => a - b)).toEqual([0, 198]);
  });

  it('skips the write when the slot already holds the same point', async () => {
    await store.upsertSeriesPoint('61', '2025-2026', point('2025-08-01', 5));
    const { mtimeMs } = await fs.stat(file());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.upsertSeriesPoint('61', '2025-2026', point('2025-08-01', 5));
    expect((await fs.stat(file())).mtimeMs).toBe(mtimeMs);
  });

  it('reads a whole year with a single file read', async () => {
    for (const date of ['2025-07-01', '2025-12-01', '2026-06-30']) {
      await store.upsertSeriesPoint('61', '2025-2026', point(date, 1));
    }
    const readFile = jest.spyOn(fs, 'readFile');
    const readdir = jest.spyOn(fs, 'readdir');
    try {
      expect(await store.getSeriesPoints('61', '2025-2026')).toHaveLength(3);
      expect(readFile).toHaveBeenCalledTimes(1);
      expect(readdir).not.toHaveBeenCalled();
    } finally {
      readFile.mockRestore();
      readdir.mockRestore();
    }
  });

  it('treats a torn slot as absent and heals it on the next upsert', async () => {
    await store.upsertSeriesPoint('61', '2025-2026', point('2025-07-01', 1));
    await store.upsertSeriesPoint('61', '2025-2026', point('2025-07-02', 2));
    const bytes = await fs.readFile(file());
    bytes[SLOT_BYTES + 20] ^= 0x01; // flip a bit inside the second point
    await fs.writeFile(file(), bytes.subarray(0, bytes.length - 10)); // and a short tail
    expect(await store.getSeriesPoints('61', '2025-2026')).toEqual([point('2025-07-01', 1)]);
    await store.upsertSeriesPoint('61', '2025-2026', point('2025-07-02', 2));
    expect(await store.getSeriesPoints('61', '2025-2026')).toEqual([
      point('2025-07-01', 1),
      point('2025-07-02', 2),
    ]);
  });

  it('ignores a valid record sitting in the wrong slot', () => {
    const record = encodeSlot(point('2025-07-05', 1));
    const bytes = Buffer.concat([Buffer.alloc(SLOT_BYTES), record]);
    expect(decodeSlots(bytes, '2025-07-01')).toEqual([]);
  });

  it('encodes fixed-size, newline-terminated, human-readable records', () => {
    const record = encodeSlot(point('2025-07-05', 1));
    expect(record.length).toBe(SLOT_BYTES);
    expect(record.toString('utf8').endsWith(' \n')).toBe(true);
    expect(record.toString('utf8')).toMatch(/^\{"clubCounts":/);
  });

  it('writes snapshot documents with sorted keys, so equal content gives equal bytes', async () => {
    const doc = {
      schemaVersion: 1 as const,
      snapshotDate: '2026-03-14',
      districts: [],
      ranking: null,
      summaryCollectionDate: null,
    };
    await store.saveSnapshotAnalytics(doc);
    const target = path.join(dir, 'analytics', 'snapshots', '2026-03-14.json');
    const first = await fs.readFile(target, 'utf8');
    await store.saveSnapshotAnalytics({
      summaryCollectionDate: null,
      ranking: null,
      districts: [],
      snapshotDate: '2026-03-14',
      schemaVersion: 1,
    });
    expect(await fs.readFile(target, 'utf8')).toBe(first);
    expect(first).toBe(
      '{"districts":[],"ranking":null,"schemaVersion":1,"snapshotDate":"2026-03-14","summaryCollectionDate":null}\n',
    );
  });
});
