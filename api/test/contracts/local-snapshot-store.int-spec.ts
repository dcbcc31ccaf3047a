import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DistrictSnapshot } from '../../src/domain/district-snapshot';
import { LocalSnapshotStore } from '../../src/storage/local/local-snapshot-store';
import { ValidatedSnapshotStore } from '../../src/storage/validated-snapshot-store';
import { describeSnapshotStoreContract } from './snapshot-store.contract';

const dirs: string[] = [];

/** The local driver's format-1 layout: the object with collectionDate first, one line. */
async function seedFormat1(dir: string, snapshot: DistrictSnapshot): Promise<void> {
  const folder = path.join(dir, 'snapshots', snapshot.snapshotDate);
  await fs.mkdir(path.join(folder, 'districts'), { recursive: true });
  const { collectionDate, ...rest } = snapshot;
  await fs.writeFile(
    path.join(folder, 'districts', `${snapshot.districtId}.json`),
    JSON.stringify({ collectionDate, ...rest }),
  );
  const entry = { status: 'ok', collectionDate, updatedAt: '2025-03-15T00:00:00.000Z' };
  await fs.appendFile(
    path.join(folder, 'manifest.jsonl'),
    JSON.stringify({ districtId: snapshot.districtId, ...entry }) + '\n',
  );
}

describeSnapshotStoreContract('local files', {
  async create() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'snapshots-'));
    dirs.push(dir);
    return new ValidatedSnapshotStore(new LocalSnapshotStore(dir));
  },
  seedFormat1: (snapshot) => seedFormat1(dirs[dirs.length - 1], snapshot),
  async cleanup() {
    await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
  },
});
