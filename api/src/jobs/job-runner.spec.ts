import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FakeClock, SystemClock } from '../common/clock';
import { LocalJobStore } from '../storage/local/local-job-store';
import { JobStore } from '../storage/job-store';
import { StorageError } from '../domain/storage-errors';
import { ValidatedJobStore } from '../storage/validated-job-store';
import { makeJob } from '../../test/factories/job.factory';
import { testConfig } from '../../test/factories/test-config';
import { TestHandler, deferred, failWith, items } from '../../test/factories/test-handler';
import { JobHandlerRegistry } from './job-handler-registry';
import { MAX_CONSECUTIVE_STORAGE_FAILURES } from './active-run';
import { JobRunner } from './job-runner';
import { cancel, complete, pause, resume } from './job-state';
import { JobRecord, MAX_JOB_ERRORS } from '../domain/job.model';
import { DEFAULT_RATE_LIMIT_CONFIG } from '../domain/rate-limit-config';
import { RateLimiter } from '../rate-limit/rate-limiter';

describe('JobRunner', () => {
  let dir: string;
  let store: JobStore;
  let registry: JobHandlerRegistry;
  let handler: TestHandler;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'runner-'));
    store = new ValidatedJobStore(new LocalJobStore(dir));
    registry = new JobHandlerRegistry();
    handler = new TestHandler('data-collection', items(10));
    registry.register(handler);
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  function runner(clock = new SystemClock(), jobStore = store): JobRunner {
    return new JobRunner(jobStore, registry, testConfig(dir), clock);
  }

  async function createPending(overrides: Partial<JobRecord> = {}): Promise<JobRecord> {
    const job = makeJob({ createdAt: new Date().toISOString(), ...overrides });
    const result = await store.createJob(job);
    if (!result.created) throw new Error('setup: lock taken');
    return result.job;
  }

  it('processes every planned item and completes with counters equal to the ledger', async () => {
    handler.behaviour = (item) =>
      Promise.resolve(
        item.id.endsWith('-3') ? { outcome: 'skipped', reason: 'exists' } : { outcome: 'done' },
      );
    const job = await createPending();
    await runner().runJob(job);
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('completed');
    expect(stored?.counters).toEqual({ total: 10, processed: 10, failed: 0, skipped: 1 });
    expect(stored?.progressByGroup['61']).toEqual({
      total: 5,
      processed: 5,
      failed: 0,
      skipped: 0,
    });
    expect(stored?.progressByGroup['62']).toEqual({
      total: 5,
      processed: 5,
      failed: 0,
      skipped: 1,
    });
    const ledger = await store.readLedger(job.id);
    expect(ledger).toHaveLength(10);
    expect(new Set(ledger.map((e) => e.item)).size).toBe(10);
    expect(stored?.lease).toBeNull();
    expect(await store.findActiveJob()).toBeNull();
  });

  it('never runs more items at once than the handler allows', async () => {
    handler.behaviour = () => new Promise((r) => setTimeout(() => r({ outcome: 'done' }), 5));
    await runner().runJob(await createPending());
    expect(handler.maxInFlight).toBe(2);
  });

  it('skips exactly the items the ledger marks finished when resuming', async () => {
    const job = await createPending();
    const at = new Date().toISOString();
    const planned = handler.items;
    await store.appendLedger(job.id, [
      { item: planned[0].id, outcome: 'done', at, group: planned[0].group },
      { item: planned[4].id, outcome: 'failed', at, reason: 'x', group: planned[4].group },
      { item: planned[7].id, outcome: 'skipped', at, group: planned[7].group },
    ]);
    await runner().runJob(job);
    expect(handler.processed.sort()).toEqual(
      planned
        .filter((_, i) => ![0, 4, 7].includes(i))
        .map((i) => i.id)
        .sort(),
    );
    const stored = await store.getJob(job.id);
    expect(stored?.counters).toEqual({ total: 10, processed: 10, failed: 1, skipped: 1 });
  });

  it('records failed items with their retryable flag and carries on', async () => {
    handler.items = items(60);
    handler.behaviour = (item) =>
      item.id.endsWith('-0')
        ? Promise.resolve({ outcome: 'done' })
        : item.id.endsWith('-1')
          ? failWith('HTTP 503 after 3 attempts', true)
          : Promise.reject(new Error(`bad CSV in ${item.id}`));
    const job = await createPending();
    await runner().runJob(job);
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('completed');
    expect(stored?.failureReason).toBeNull();
    expect(stored?.counters.failed).toBe(59);
    expect(stored?.errors).toHaveLength(MAX_JOB_ERRORS);
    const ledger = await store.readLedger(job.id);
    const retryable = ledger.find((e) => e.item.endsWith('-1'));
    expect(retryable).toMatchObject({ outcome: 'failed', retryable: true, attempts: 3 });
    expect(ledger.find((e) => e.item.endsWith('-2'))).toMatchObject({ retryable: false });
  });

  it('fails a job whose every item failed, naming the commonest error', async () => {
    handler.items = items(12);
    handler.behaviour = (item) =>
      item.id.endsWith('-5')
        ? failWith('club report: HTTP 404', false)
        : failWith(`club report: malformed CSV: line ${item.id.length}`, false);
    const job = await createPending();
    await runner().runJob(job);
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.counters).toMatchObject({ total: 12, processed: 12, failed: 12 });
    // Reasons that differ only in a number are one kind of error.
    expect(stored?.failureReason).toMatch(
      /^All 12 items failed; the commonest error \(11 of 12\): club report: malformed CSV: line \d+$/,
    );
  });

  it('counts failures of earlier runs when a resumed job fails every item', async () => {
    handler.items = items(4);
    handler.behaviour = () => failWith('HTTP 500', true);
    const job = await createPending();
    const at = new Date().toISOString();
    await store.appendLedger(
      job.id,
      handler.items.slice(0, 3).map((item) => ({
        item: item.id,
        outcome: 'failed' as const,
        at,
        reason: 'timed out after 30000 ms',
        group: item.group,
      })),
    );
    await runner().runJob(job);
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.failureReason).toBe(
      'All 4 items failed; the commonest error (3 of 4): timed out after 30000 ms',
    );
    expect((await store.readLedger(job.id)).map((e) => e.reason)).toContain('HTTP 500');
  });

  it('on cancel takes no new item, lets in-flight items finish and counts them', async () => {
    const gate = deferred();
    let started = 0;
    handler.behaviour = async () => {
      started++;
      await gate.promise;
      return { outcome: 'done' };
    };
    const job = await createPending();
    const r = runner();
    const running = r.runJob(job);
    await waitFor(() => started === 2);
    await store.updateJob(job.id, (j) => cancel(j, new Date().toISOString()));
    r.notifyCancelled(job.id);
    gate.resolve();
    await running;
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('cancelled');
    expect(stored?.cancelledAt).not.toBeNull();
    expect(stored?.counters.processed).toBe(2);
    expect(handler.processed).toHaveLength(2);
    expect(await store.readLedger(job.id)).toHaveLength(2);
  });

  it('on a pause stored by another instance: no new item, in-flight ones counted, lease released', async () => {
    const gate = deferred();
    handler.behaviour = async () => {
      await gate.promise;
      return { outcome: 'done' };
    };
    const job = await createPending();
    const r = runner();
    const running = r.runJob(job);
    await waitFor(() => handler.inFlight === 2);
    // Not told: it learns of the pause from the stored job, as from another instance.
    const paused = await store.updateJob(job.id, (j) => pause(j, new Date().toISOString()));
    expect(paused.lease?.owner).toBe('test-instance');
    expect(await store.findActiveJob()).toBeNull();
    r.observe(paused);
    gate.resolve();
    await running;
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('paused');
    expect(stored?.lease).toBeNull();
    expect(stored?.counters.processed).toBe(2);
    expect(handler.processed).toHaveLength(2);

    // Resumed: the run continues from the ledger and does each remaining item once.
    const resumed = await store.updateJob(job.id, (j) => resume(j, new Date().toISOString()));
    await r.runJob(resumed);
    expect((await store.getJob(job.id))?.status).toBe('completed');
    expect(handler.processed.slice().sort()).toEqual(handler.items.map((i) => i.id).sort());
  });

  it('never lets a late completion overwrite a cancel', async () => {
    const job = await createPending();
    const gate = deferred();
    handler.items = items(1);
    handler.behaviour = async () => {
      await gate.promise;
      return { outcome: 'done' };
    };
    const r = runner();
    const running = r.runJob(job);
    await waitFor(() => handler.inFlight === 1);
    // Cancelled by "someone else": this runner is not told, it finds out on its own.
    await store.updateJob(job.id, (j) => cancel(j, new Date().toISOString()));
    gate.resolve();
    await running;
    expect((await store.getJob(job.id))?.status).toBe('cancelled');
    await expect(
      store.updateJob(job.id, (j) => complete(j, {}, new Date().toISOString())),
    ).rejects.toThrow('A cancelled job cannot become completed');
  });

  it('stops without writing when another instance took over its lease', async () => {
    const job = await createPending();
    const gate = deferred();
    handler.behaviour = async () => {
      await gate.promise;
      return { outcome: 'done' };
    };
    const r = runner();
    const running = r.runJob(job);
    await waitFor(() => handler.inFlight === 2);
    const takenOver = await store.updateJob(job.id, (j) => ({
      ...j,
      lease: { owner: 'other-instance', expiresAt: new Date(Date.now() + 60_000).toISOString() },
    }));
    r.observe(takenOver);
    gate.resolve();
    await running;
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('running');
    expect(stored?.lease?.owner).toBe('other-instance');
    expect(stored?.revision).toBe(takenOver.revision);
  });

  it(`fails the job with STORAGE_ERROR after ${MAX_CONSECUTIVE_STORAGE_FAILURES} storage failures in a row`, async () => {
    handler.items = items(20);
    handler.behaviour = () =>
      Promise.reject(new StorageError('Could not write the snapshot: no space left on the device'));
    const job = await createPending();
    await runner().runJob(job);
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.failureReason).toMatch(/^STORAGE_ERROR/);
    expect(stored?.counters.processed).toBeLessThan(20);
    expect(stored?.errors[0].message).toContain('no space left');
  });

  it('fails a job whose type has no handler', async () => {
    const job = await createPending({ jobType: 'analytics-generation' });
    await runner().runJob(job);
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.failureReason).toContain('No handler');
  });

  it('fails the job when planning fails, with the reason', async () => {
    handler.plan = () => Promise.reject(new Error('summary unavailable'));
    const job = await createPending();
    await runner().runJob(job);
    expect((await store.getJob(job.id))?.failureReason).toBe(
      'Planning failed: summary unavailable',
    );
  });

  describe('a stop ends a wait for the upstream at once', () => {
    /**
     * The first item's request is answered "Retry-After: 3600"; the second item then waits
     * for the limiter, as a collection item does. The limiter runs on a FakeClock that never
     * moves, so only the stop can end that wait.
     */
    async function runUntilWaiting(r: JobRunner, job: JobRecord) {
      const limiter = new RateLimiter(
        { ...DEFAULT_RATE_LIMIT_CONFIG, maxConcurrent: 1, minDelayMs: 0 },
        new FakeClock(),
      );
      handler.items = items(2);
      handler.behaviour = async (item, _signal, stopSignal) => {
        const permit = await limiter.acquire(stopSignal);
        const first = item.id === handler.items[0].id;
        permit.release(
          first ? { kind: 'throttled', retryAfterMs: 3_600_000 } : { kind: 'success' },
        );
        return { outcome: 'done' };
      };
      const running = r.runJob(job);
      await waitFor(() => limiter.status().waitingFor === 'retry-after');
      return { running, limiter };
    }

    it('on cancel: the waiting item is left unfinished, not failed', async () => {
      const job = await createPending();
      const r = runner();
      const { running, limiter } = await runUntilWaiting(r, job);
      await store.updateJob(job.id, (j) => cancel(j, new Date().toISOString()));
      r.notifyCancelled(job.id);
      await running;
      const stored = await store.getJob(job.id);
      expect(stored?.status).toBe('cancelled');
      expect(stored?.counters).toMatchObject({ processed: 1, failed: 0 });
      expect((await store.readLedger(job.id)).map((e) => e.item)).toEqual([handler.items[0].id]);
      expect(limiter.status().waiting).toBe(0);
      expect(r.runningJobId).toBeNull();
    });

    it('on lease loss: stops without writing', async () => {
      const job = await createPending();
      const r = runner();
      const { running } = await runUntilWaiting(r, job);
      const takenOver = await store.updateJob(job.id, (j) => ({
        ...j,
        lease: { owner: 'other-instance', expiresAt: new Date(Date.now() + 60_000).toISOString() },
      }));
      r.observe(takenOver);
      await running;
      expect((await store.getJob(job.id))?.revision).toBe(takenOver.revision);
      expect(r.runningJobId).toBeNull();
    });

    it('on shutdown: without waiting out the grace period, the item left for resume', async () => {
      const job = await createPending();
      const config = testConfig(dir, { SHUTDOWN_GRACE_SECONDS: '600' });
      const r = new JobRunner(store, registry, config, new SystemClock());
      const { running } = await runUntilWaiting(r, job);
      // A grace period far longer than this test may take: waiting it out would time out.
      await Promise.all([r.onApplicationShutdown(), running]);
      const stored = await store.getJob(job.id);
      expect(stored?.status).toBe('running');
      expect(stored?.counters).toMatchObject({ processed: 1, failed: 0 });
      expect(await store.readLedger(job.id)).toHaveLength(1);
    });
  });

  it('on shutdown finishes in-flight items, keeps the job active and releases its lease', async () => {
    const clock = new FakeClock(Date.now());
    const gate = deferred();
    handler.behaviour = async () => {
      await gate.promise;
      return { outcome: 'done' };
    };
    const job = await createPending();
    const r = runner(clock);
    const running = r.runJob(job);
    await waitFor(() => handler.inFlight === 2);
    const shutdown = r.onApplicationShutdown();
    gate.resolve();
    await Promise.all([running, shutdown]);
    const stored = await store.getJob(job.id);
    expect(stored?.status).toBe('running');
    expect(stored?.counters.processed).toBe(2);
    expect(stored?.lease?.expiresAt).toBe(clock.nowIso());
    expect(await store.readLedger(job.id)).toHaveLength(2);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
