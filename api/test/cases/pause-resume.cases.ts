import request from 'supertest';
import { addDays, utcDateOf } from '../../src/common/utc-dates';
import { TestHandler, deferred, items } from '../factories/test-handler';
import { TestApp, startTestApp } from '../factories/test-app';

const BASE = '/api/admin/backfill';
const yesterday = addDays(utcDateOf(Date.now()), -1);
const collection = {
  jobType: 'data-collection',
  startDate: addDays(yesterday, -3),
  endDate: yesterday,
};
const analytics = { jobType: 'analytics-generation', startDate: yesterday, endDate: yesterday };

export interface DriverHarness {
  /** Environment that selects the driver (and whatever it needs). */
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** Polls until `probe` gives a value: tests wait for a state, never for a time. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined>) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An item that waits for the stop signal, as one held by the rate limiter does. */
function waitForStop(stopSignal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (stopSignal.aborted) reject(stopSignal.reason as Error);
    stopSignal.addEventListener('abort', () => reject(stopSignal.reason as Error), { once: true });
  });
}

/**
 * Pause and resume through the HTTP API, the same on every storage driver: the lock is
 * released by a pause and taken back by a resume, and a resumed job does no item twice.
 */
export function describePauseResume(driverName: string, harness: DriverHarness): void {
  describe(`pause and resume (${driverName})`, () => {
    let t: TestApp;
    let gate = deferred();
    let analyticsGate = deferred();
    let collector: TestHandler;
    let analyser: TestHandler;
    let waitedOnce = false;

    beforeEach(async () => {
      gate = deferred();
      analyticsGate = deferred();
      waitedOnce = false;
      const planned = items(6);
      collector = new TestHandler('data-collection', planned, async (item, _signal, stop) => {
        // The first item waits on the "upstream" until the pause aborts it: unfinished,
        // so it is done after the resume, once.
        if (item.id === planned[0].id && !waitedOnce) {
          waitedOnce = true;
          return waitForStop(stop);
        }
        await gate.promise;
        return { outcome: 'done' };
      });
      analyser = new TestHandler('analytics-generation', items(2), async () => {
        await analyticsGate.promise;
        return { outcome: 'done' };
      });
      t = await startTestApp({ handlers: [collector, analyser], env: await harness.env() });
    });

    afterEach(async () => {
      gate.resolve();
      analyticsGate.resolve();
      await t.close();
      await harness.cleanup();
    });

    const server = () => t.app.getHttpServer();
    const getJob = async (jobId: string) =>
      (await request(server()).get(`${BASE}/${jobId}`).set(t.auth).expect(200)).body;
    const jobInStatus = (jobId: string, status: string) =>
      until(`job ${jobId} ${status}`, async () => {
        const job = await getJob(jobId);
        return job.status === status ? job : null;
      });

    async function createRunning(): Promise<string> {
      const res = await request(server()).post(BASE).set(t.auth).send(collection).expect(202);
      const jobId = res.body.jobId as string;
      await until('two items in flight', () => Promise.resolve(collector.inFlight === 2 || null));
      return jobId;
    }

    it('pauses, frees the lock for another job, resumes from the ledger and does no item twice', async () => {
      const jobId = await createRunning();
      let stream = '';
      const eventsDone = request(server())
        .get(`${BASE}/${jobId}/events`)
        .set(t.auth)
        .buffer(true)
        .parse((res, done) => {
          res.on('data', (chunk: Buffer) => (stream += chunk.toString()));
          res.on('end', () => done(null, stream));
        })
        .then(() => stream);

      const paused = await request(server()).post(`${BASE}/${jobId}/pause`).set(t.auth).expect(200);
      expect(paused.body).toMatchObject({ jobId, status: 'paused', currentItem: null });
      expect(paused.body.pausedAt).toEqual(expect.any(String));
      // The runner still finishes the item in flight: a resume now waits for it.
      const early = await request(server()).post(`${BASE}/${jobId}/resume`).set(t.auth).expect(409);
      expect(early.body.error.code).toBe('JOB_STILL_PAUSING');
      expect(early.body.error.retryable).toBe(true);

      gate.resolve();
      const released = await until('lease released', async () => {
        const job = await getJob(jobId);
        return job.lease === null ? job : null;
      });
      expect(released.status).toBe('paused');
      expect(released.counters.processed).toBe(1);
      expect(released.throughput.etaSeconds).toBeNull();
      await until('the paused event', () =>
        Promise.resolve(/"status":"paused"/.test(stream) || null),
      );

      // The lock is free: another job runs, and the paused one cannot resume meanwhile.
      const other = await request(server()).post(BASE).set(t.auth).send(analytics).expect(202);
      const busy = await request(server()).post(`${BASE}/${jobId}/resume`).set(t.auth).expect(409);
      expect(busy.body.error).toMatchObject({
        code: 'JOB_ALREADY_RUNNING',
        details: { activeJobId: other.body.jobId },
      });
      analyticsGate.resolve();
      await jobInStatus(other.body.jobId as string, 'completed');

      const resumed = await request(server())
        .post(`${BASE}/${jobId}/resume`)
        .set(t.auth)
        .expect(202);
      expect(resumed.body).toMatchObject({ jobId, status: 'pending' });
      const done = await jobInStatus(jobId, 'completed');
      expect(done.counters).toEqual({ total: 6, processed: 6, failed: 0, skipped: 0 });
      expect(collector.processed.slice().sort()).toEqual(collector.items.map((i) => i.id).sort());
      expect(done.actions.map((a: { action: string; by: string }) => [a.action, a.by])).toEqual([
        ['created', 'admin'],
        ['paused', 'admin'],
        ['resumed', 'admin'],
      ]);
      const ledger = await request(server()).get(`${BASE}/${jobId}/items`).set(t.auth).expect(200);
      expect(ledger.body.total).toBe(6);

      const statuses = [...(await eventsDone).matchAll(/"status":"(\w+)"/g)].map((m) => m[1]);
      expect(statuses.indexOf('paused')).toBeLessThan(statuses.lastIndexOf('completed'));
      expect(statuses.at(-1)).toBe('completed');
    });

    it('answers 409 with a clear code to a pause or resume the status forbids', async () => {
      const jobId = await createRunning();
      const notPaused = await request(server())
        .post(`${BASE}/${jobId}/resume`)
        .set(t.auth)
        .expect(409);
      expect(notPaused.body.error).toMatchObject({
        code: 'JOB_NOT_RESUMABLE',
        details: { status: 'running' },
      });
      await request(server()).post(`${BASE}/${jobId}/pause`).set(t.auth).expect(200);
      const twice = await request(server()).post(`${BASE}/${jobId}/pause`).set(t.auth).expect(409);
      expect(twice.body.error).toMatchObject({
        code: 'JOB_NOT_PAUSABLE',
        details: { status: 'paused' },
      });
      gate.resolve();
      // A paused job can be cancelled, and then neither paused nor resumed.
      await request(server()).delete(`${BASE}/${jobId}`).set(t.auth).expect(200);
      await until('run over', () => t.runner.whenIdle().then(() => true));
      const cancelled = await getJob(jobId);
      expect(cancelled.status).toBe('cancelled');
      const late = await request(server()).post(`${BASE}/${jobId}/pause`).set(t.auth).expect(409);
      expect(late.body.error.code).toBe('JOB_NOT_PAUSABLE');
      const unknown = '00000000-0000-4000-8000-000000000000';
      await request(server()).post(`${BASE}/${unknown}/resume`).set(t.auth).expect(404);
      await request(server()).post(`${BASE}/not-an-id/pause`).set(t.auth).expect(400);
      await request(server()).post(`${BASE}/${jobId}/pause`).expect(401);
    });

    it('shows a paused job as no active job, never stale, and leaves it paused on a restart', async () => {
      const jobId = await createRunning();
      await request(server()).post(`${BASE}/${jobId}/pause`).set(t.auth).expect(200);
      gate.resolve();
      await until('lease released', async () =>
        (await getJob(jobId)).lease === null ? true : null,
      );
      const status = await request(server()).get(`${BASE}/status`).set(t.auth).expect(200);
      expect(status.body.activeJob).toBeNull();
      const env = await harness.env();
      const dataDir = t.dataDir;
      await t.app.close();
      // A new service on the same storage: recovery finds nothing to resume.
      const again = await startTestApp({ handlers: [collector, analyser], env, dataDir });
      try {
        const recovered = await until('recovery check', async () => {
          const res = await request(again.app.getHttpServer())
            .get(`${BASE}/status`)
            .set(again.auth);
          return res.body.recovery ?? null;
        });
        expect(recovered.outcome).toBe('none');
        const job = await request(again.app.getHttpServer())
          .get(`${BASE}/${jobId}`)
          .set(again.auth)
          .expect(200);
        expect(job.body.status).toBe('paused');
      } finally {
        await again.close();
      }
    });
  });
}
