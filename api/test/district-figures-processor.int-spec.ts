import * as path from 'node:path';
import {
  InThreadDistrictFiguresProcessor,
  WorkerDistrictFiguresProcessor,
} from '../src/analytics/district-figures-processor';
import { encodeCompactSnapshot } from '../src/domain/snapshot-codec';
import { makeLargeDistrictSnapshot } from './factories/snapshot.factory';
import { format1Snapshot } from './contracts/snapshot-store.contract';

// Worker threads load JavaScript only: the built worker (the api test target builds first).
const BUILT_WORKER = path.join(__dirname, '..', 'dist', 'analytics', 'district-figures.worker.js');

describe('district figures in worker threads', () => {
  const pool = new WorkerDistrictFiguresProcessor(2, BUILT_WORKER);
  afterAll(() => pool.close());

  it('measures stored texts of both formats as the calling thread does, bad ones named', async () => {
    const old = format1Snapshot();
    const districts = [
      ...Array.from({ length: 70 }, (_, i) => {
        const id = String(i + 1);
        const { snapshot } = makeLargeDistrictSnapshot(id, '2025-03-14', 40 + i);
        return { districtId: id, text: encodeCompactSnapshot(snapshot) };
      }),
      { districtId: '61', text: JSON.stringify(old) },
      { districtId: '98', text: '{"torn' },
      { districtId: '99', text: null },
    ];
    const inWorkers = await pool.figures(old.snapshotDate, districts);
    const inThread = await new InThreadDistrictFiguresProcessor().figures(
      old.snapshotDate,
      districts,
    );
    expect(inWorkers).toEqual(inThread);
    expect(inWorkers.map((f) => f.districtId)).toEqual(districts.map((d) => d.districtId));
    expect(inWorkers.filter((f) => f.problems.length > 0).map((f) => f.districtId)).toEqual([
      '98',
      '99',
    ]);
    expect(inWorkers[70]).toMatchObject({ snapshot: { collectionDate: old.collectionDate } });
  });
});
