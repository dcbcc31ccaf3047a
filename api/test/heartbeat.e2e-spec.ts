import request from 'supertest';
import { cancel, fail, withAction } from '../src/jobs/job-state';
import { JobStore } from '../src/storage/job-store';
import { JobHeartbeat } from '../src/recovery/job-heartbeat';
import { TestApp, startTestApp } from './factories/test-app';
import { TestHandler, deferred, items } from './factories/test-handler';

/**
 * What the heartbeat tells a runner about changes made by another instance. Those writes
 * go straight to the shared store here, exactly as another instance's JobsService would
 * make them, so this process's runner hears nothing except through its heartbeat.
 */
const BASE = '/api/admin/backfill';

describe('heartbeat: a runner hears of what other instances did to its job', () => {
  let t: TestApp;
  let handler: TestHandler;
  let gate = deferred();
  const signals: AbortSignal[] = [];

  beforeEach(async () => {
    gate = deferred();
    signals.length = 0;
    // Two items in flight, both held until the test opens the gate: no item finishes, so
    // no progress flush can tell the runner anything.
    handler = new TestHandler(
      'data-collection',
      items(10),
      async (_item, signal) => {
        signals.push(signal);
        await gate.promise;
        return { outcome: 'done' };
      },
      2,
    );
    // A long heartbeat interval: the test calls beat() itself.
    t = await startTestApp({
      handlers: [handler],
      env: { HEARTBEAT_SECONDS: '3000', LEASE_SECONDS: '3600' },
    });
  });

  afterEach(async () => {
    gate.resolve();
    await t.close();
  });

  async function startHeldJob(): Promise<string> {
    const created = await request(t.app.getHttpServer())
      .post(BASE)
      .set(t.auth)
      .send({
        jobType: 'data-collection',
        startDate: '2026-01-01',
        endDate: '2026-01-05',
        targetDistricts: ['61'],
      })
      .expect(202);
    const id = created.body.jobId as string;
    while (handler.inFlight < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    return id;
  }

  const store = () => t.app.get(JobStore);
  const now = () => new Date().toISOString();

  it('stops taking items at the next beat after a cancel made elsewhere', async () => {
    const id = await startHeldJob();
    await store().updateJob(id, (job) =>
      withAction(cancel(job, now()), { action: 'cancelled', by: 'admin', at: now() }),
    );
    await t.app.get(JobHeartbeat).beat();
    gate.resolve();
    await t.runner.whenIdle();
    // The two in flight finish (a cancel lets them), nothing after them starts.
    expect(handler.processed).toHaveLength(2);
    const job = await store().getJob(id);
    expect(job?.status).toBe('cancelled');
    expect(job?.counters.processed).toBe(2);
  });

  it('records a runner held back by the dashboard as alive, so the stale rule spares it', async () => {
    const id = await startHeldJob();
    const longAgo = new Date(Date.now() - 60 * 60_000).toISOString();
    const makeSilent = () =>
      store().updateJob(id, (job) => ({ ...job, startedAt: longAgo, lastProgressAt: longAgo }));
    // Waiting on a Retry-After (as the data-collection handler reports from its limiter).
    handler.waitingOnUpstream = () => true;
    await makeSilent();
    await t.app.get(JobHeartbeat).beat();
    expect(await store().getJob(id)).toMatchObject({ status: 'running' });
    expect((await store().getJob(id))?.upstreamWaitSeenAt).toEqual(expect.any(String));
    // Silent without such a wait: stale, failed, and the runner stops.
    handler.waitingOnUpstream = () => false;
    await store().updateJob(id, (job) => ({ ...job, upstreamWaitSeenAt: longAgo }));
    await t.app.get(JobHeartbeat).beat();
    expect(await store().getJob(id)).toMatchObject({ status: 'failed', failureReason: 'stale' });
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });

  it('stops at the next beat after the job was failed elsewhere (the stale rule there)', async () => {
    const id = await startHeldJob();
    await store().updateJob(id, (job) => fail(job, 'stale', now()));
    await t.app.get(JobHeartbeat).beat();
    // Not its job any more: in-flight work is abandoned at once, not waited for.
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
    gate.resolve();
    await t.runner.whenIdle();
    expect(handler.processed.length).toBeLessThanOrEqual(2);
    const job = await store().getJob(id);
    expect(job).toMatchObject({ status: 'failed', failureReason: 'stale' });
  });
});
