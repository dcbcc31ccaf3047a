import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FakeClock } from '../common/clock';
import { LocalJobStore } from '../storage/local/local-job-store';
import { JobStore } from '../storage/job-store';
import { ValidatedJobStore } from '../storage/validated-job-store';
import { makeFinishedJob, makeJob } from '../../test/factories/job.factory';
import { testConfig } from '../../test/factories/test-config';
import { TestHandler, items } from '../../test/factories/test-handler';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobRetentionTask } from './job-retention.task';
import { JobRunner } from './job-runner';
import { JobsService } from './jobs.service';
import { RateLimitConfigService } from '../rate-limit/rate-limit-config.service';
import type { JobStatus } from '../domain/job.model';
import { RATE_LIMIT_CONFIG_BEFORE_PAUSE } from '../../test/factories/rate-limit.factory';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('JobsService', () => {
  let dir: string;
  let store: JobStore;
  let clock: FakeClock;
  let service: JobsService;
  let rateLimits: RateLimitConfigService;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jobs-service-'));
    store = new ValidatedJobStore(new LocalJobStore(dir));
    clock = new FakeClock(Date.UTC(2026, 2, 10, 12, 0, 0));
    const registry = new JobHandlerRegistry();
    registry.register(new TestHandler('data-collection', items(3)));
    const config = testConfig(dir);
    const runner = new JobRunner(store, registry, config, clock);
    // The runner is not under test here: keep it from picking jobs up.
    jest.spyOn(runner, 'kick').mockImplementation(() => undefined);
    rateLimits = new RateLimitConfigService(store);
    service = new JobsService(store, registry, runner, config, clock, rateLimits);
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe('stale rule (STALE_AFTER_MINUTES = 10)', () => {
    async function activeJob(status: JobStatus, lastProgressMinutesAgo: number) {
      const at = new Date(clock.now() - lastProgressMinutesAgo * MINUTE).toISOString();
      const job = makeJob({
        status,
        createdAt: at,
        startedAt: status === 'pending' ? null : at,
        lastProgressAt: status === 'pending' ? null : at,
      });
      await store.createJob(job);
      return job;
    }

    it.each(['running', 'recovering', 'pending'] as const)(
      'fails a %s job with no finished item for 10 minutes and frees the lock',
      async (status) => {
        const job = await activeJob(status, 10);
        expect(await service.failIfStale(job.id)).toBe(true);
        const stored = await store.getJob(job.id);
        expect(stored).toMatchObject({ status: 'failed', failureReason: 'stale' });
        expect(await store.findActiveJob()).toBeNull();
      },
    );

    it('leaves a job alone that finished an item 9 minutes 59 seconds ago', async () => {
      const job = await activeJob('running', 10);
      await store.updateJob(job.id, (j) => ({
        ...j,
        lastProgressAt: new Date(clock.now() - 9 * MINUTE - 59_000).toISOString(),
      }));
      expect(await service.failIfStale(job.id)).toBe(false);
      expect((await store.getJob(job.id))?.status).toBe('running');
    });

    it('counts failed items as progress (a failing job is not stale)', async () => {
      const job = await activeJob('running', 30);
      // The runner sets lastProgressAt for every finished item, failed ones included.
      await store.updateJob(job.id, (j) => ({ ...j, lastProgressAt: clock.nowIso() }));
      await clock.advance(9 * MINUTE);
      expect(await service.failIfStale(job.id)).toBe(false);
      await clock.advance(MINUTE);
      expect(await service.failIfStale(job.id)).toBe(true);
    });

    it('counts waiting on the dashboard (Retry-After, backoff, pause) as a sign of life', async () => {
      const job = await activeJob('running', 30);
      // The heartbeat records when it saw the runner holding back on the dashboard's orders.
      await store.updateJob(job.id, (j) => ({ ...j, upstreamWaitSeenAt: clock.nowIso() }));
      await clock.advance(9 * MINUTE);
      expect(await service.failIfStale(job.id)).toBe(false);
      await clock.advance(MINUTE);
      expect(await service.failIfStale(job.id)).toBe(true);
    });

    it('lets a new job start when the active one is stale', async () => {
      const stale = await activeJob('running', 11);
      const created = await service.create({
        jobType: 'data-collection',
        startDate: '2026-03-01',
        endDate: '2026-03-02',
      });
      expect(created.status).toBe('pending');
      expect((await store.getJob(stale.id))?.failureReason).toBe('stale');
    });

    it('refuses a new job while the active one is fresh', async () => {
      await activeJob('running', 1);
      await expect(
        service.create({
          jobType: 'data-collection',
          startDate: '2026-03-01',
          endDate: '2026-03-02',
        }),
      ).rejects.toMatchObject({ code: 'JOB_ALREADY_RUNNING' });
    });

    it('never touches a paused job, however long ago it last made progress', async () => {
      const job = await activeJob('paused', 60 * 24 * 30);
      expect(await service.failIfStale(job.id)).toBe(false);
      expect((await store.getJob(job.id))?.status).toBe('paused');
    });

    it('never touches a finished job', async () => {
      const job = makeFinishedJob('completed', new Date(clock.now() - DAY).toISOString());
      await store.createJob(job);
      expect(await service.failIfStale(job.id)).toBe(false);
    });
  });

  describe('rate-limit config and overrides saved before the pause fields existed', () => {
    const before = RATE_LIMIT_CONFIG_BEFORE_PAUSE;

    beforeEach(async () => {
      await store.ping();
      await fs.writeFile(path.join(dir, 'config', 'rate-limit.json'), JSON.stringify(before));
    });

    it("gives a job stored with such overrides the saved config's pause defaults", async () => {
      const job = makeJob({
        config: {
          startDate: '2026-01-01',
          endDate: '2026-01-03',
          skipExisting: true,
          rateLimitOverrides: { maxConcurrent: 2 },
        },
      });
      await store.createJob(job);
      const stored = await store.getJob(job.id);
      expect(await service.effectiveRateLimit(stored!.config)).toEqual({
        ...before,
        maxConcurrent: 2,
        pauseEveryRequests: 100,
        pauseMs: 5000,
      });
    });

    it('takes a partial update of the pause fields and saves the full config', async () => {
      expect(await rateLimits.update({ pauseMs: 1000 })).toEqual({
        ...before,
        pauseEveryRequests: 100,
        pauseMs: 1000,
      });
      const file = await fs.readFile(path.join(dir, 'config', 'rate-limit.json'), 'utf8');
      expect(JSON.parse(file)).toEqual({ ...before, pauseEveryRequests: 100, pauseMs: 1000 });
    });
  });

  describe('retention (JOB_RETENTION_DAYS = 30)', () => {
    it('deletes finished jobs older than 30 days only, never active ones', async () => {
      const retention = new JobRetentionTask(store, testConfig(dir), clock);
      const daysAgo = (d: number) => new Date(clock.now() - d * DAY).toISOString();
      const day29 = makeFinishedJob('completed', daysAgo(29));
      const day30 = makeFinishedJob(
        'failed',
        new Date(clock.now() - 30 * DAY + 1000).toISOString(),
      );
      const day31 = makeFinishedJob('cancelled', daysAgo(31));
      const day31b = makeFinishedJob('failed', daysAgo(31));
      const oldActive = makeJob({
        status: 'running',
        createdAt: daysAgo(40),
        startedAt: daysAgo(40),
      });
      for (const job of [day29, day30, day31, day31b, oldActive]) await store.createJob(job);
      await store.appendLedger(day31.id, [{ item: 'x', outcome: 'done', at: daysAgo(31) }]);

      expect(await retention.purge()).toBe(2);
      expect(await store.getJob(day31.id)).toBeNull();
      expect(await store.getJob(day31b.id)).toBeNull();
      expect(await store.readLedger(day31.id)).toEqual([]);
      for (const kept of [day29, day30, oldActive])
        expect(await store.getJob(kept.id)).not.toBeNull();
    });
  });
});
