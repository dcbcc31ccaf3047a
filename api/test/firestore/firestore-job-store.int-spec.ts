import { Query } from '@google-cloud/firestore';
import { newJobId } from '../../src/common/ids';
import { cancel, complete, markRecovering } from '../../src/jobs/job-state';
import type { JobRecord } from '../../src/domain/job.model';
import { DEFAULT_RATE_LIMIT_CONFIG } from '../../src/domain/rate-limit-config';
import { FirestoreJobStore } from '../../src/storage/firestore/firestore-job-store';
import type { JobStore } from '../../src/storage/job-store';
import { StorageError } from '../../src/domain/storage-errors';
import { ValidatedJobStore } from '../../src/storage/validated-job-store';
import { makeFinishedJob, makeJob } from '../factories/job.factory';
import { recordingWatcher } from '../contracts/job-store.contract';
// Its own line: the listener fault below spies on it.
import { DocumentReference } from '@google-cloud/firestore';
import { EmulatorProject } from './emulator-project';
import { RATE_LIMIT_CONFIG_BEFORE_PAUSE } from '../factories/rate-limit.factory';

/**
 * Beyond the contract: what only shows with several instances on one database (each with
 * its own client, so nothing is serialised in-process), the document layout, and that a
 * failed query is an error.
 */
describe('FirestoreJobStore on the emulator', () => {
  const project = new EmulatorProject('job-store');
  let a: JobStore;
  let b: JobStore;

  /** A store on a client of its own, as another service instance has. */
  const instance = (): JobStore =>
    new ValidatedJobStore(new FirestoreJobStore(project.newClient()));

  beforeEach(async () => {
    await project.wipe();
    a = instance();
    b = instance();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await project.closeInstanceClients();
  });

  afterAll(() => project.close());

  it('lays jobs, ledger, lock and config out as documented', async () => {
    const job = makeJob({ status: 'running' });
    await a.createJob(job);
    await a.appendLedger(job.id, [{ item: '2026-01-01/61', outcome: 'done', at: job.createdAt }]);
    await a.saveRateLimitConfig({
      maxRequestsPerMinute: 60,
      maxConcurrent: 1,
      minDelayMs: 0,
      maxDelayMs: 1000,
      backoffMultiplier: 2,
      pauseEveryRequests: 0,
      pauseMs: 0,
    });
    const db = project.firestore;
    expect((await db.doc(`backfill-jobs/${job.id}`).get()).get('status')).toBe('running');
    expect((await db.doc('locks/active-job').get()).get('jobId')).toBe(job.id);
    expect((await db.collection(`backfill-jobs/${job.id}/ledger`).get()).size).toBe(1);
    expect((await db.doc('config/rate-limit').get()).get('maxConcurrent')).toBe(1);
  });

  it('reads a config saved before the pause fields existed, with their defaults', async () => {
    const before = RATE_LIMIT_CONFIG_BEFORE_PAUSE;
    await project.firestore.doc('config/rate-limit').set(before);
    expect(await a.getRateLimitConfig()).toEqual({
      ...before,
      pauseEveryRequests: DEFAULT_RATE_LIMIT_CONFIG.pauseEveryRequests,
      pauseMs: DEFAULT_RATE_LIMIT_CONFIG.pauseMs,
    });
  });

  it('gives exactly one job to simultaneous creates from two instances', async () => {
    const results = await Promise.all(
      [a, b, a, b].map((store) => store.createJob(makeJob({ status: 'pending' }))),
    );
    const winners = results.filter((r) => r.created);
    expect(winners).toHaveLength(1);
    const winnerId = winners[0].created ? winners[0].job.id : '';
    expect(results.filter((r) => !r.created)).toEqual(
      Array(3).fill({ created: false, activeJobId: winnerId }),
    );
    expect((await b.findActiveJob())?.id).toBe(winnerId);
  });

  it('loses no update when two instances write one job at once', async () => {
    const job = makeJob({ status: 'running' });
    await a.createJob(job);
    const bump = (j: JobRecord) => ({
      ...j,
      counters: { ...j.counters, processed: j.counters.processed + 1 },
    });
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).updateJob(job.id, bump)));
    const stored = await a.getJob(job.id);
    expect(stored?.counters.processed).toBe(8);
    expect(stored?.revision).toBe(9);
  });

  it('lets one instance win a lease takeover and tells the other', async () => {
    const expired = '2026-01-15T12:00:00.000Z';
    const job = makeJob({ status: 'running', lease: { owner: 'dead', expiresAt: expired } });
    await a.createJob(job);
    const takeOver = (store: JobStore, owner: string) =>
      store.updateJob(job.id, (j) =>
        j.lease?.owner === 'dead'
          ? markRecovering(j, owner, '2099-01-01T00:00:00.000Z', expired)
          : null,
      );
    const [byA, byB] = await Promise.all([takeOver(a, 'a'), takeOver(b, 'b')]);
    // Both see the same stored winner: the loser's mutation re-ran on the winner's write.
    expect(byA.lease?.owner).toBe(byB.lease?.owner);
    expect(['a', 'b']).toContain(byA.lease?.owner);
    expect(byA.revision).toBe(2);
  });

  it('settles cancel against complete: one wins, the lock is free, nothing is overwritten', async () => {
    const job = makeJob({
      status: 'running',
      lease: { owner: 'a', expiresAt: '2099-01-01T00:00:00.000Z' },
    });
    await a.createJob(job);
    const now = '2026-01-15T13:00:00.000Z';
    const [completed, cancelled] = await Promise.all([
      a.updateJob(job.id, (j) => (j.status === 'running' ? complete(j, {}, now) : null)),
      b.updateJob(job.id, (j) => (j.status === 'running' ? cancel(j, now) : null)),
    ]);
    const stored = await a.getJob(job.id);
    expect(['completed', 'cancelled']).toContain(stored?.status);
    expect(completed.status).toBe(stored?.status);
    expect(cancelled.status).toBe(stored?.status);
    expect(stored?.revision).toBe(2);
    expect(await b.findActiveJob()).toBeNull();
    expect((await b.createJob(makeJob())).created).toBe(true);
  });

  it('treats a lock naming a missing job as free', async () => {
    await project.firestore.doc('locks/active-job').set({ jobId: newJobId() });
    expect(await a.findActiveJob()).toBeNull();
    expect((await a.createJob(makeJob())).created).toBe(true);
  });

  it('keeps ledger documents small and reads long ledgers over several pages', async () => {
    const job = makeFinishedJob('completed', '2026-01-01T00:00:00.000Z');
    await a.createJob(job);
    const reason = 'x'.repeat(450);
    const big = Array.from({ length: 1500 }, (_, i) => ({
      item: `big-${i}`,
      outcome: 'failed' as const,
      at: job.createdAt,
      reason,
    }));
    await a.appendLedger(job.id, big);
    const docs = await project.firestore.collection(`backfill-jobs/${job.id}/ledger`).get();
    expect(docs.size).toBeGreaterThan(1);
    for (const doc of docs.docs) {
      expect(Buffer.byteLength(JSON.stringify(doc.data()))).toBeLessThan(300 * 1024);
    }
    // More single-entry appends than one page of the ledger query holds.
    for (let start = 0; start < 520; start += 130) {
      await Promise.all(
        Array.from({ length: 130 }, (_, i) =>
          (i % 2 ? a : b).appendLedger(job.id, [
            { item: `one-${start + i}`, outcome: 'done', at: job.createdAt },
          ]),
        ),
      );
    }
    const ledger = await b.readLedger(job.id);
    expect(ledger).toHaveLength(1500 + 520);
    expect(ledger.slice(0, 1500).map((e) => e.item)).toEqual(big.map((e) => e.item));
    expect(new Set(ledger.map((e) => e.item)).size).toBe(2020);
  });

  describe('watching a job', () => {
    it('tells a watcher on one instance of a cancel stored by another', async () => {
      const job = makeJob({
        status: 'running',
        lease: { owner: 'a', expiresAt: '2099-01-01T00:00:00.000Z' },
      });
      await a.createJob(job);
      const seen = recordingWatcher();
      const unwatch = a.watchJob(job.id, seen.watcher);
      await seen.until((jobs) => jobs.length >= 1);
      await b.updateJob(job.id, (j) => cancel(j, '2026-01-15T13:00:00.000Z'));
      const jobs = await seen.until((all) => all.at(-1)?.status === 'cancelled');
      unwatch();
      expect(jobs.at(-1)?.revision).toBe(2);
    });

    it('reports the watch as failed when the document turns malformed', async () => {
      const job = makeJob();
      await a.createJob(job);
      const seen = recordingWatcher();
      a.watchJob(job.id, seen.watcher);
      await seen.until((jobs) => jobs.length >= 1);
      await project.firestore.doc(`backfill-jobs/${job.id}`).set({ id: job.id, status: 'weird' });
      await expect(seen.until(() => false)).rejects.toBeInstanceOf(StorageError);
      expect(seen.failures).toHaveLength(1);
    });

    it('reports a listener the client gives up on as a failed watch, once', async () => {
      const job = makeJob();
      await a.createJob(job);
      const unavailable = Object.assign(new Error('14 UNAVAILABLE: stream closed'), { code: 14 });
      jest
        .spyOn(DocumentReference.prototype, 'onSnapshot')
        .mockImplementation((_onNext: unknown, onError?: (error: Error) => void) => {
          setImmediate(() => {
            onError?.(unavailable);
            onError?.(unavailable);
          });
          return () => undefined;
        });
      const seen = recordingWatcher();
      a.watchJob(job.id, seen.watcher);
      await expect(seen.until(() => false)).rejects.toThrow(/listener on job .* UNAVAILABLE/);
      expect(seen.failures).toHaveLength(1);
      expect(seen.failures[0]).toBeInstanceOf(StorageError);
    });
  });

  it('reports a malformed job document instead of hiding it', async () => {
    const id = newJobId();
    await project.firestore.doc(`backfill-jobs/${id}`).set({ id, status: 'weird' });
    await expect(a.getJob(id)).rejects.toBeInstanceOf(StorageError);
  });

  describe('a failing query (as production answers a missing index)', () => {
    const missingIndex = Object.assign(
      new Error('9 FAILED_PRECONDITION: The query requires an index. You can create it here: …'),
      { code: 9 },
    );

    beforeEach(() => {
      jest.spyOn(Query.prototype, 'get').mockRejectedValue(missingIndex);
      const aggregate = Object.getPrototypeOf(project.firestore.collection('x').count()) as {
        get(): Promise<unknown>;
      };
      jest.spyOn(aggregate, 'get').mockRejectedValue(missingIndex);
    });

    it.each([
      ['listJobs', (s: JobStore) => s.listJobs({ limit: 10, offset: 0, statuses: ['failed'] })],
      ['findFinishedBefore', (s: JobStore) => s.findFinishedBefore('2026-01-01T00:00:00Z', 5)],
      ['readLedger', (s: JobStore) => s.readLedger(newJobId())],
    ])('%s throws StorageError naming the index, never []', async (_name, call) => {
      const failure = call(a);
      await expect(failure).rejects.toBeInstanceOf(StorageError);
      await expect(failure).rejects.toThrow(/composite index.*firestore\.indexes\.json/);
    });
  });
});
