import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeFinishedJob, makeJob } from '../../../test/factories/job.factory';
import { DEFAULT_RATE_LIMIT_CONFIG } from '../../domain/rate-limit-config';
import { LocalJobStore } from './local-job-store';
import { RATE_LIMIT_CONFIG_BEFORE_PAUSE } from '../../../test/factories/rate-limit.factory';

/** Behaviour specific to files on disk; the shared contract is in test/contracts. */
describe('LocalJobStore on disk', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'local-store-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates its directories and default config in a fresh or half-missing data dir', async () => {
    await new LocalJobStore(dir).ping();
    await fs.rm(path.join(dir, 'config'), { recursive: true });
    const store = new LocalJobStore(dir);
    expect((await store.getRateLimitConfig()).maxConcurrent).toBe(2);
    await expect(fs.stat(path.join(dir, 'config', 'rate-limit.json'))).resolves.toBeTruthy();
    await expect(
      new LocalJobStore(path.join(dir, 'not', 'yet', 'there')).ping(),
    ).resolves.toBeUndefined();
  });

  it('quarantines a corrupt job file and keeps listing the others', async () => {
    const store = new LocalJobStore(dir);
    const good = makeFinishedJob('completed', '2026-01-02T00:00:00.000Z');
    const bad = makeFinishedJob('completed', '2026-01-03T00:00:00.000Z');
    await store.createJob(good);
    await store.createJob(bad);
    await fs.writeFile(path.join(dir, 'jobs', `${bad.id}.json`), '{"id": "trunc');

    const reopened = new LocalJobStore(dir);
    const page = await reopened.listJobs({ limit: 10, offset: 0 });
    expect(page.jobs.map((j) => j.id)).toEqual([good.id]);
    expect(await reopened.getJob(bad.id)).toBeNull();
    const quarantined = await fs.readdir(path.join(dir, 'jobs', 'quarantine'));
    expect(quarantined.some((name) => name.startsWith(bad.id))).toBe(true);
    expect((await new LocalJobStore(dir).listJobs({ limit: 10, offset: 0 })).total).toBe(1);
  });

  it('starts up even when a job file is unreadable garbage and the index is gone', async () => {
    const store = new LocalJobStore(dir);
    const job = makeJob({ status: 'running' });
    await store.createJob(job);
    await fs.writeFile(path.join(dir, 'jobs', `${job.id}.json`), Buffer.from([0xff, 0x00, 0x13]));
    await fs.rm(path.join(dir, 'jobs', 'index.jsonl'));
    const reopened = new LocalJobStore(dir);
    await expect(reopened.listJobs({ limit: 10, offset: 0 })).resolves.toEqual({
      jobs: [],
      total: 0,
    });
    expect(await reopened.findActiveJob()).toBeNull();
    expect((await reopened.createJob(makeJob())).created).toBe(true);
  });

  it('rebuilds what the index missed after a crash between the job write and the index write', async () => {
    const store = new LocalJobStore(dir);
    const job = makeJob({ status: 'running' });
    await store.createJob(job);
    // Simulate the crash: the job file says cancelled, the index still says running.
    const file = path.join(dir, 'jobs', `${job.id}.json`);
    const stored = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    await fs.writeFile(
      file,
      JSON.stringify({ ...stored, status: 'cancelled', completedAt: job.createdAt }),
    );
    const orphan = makeFinishedJob('failed', '2026-01-01T00:00:00.000Z', { revision: 1 });
    await fs.writeFile(path.join(dir, 'jobs', `${orphan.id}.json`), JSON.stringify(orphan));

    const reopened = new LocalJobStore(dir);
    const running = await reopened.listJobs({ statuses: ['running'], limit: 10, offset: 0 });
    expect(running.total).toBe(0);
    const all = await reopened.listJobs({ limit: 10, offset: 0 });
    expect(all.jobs.map((j) => j.id).sort()).toEqual([job.id, orphan.id].sort());
    expect(await reopened.findActiveJob()).toBeNull();
  });

  it('treats a lock whose job was never written as free', async () => {
    await new LocalJobStore(dir).ping();
    await fs.writeFile(
      path.join(dir, 'jobs', 'active.lock'),
      JSON.stringify({ jobId: '0af0c5e4-6e5c-4d6b-8f4b-1d2c3b4a5f60' }),
    );
    const store = new LocalJobStore(dir);
    expect(await store.findActiveJob()).toBeNull();
    expect((await store.createJob(makeJob())).created).toBe(true);
  });

  it('removes temp files left by interrupted writes and never reads them as jobs', async () => {
    const store = new LocalJobStore(dir);
    const job = makeFinishedJob('completed', '2026-01-02T00:00:00.000Z');
    await store.createJob(job);
    const temp = path.join(dir, 'jobs', `.${job.id}.json.abc123.tmp`);
    await fs.writeFile(temp, '{"half": ');
    const reopened = new LocalJobStore(dir);
    expect((await reopened.listJobs({ limit: 10, offset: 0 })).total).toBe(1);
    await expect(fs.stat(temp)).rejects.toThrow();
  });

  it('moves an invalid rate-limit config aside and falls back to the defaults', async () => {
    await new LocalJobStore(dir).ping();
    await fs.writeFile(path.join(dir, 'config', 'rate-limit.json'), '{"maxConcurrent": 0}');
    const config = await new LocalJobStore(dir).getRateLimitConfig();
    expect(config.maxConcurrent).toBe(2);
    const names = await fs.readdir(path.join(dir, 'config'));
    expect(names.some((n) => n.startsWith('rate-limit.json.invalid-'))).toBe(true);
  });

  it('reads a config saved before the pause fields existed, with their defaults', async () => {
    await new LocalJobStore(dir).ping();
    const before = RATE_LIMIT_CONFIG_BEFORE_PAUSE;
    const file = path.join(dir, 'config', 'rate-limit.json');
    await fs.writeFile(file, JSON.stringify(before, null, 2));
    expect(await new LocalJobStore(dir).getRateLimitConfig()).toEqual({
      ...before,
      pauseEveryRequests: DEFAULT_RATE_LIMIT_CONFIG.pauseEveryRequests,
      pauseMs: DEFAULT_RATE_LIMIT_CONFIG.pauseMs,
    });
    // A valid older file is kept as it is, not moved aside as invalid.
    expect(await fs.readdir(path.join(dir, 'config'))).toEqual(['rate-limit.json']);
  });

  it('ignores a torn last ledger line (its item is simply redone)', async () => {
    const store = new LocalJobStore(dir);
    const job = makeJob();
    await store.createJob(job);
    await store.appendLedger(job.id, [{ item: 'a', outcome: 'done', at: job.createdAt }]);
    await fs.appendFile(path.join(dir, 'jobs', `${job.id}.ledger.jsonl`), '{"item":"b","outc');
    expect((await store.readLedger(job.id)).map((e) => e.item)).toEqual(['a']);
  });

  it('compacts a long index log on start-up without losing jobs', async () => {
    const store = new LocalJobStore(dir);
    const job = makeJob({ status: 'running' });
    await store.createJob(job);
    for (let i = 0; i < 1100; i++) {
      await fs.appendFile(
        path.join(dir, 'jobs', 'index.jsonl'),
        JSON.stringify({
          id: job.id,
          createdAt: job.createdAt,
          jobType: job.jobType,
          status: 'running',
          completedAt: null,
        }) + '\n',
      );
    }
    const reopened = new LocalJobStore(dir);
    expect((await reopened.listJobs({ limit: 10, offset: 0 })).total).toBe(1);
    const lines = (await fs.readFile(path.join(dir, 'jobs', 'index.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    expect(lines).toHaveLength(1);
  });
});
