import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalAnalyticsStore } from '../../src/storage/local/local-analytics-store';
import { ValidatedAnalyticsStore } from '../../src/storage/validated-analytics-store';
import { describeAnalyticsStoreContract } from './analytics-store.contract';

const dirs: string[] = [];

describeAnalyticsStoreContract('local files', {
  async create() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'analytics-'));
    dirs.push(dir);
    return new ValidatedAnalyticsStore(new LocalAnalyticsStore(dir));
  },
  async cleanup() {
    await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
  },
});
