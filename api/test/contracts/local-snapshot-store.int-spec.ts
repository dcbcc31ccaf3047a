import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalSnapshotStore } from '../../src/storage/local/local-snapshot-store';
import { ValidatedSnapshotStore } from '../../src/storage/validated-snapshot-store';
import { describeSnapshotStoreContract } from './snapshot-store.contract';

const dirs: string[] = [];

describeSnapshotStoreContract('local files', {
  async create() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'snapshots-'));
    dirs.push(dir);
    return new ValidatedSnapshotStore(new LocalSnapshotStore(dir));
  },
  async cleanup() {
    await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
  },
});
