import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalJobStore } from '../../src/storage/local/local-job-store';
import { ValidatedJobStore } from '../../src/storage/validated-job-store';
import { describeJobStoreContract } from './job-store.contract';

const dirs: string[] = [];

describeJobStoreContract('local files', {
  async create() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jobstore-'));
    dirs.push(dir);
    return new ValidatedJobStore(new LocalJobStore(dir));
  },
  async cleanup() {
    await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
  },
});
