import fc from 'fast-check';
import { newJobId } from '../../src/common/ids';
import {
  JOB_STATUSES,
  JOB_TYPES,
  JobError,
  JobRecord,
  JobStatus,
  isActiveStatus,
} from '../../src/domain/job.model';
import { DEFAULT_RATE_LIMIT_CONFIG } from '../../src/domain/rate-limit-config';
import { EMPTY_SCHEDULE_STATE } from '../../src/domain/schedule-state';
import type { JobStore, JobWatcher } from '../../src/storage/job-store';
import {
  ActiveJobLockHeldError,
  JobActiveError,
  JobNotFoundError,
} from '../../src/domain/storage-errors';
import { makeFinishedJob, makeJob } from '../factories/job.factory';

export interface StoreHarness {
  /** A store over empty storage. */
  create(): Promise<JobStore>;
  /** Removes everything `create` made. */
  cleanup(): Promise<void>;
}

const TERMINAL = ['completed', 'failed', 'cancelled'] as const;

/**
 * The behaviour every JobStore driver must have. Driver suites call this with a harness;
 * the suite itself never mentions a driver.
 */
export function describeJobStoreContract(driverName: string, harness: StoreHarness): void {
  describe(`JobStore contract (${driverName})`, () => {
    let store: JobStore;

    beforeEach(async () => {
      store = await harness.create();
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    describe('documents', () => {
      it('returns null for a job that does not exist', async () => {
        expect(await store.getJob(newJobId())).toBeNull();
      });

      it('round-trips any job through create and get', async () => {
        await fc.assert(
          fc.asyncProperty(arbitraryTerminalJob(), async (job) => {
            const result = await store.createJob(job);
            expect(result.created).toBe(true);
            const stored = await store.getJob(job.id);
            expect(stripRevision(stored)).toEqual(stripRevision(job));
          }),
          { numRuns: 25 },
        );
      });

      it('applies an update, bumps the revision and returns the stored job', async () => {
        const job = makeJob();
        await store.createJob(job);
        const before = await store.getJob(job.id);
        const updated = await store.updateJob(job.id, (j) => ({ ...j, currentItem: 'x' }));
        expect(updated.currentItem).toBe('x');
        expect(updated.revision).toBe((before?.revision ?? 0) + 1);
        expect((await store.getJob(job.id))?.currentItem).toBe('x');
      });

      it('hands out read-only records, and gives each mutation a copy of its own', async () => {
        const job = makeJob();
        const created = await store.createJob(job);
        const read = await store.getJob(job.id);
        const listed = (await store.listJobs({ limit: 5, offset: 0 })).jobs[0];
        const active = await store.findActiveJob();
        for (const record of [created.created ? created.job : null, read, listed, active]) {
          expect(record?.id).toBe(job.id);
          // Any error will do: a driver's objects may come from another realm (gRPC).
          expect(() => {
            (record as JobRecord).status = 'failed';
          }).toThrow();
          expect(() => {
            (record as JobRecord).counters.processed = 99;
          }).toThrow();
          expect(() => (record as JobRecord).errors.push(error('x'))).toThrow();
          expect(record?.status).toBe('pending');
        }
        // What the caller passed in stays theirs to change.
        job.counters.processed = 1;
        const updated = await store.updateJob(job.id, (current) => {
          current.counters.processed = 7;
          current.errors.push(error('counted'));
          return current;
        });
        expect(Object.isFrozen(updated.counters)).toBe(true);
        expect((await store.getJob(job.id))?.counters.processed).toBe(7);
        expect(read?.counters.processed).toBe(0);
        expect(read?.errors).toEqual([]);
      });

      it('writes nothing when the mutation returns null or throws', async () => {
        const job = makeJob();
        await store.createJob(job);
        const before = await store.getJob(job.id);
        await store.updateJob(job.id, () => null);
        await expect(
          store.updateJob(job.id, () => {
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect(await store.getJob(job.id)).toEqual(before);
      });

      it('rejects updates of a missing job with JobNotFoundError', async () => {
        await expect(store.updateJob(newJobId(), (j) => j)).rejects.toBeInstanceOf(
          JobNotFoundError,
        );
      });

      it('serialises concurrent read-modify-writes of one job (no lost update)', async () => {
        const job = makeJob();
        await store.createJob(job);
        await Promise.all(
          Array.from({ length: 20 }, () =>
            store.updateJob(job.id, (j) => ({
              ...j,
              counters: { ...j.counters, processed: j.counters.processed + 1 },
            })),
          ),
        );
        expect((await store.getJob(job.id))?.counters.processed).toBe(20);
      });
    });

    describe('single active job lock', () => {
      it.each(['pending', 'running', 'recovering'] as const)(
        'refuses a second job while one is %s',
        async (status) => {
          const first = makeJob({ status });
          expect((await store.createJob(first)).created).toBe(true);
          const second = await store.createJob(makeJob());
          expect(second).toEqual({ created: false, activeJobId: first.id });
          expect((await store.findActiveJob())?.id).toBe(first.id);
        },
      );

      it('accepts a job when none is active', async () => {
        expect(await store.findActiveJob()).toBeNull();
        expect((await store.createJob(makeJob())).created).toBe(true);
      });

      it.each(TERMINAL)('frees the lock when the active job becomes %s', async (status) => {
        const first = makeJob({ status: 'running' });
        await store.createJob(first);
        await store.updateJob(first.id, (j) => ({ ...j, status, completedAt: j.createdAt }));
        expect(await store.findActiveJob()).toBeNull();
        const next = makeJob();
        expect(await store.createJob(next)).toEqual({ created: true, job: expect.anything() });
        expect((await store.findActiveJob())?.id).toBe(next.id);
      });

      it('lets exactly one of many simultaneous creates win', async () => {
        const results = await Promise.all(
          Array.from({ length: 6 }, () => store.createJob(makeJob())),
        );
        const winners = results.filter((r) => r.created);
        expect(winners).toHaveLength(1);
        const winnerId = winners[0].created ? winners[0].job.id : '';
        for (const r of results.filter((r) => !r.created)) {
          expect(r).toEqual({ created: false, activeJobId: winnerId });
        }
      });

      it('frees the lock when the active job is paused and takes it back when it resumes', async () => {
        const first = makeJob({ status: 'running' });
        await store.createJob(first);
        await store.updateJob(first.id, (j) => ({ ...j, status: 'paused' }));
        expect(await store.findActiveJob()).toBeNull();
        const resumed = await store.updateJob(first.id, (j) => ({ ...j, status: 'pending' }));
        expect(resumed.status).toBe('pending');
        expect((await store.findActiveJob())?.id).toBe(first.id);
        expect(await store.createJob(makeJob())).toEqual({ created: false, activeJobId: first.id });
      });

      it('refuses to make a paused job active while another holds the lock, writing nothing', async () => {
        const paused = makeJob({ status: 'running' });
        await store.createJob(paused);
        await store.updateJob(paused.id, (j) => ({ ...j, status: 'paused' }));
        const other = makeJob();
        expect((await store.createJob(other)).created).toBe(true);
        const refused = store.updateJob(paused.id, (j) => ({ ...j, status: 'pending' }));
        await expect(refused).rejects.toEqual(new ActiveJobLockHeldError(other.id));
        expect((await store.getJob(paused.id))?.status).toBe('paused');
        expect((await store.findActiveJob())?.id).toBe(other.id);
      });

      it('lets exactly one of a resume and a create win the lock', async () => {
        const paused = makeJob({ status: 'running' });
        await store.createJob(paused);
        await store.updateJob(paused.id, (j) => ({ ...j, status: 'paused' }));
        const [resumed, created] = await Promise.allSettled([
          store.updateJob(paused.id, (j) => ({ ...j, status: 'pending' })),
          store.createJob(makeJob()),
        ]);
        const resumeWon = resumed.status === 'fulfilled';
        const createWon = created.status === 'fulfilled' && created.value.created;
        expect(resumeWon).not.toBe(createWon);
        const active = await store.findActiveJob();
        expect(active?.id === paused.id).toBe(resumeWon);
      });

      it('stores terminal jobs without taking the lock', async () => {
        await store.createJob(makeFinishedJob('completed', '2026-01-01T00:00:00.000Z'));
        expect(await store.findActiveJob()).toBeNull();
        expect((await store.createJob(makeJob())).created).toBe(true);
      });
    });

    describe('listing', () => {
      it('lists newest first for any insertion order', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(arbitraryTerminalJob(), { maxLength: 15 }), async (jobs) => {
            const fresh = await harness.create();
            for (const job of jobs) await fresh.createJob(job);
            const page = await fresh.listJobs({ limit: 100, offset: 0 });
            expect(page.total).toBe(jobs.length);
            const expected = [...jobs]
              .sort((a, b) =>
                a.createdAt === b.createdAt
                  ? b.id.localeCompare(a.id)
                  : b.createdAt.localeCompare(a.createdAt),
              )
              .map((j) => j.id);
            expect(page.jobs.map((j) => j.id)).toEqual(expected);
          }),
          { numRuns: 15 },
        );
      });

      it('returns only jobs matching the status and type filters, with an exact total', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(arbitraryTerminalJob(), { maxLength: 15 }),
            fc.subarray([...TERMINAL], { minLength: 1 }),
            fc.option(fc.constantFrom(...JOB_TYPES), { nil: undefined }),
            async (jobs, statuses, jobType) => {
              const fresh = await harness.create();
              for (const job of jobs) await fresh.createJob(job);
              const page = await fresh.listJobs({ statuses, jobType, limit: 100, offset: 0 });
              const matching = jobs.filter(
                (j) =>
                  (statuses as JobStatus[]).includes(j.status) &&
                  (jobType === undefined || j.jobType === jobType),
              );
              expect(page.total).toBe(matching.length);
              expect(page.jobs).toHaveLength(matching.length);
              for (const job of page.jobs) {
                expect(statuses).toContain(job.status);
                if (jobType) expect(job.jobType).toBe(jobType);
              }
            },
          ),
          { numRuns: 15 },
        );
      });

      it('pages with limit and offset, keeping the exact total', async () => {
        const jobs = Array.from({ length: 7 }, (_, i) =>
          makeFinishedJob('completed', `2026-01-0${i + 1}T00:00:00.000Z`),
        );
        for (const job of jobs) await store.createJob(job);
        const newestFirst = [...jobs].reverse().map((j) => j.id);
        const first = await store.listJobs({ limit: 3, offset: 0 });
        const second = await store.listJobs({ limit: 3, offset: 3 });
        const last = await store.listJobs({ limit: 3, offset: 6 });
        const beyond = await store.listJobs({ limit: 3, offset: 7 });
        expect(first.jobs.map((j) => j.id)).toEqual(newestFirst.slice(0, 3));
        expect(second.jobs.map((j) => j.id)).toEqual(newestFirst.slice(3, 6));
        expect(last.jobs.map((j) => j.id)).toEqual(newestFirst.slice(6));
        expect(beyond.jobs).toEqual([]);
        for (const page of [first, second, last, beyond]) expect(page.total).toBe(7);
      });

      it('reflects status changes in filtered listings', async () => {
        const job = makeJob({ status: 'running' });
        await store.createJob(job);
        expect((await store.listJobs({ statuses: ['running'], limit: 10, offset: 0 })).total).toBe(
          1,
        );
        await store.updateJob(job.id, (j) => ({
          ...j,
          status: 'cancelled',
          completedAt: j.createdAt,
        }));
        expect((await store.listJobs({ statuses: ['running'], limit: 10, offset: 0 })).total).toBe(
          0,
        );
        expect(
          (await store.listJobs({ statuses: ['cancelled'], limit: 10, offset: 0 })).total,
        ).toBe(1);
      });
    });

    describe('retention support', () => {
      it('finds terminal jobs finished strictly before the cutoff, oldest first', async () => {
        const old = makeFinishedJob('failed', '2026-01-01T00:00:00.000Z');
        const older = makeFinishedJob('completed', '2025-12-01T00:00:00.000Z');
        const atCutoff = makeFinishedJob('cancelled', '2026-01-10T00:00:00.000Z');
        const active = makeJob({ status: 'running', createdAt: '2025-01-01T00:00:00.000Z' });
        for (const job of [old, older, atCutoff, active]) await store.createJob(job);
        const due = await store.findFinishedBefore('2026-01-10T00:00:00.000Z', 10);
        expect(due.map((j) => j.id)).toEqual([older.id, old.id]);
      });

      it('deletes a finished job with its ledger, and refuses an active one', async () => {
        const done = makeFinishedJob('completed', '2026-01-01T00:00:00.000Z');
        const active = makeJob({ status: 'running' });
        await store.createJob(done);
        await store.createJob(active);
        await store.appendLedger(done.id, [{ item: 'a', outcome: 'done', at: done.createdAt }]);
        await store.deleteJob(done.id);
        expect(await store.getJob(done.id)).toBeNull();
        expect(await store.readLedger(done.id)).toEqual([]);
        expect((await store.listJobs({ limit: 10, offset: 0 })).total).toBe(1);
        await expect(store.deleteJob(active.id)).rejects.toBeInstanceOf(JobActiveError);
        await store.updateJob(active.id, (j) => ({ ...j, status: 'paused' }));
        await expect(store.deleteJob(active.id)).rejects.toBeInstanceOf(JobActiveError);
      });
    });

    describe('item ledger', () => {
      it('returns entries in append order, including repeated items', async () => {
        const job = makeJob();
        await store.createJob(job);
        const at = '2026-01-15T12:00:00.000Z';
        await store.appendLedger(job.id, [
          { item: '2026-01-01/61', outcome: 'done', at, group: '61' },
        ]);
        await store.appendLedger(job.id, [
          { item: '2026-01-01/62', outcome: 'failed', at, reason: 'HTTP 500', retryable: true },
          { item: '2026-01-01/63', outcome: 'skipped', at, reason: 'exists' },
        ]);
        const ledger = await store.readLedger(job.id);
        expect(ledger.map((e) => e.item)).toEqual([
          '2026-01-01/61',
          '2026-01-01/62',
          '2026-01-01/63',
        ]);
        expect(ledger[1]).toEqual({
          item: '2026-01-01/62',
          outcome: 'failed',
          at,
          reason: 'HTTP 500',
          retryable: true,
        });
      });

      it('keeps ledgers of different jobs apart', async () => {
        const a = makeFinishedJob('completed', '2026-01-01T00:00:00.000Z');
        const b = makeFinishedJob('completed', '2026-01-02T00:00:00.000Z');
        await store.createJob(a);
        await store.createJob(b);
        await store.appendLedger(a.id, [{ item: 'x', outcome: 'done', at: a.createdAt }]);
        expect(await store.readLedger(b.id)).toEqual([]);
      });
    });

    describe('rate-limit config', () => {
      it('starts with the defaults', async () => {
        expect(await store.getRateLimitConfig()).toEqual(DEFAULT_RATE_LIMIT_CONFIG);
      });

      it('round-trips any valid config', async () => {
        await fc.assert(
          fc.asyncProperty(arbitraryRateLimitConfig(), async (config) => {
            await store.saveRateLimitConfig(config);
            expect(await store.getRateLimitConfig()).toEqual(config);
          }),
          { numRuns: 25 },
        );
      });

      it('is stored apart from jobs', async () => {
        await store.saveRateLimitConfig({ ...DEFAULT_RATE_LIMIT_CONFIG, maxConcurrent: 3 });
        expect((await store.listJobs({ limit: 10, offset: 0 })).total).toBe(0);
      });
    });

    describe('watching a job', () => {
      it('tells the current state first, then every write, never going back', async () => {
        const job = makeJob();
        await store.createJob(job);
        const seen = recordingWatcher();
        const unwatch = store.watchJob(job.id, seen.watcher);
        await seen.until((jobs) => jobs.length >= 1);
        for (let i = 1; i <= 5; i++) {
          await store.updateJob(job.id, (j) => ({ ...j, currentItem: `item-${i}` }));
        }
        const last = await seen.until((jobs) => jobs.at(-1)?.currentItem === 'item-5');
        unwatch();
        expect(last.at(-1)?.revision).toBe(6);
        // A state may be skipped when writes come fast, but never delivered out of order.
        const revisions = last.map((j) => j.revision);
        expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
        expect(new Set(revisions).size).toBe(revisions.length);
        expect(Object.isFrozen(last[0])).toBe(true);
        expect(seen.failures).toEqual([]);
      });

      it('tells a status change written by another writer at once', async () => {
        const job = makeJob();
        await store.createJob(job);
        const seen = recordingWatcher();
        const unwatch = store.watchJob(job.id, seen.watcher);
        await seen.until((jobs) => jobs.length >= 1);
        await store.updateJob(job.id, (j) => ({
          ...j,
          status: 'cancelled',
          completedAt: j.createdAt,
        }));
        const jobs = await seen.until((all) => all.some((j) => j.status === 'cancelled'));
        unwatch();
        expect(jobs.at(-1)?.status).toBe('cancelled');
      });

      it('tells nothing more after unwatch, while other watchers go on', async () => {
        const job = makeJob();
        await store.createJob(job);
        const stopped = recordingWatcher();
        const going = recordingWatcher();
        const unwatch = store.watchJob(job.id, stopped.watcher);
        const unwatchOther = store.watchJob(job.id, going.watcher);
        await stopped.until((jobs) => jobs.length >= 1);
        await going.until((jobs) => jobs.length >= 1);
        unwatch();
        unwatch();
        const before = stopped.jobs.length;
        await store.updateJob(job.id, (j) => ({ ...j, currentItem: 'after' }));
        await going.until((jobs) => jobs.at(-1)?.currentItem === 'after');
        unwatchOther();
        expect(stopped.jobs).toHaveLength(before);
      });

      it('waits for a job that does not exist yet', async () => {
        const job = makeJob();
        const seen = recordingWatcher();
        const unwatch = store.watchJob(job.id, seen.watcher);
        await store.createJob(job);
        const jobs = await seen.until((all) => all.length >= 1);
        unwatch();
        expect(jobs[0].id).toBe(job.id);
      });
    });

    describe('schedule state', () => {
      const tick = (at: string) => ({
        at,
        outcome: 'started' as const,
        message: 'm',
        collectionJobId: null,
        analyticsJobId: null,
        pausedJobId: null,
      });

      it('starts empty, keeps an update, and leaves it unchanged when the mutation returns null', async () => {
        expect(await store.updateScheduleState(() => null)).toEqual(EMPTY_SCHEDULE_STATE);
        const saved = await store.updateScheduleState((s) => ({
          ...s,
          lastTick: tick('2026-03-10T07:30:00.000Z'),
        }));
        expect(saved.lastTick?.at).toBe('2026-03-10T07:30:00.000Z');
        expect(await store.updateScheduleState(() => null)).toEqual(saved);
      });

      it('lets exactly one of several simultaneous claims of a tick win', async () => {
        const at = '2026-03-10T07:30:00.000Z';
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            store.updateScheduleState((s) =>
              s.lastTick && s.lastTick.at >= at
                ? null
                : { ...s, lastTick: { ...tick(at), message: `claimant ${i}` } },
            ),
          ),
        );
        const winners = results.filter((r, i) => r.lastTick?.message === `claimant ${i}`);
        expect(winners).toHaveLength(1);
        expect(await store.updateScheduleState(() => null)).toEqual(winners[0]);
      });
    });

    it('answers ping when reachable', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/** A watcher that keeps what it is told, and a way to wait for what a test needs. */
export function recordingWatcher() {
  const jobs: JobRecord[] = [];
  const failures: Error[] = [];
  const watcher: JobWatcher = {
    changed: (job) => jobs.push(job),
    failed: (error) => failures.push(error),
  };
  /** Resolves with every state told so far once `ready` holds; a hang guard, not a speed target. */
  const until = async (ready: (jobs: JobRecord[]) => boolean): Promise<JobRecord[]> => {
    const deadline = Date.now() + 20_000;
    while (!ready(jobs)) {
      if (failures.length > 0) throw failures[0];
      if (Date.now() > deadline) throw new Error(`watcher saw only ${jobs.length} state(s)`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return [...jobs];
  };
  return { jobs, failures, watcher, until };
}

function stripRevision(job: JobRecord | null): Omit<JobRecord, 'revision'> | null {
  if (!job) return null;
  const { revision: _revision, ...rest } = job;
  return rest;
}

/** Terminal jobs, so many can be stored without the single-active-job rule interfering. */
export function arbitraryTerminalJob(): fc.Arbitrary<JobRecord> {
  const iso = fc
    .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) })
    .map((ms) => new Date(ms).toISOString());
  return fc
    .record({
      status: fc.constantFrom(...JOB_STATUSES.filter((s) => !isActiveStatus(s))),
      jobType: fc.constantFrom(...JOB_TYPES),
      createdAt: iso,
      processed: fc.nat({ max: 10_000 }),
      districts: fc.option(fc.uniqueArray(fc.stringMatching(/^[A-Z0-9]{1,4}$/), { maxLength: 5 }), {
        nil: undefined,
      }),
      skipExisting: fc.boolean(),
      error: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
    })
    .map((r) =>
      makeJob({
        status: r.status,
        jobType: r.jobType,
        createdAt: r.createdAt,
        completedAt: r.createdAt,
        counters: { total: r.processed, processed: r.processed, failed: 0, skipped: 0 },
        config: {
          startDate: '2025-01-01',
          endDate: '2025-01-31',
          skipExisting: r.skipExisting,
          ...(r.districts ? { targetDistricts: r.districts } : {}),
        },
        errors:
          r.error === undefined
            ? []
            : [{ item: '2025-01-01/61', message: r.error, at: r.createdAt, retryable: true }],
      }),
    );
}

export function arbitraryRateLimitConfig() {
  return fc
    .record({
      maxRequestsPerMinute: fc.integer({ min: 1, max: 6000 }),
      maxConcurrent: fc.integer({ min: 1, max: 32 }),
      minDelayMs: fc.integer({ min: 0, max: 60_000 }),
      maxDelayMs: fc.integer({ min: 100, max: 600_000 }),
      backoffMultiplier: fc.double({ min: 1, max: 10, noNaN: true }),
      pauseEveryRequests: fc.integer({ min: 0, max: 10_000 }),
      pauseMs: fc.integer({ min: 0, max: 600_000 }),
    })
    .filter((c) => c.minDelayMs <= c.maxDelayMs);
}

function error(message: string): JobError {
  return { item: '2025-03-14/61', message, at: new Date(0).toISOString(), retryable: false };
}
