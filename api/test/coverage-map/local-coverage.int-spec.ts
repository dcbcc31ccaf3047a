import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalSnapshotStore } from '../../src/storage/local/local-snapshot-store';
import { ValidatedSnapshotStore } from '../../src/storage/validated-snapshot-store';
import { describeCoverageOnDriver } from './coverage-scenario';

let dir = '';

describeCoverageOnDriver('local files', {
  async create() {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coverage-'));
    return new ValidatedSnapshotStore(new LocalSnapshotStore(dir));
  },
  cleanup: () => fs.rm(dir, { recursive: true, force: true }),
});
