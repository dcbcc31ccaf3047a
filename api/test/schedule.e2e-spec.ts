import request from 'supertest';
import { FakeClock } from '../src/common/clock';
import type { JobRecord } from '../src/domain/job.model';
import { CollectSchedule } from '../src/jobs/schedule/collect-schedule.service';
import { until } from './cases/pause-resume.cases';
import { TestApp, startTestApp } from './factories/test-app';
import { TestHandler, deferred, items } from './factories/test-handler';

/**
 * The daily schedule with fake time: each test calls the tick the cron would call, at an
 * instant of its choosing, and waits for the states that follow; no real cron is awaited.
 */
const BASE = '/api/admin/backfill';
const TICK = Date.UTC(2026, 2, 10, 7, 30);
const DAY = 86_400_000;
// Due on 1 January only: the real cron never fires during a test.
// No shutdown grace: closing the app mid-item is as abrupt as a crash.
const ENV = {
  COLLECT_SCHEDULE: '0 7 1 1 *',
  COLLECT_LOOKBACK_DAYS: '7',
  SHUTDOWN_GRACE_SECONDS: '0',
};
const userJob = { jobType: 'data-collection', startDate: '2026-02-01', endDate: '2026-02-04' };

interface Action {
  action: string;
  by: string;
  detail?: string;
}

/** Waits for `gate`, or rejects when the run is aborted (an item cut short by a crash). */
function untilAborted(gate: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void gate.then(resolve);
  });
}

describe('daily collection schedule (fake time)', () => {
  let t: TestApp;
  let clock: FakeClock;
  let userGate = deferred();
  let scheduledGate = deferred();
  /** Items each job processed, by job id. */
  let processed: Map<string, string[]>;
  let collector: TestHandler;
  let analyser: TestHandler;

  beforeEach(async () => {
    clock = new FakeClock(TICK);
    userGate = deferred();
    scheduledGate = deferred();
    scheduledGate.resolve();
    processed = new Map();
    const record = (job: Readonly<JobRecord>, id: string) =>
      processed.set(job.id, [...(processed.get(job.id) ?? []), id]);
    collector = new TestHandler('data-collection', items(4), async (item, signal, _stop, job) => {
      await untilAborted(job.config.scheduled ? scheduledGate.promise : userGate.promise, signal);
      record(job, item.id);
      return { outcome: 'done', touched: item.id.slice(0, 10) };
    });
    analyser = new TestHandler('analytics-generation', items(1), (item, _s, _stop, job) => {
      record(job, item.id);
      return Promise.resolve({ outcome: 'done' });
    });
    t = await start();
  });

  afterEach(async () => {
    userGate.resolve();
    scheduledGate.resolve();
    await t.close();
  });

  function start(dataDir?: string): Promise<TestApp> {
    return startTestApp({ clock, env: ENV, handlers: [collector, analyser], dataDir });
  }

  const server = () => t.app.getHttpServer();
  const schedule = () => t.app.get(CollectSchedule);
  const getJob = async (jobId: string) =>
    (await request(server()).get(`${BASE}/${jobId}`).set(t.auth).expect(200)).body;
  const scheduleStatus = async () =>
    (await request(server()).get(`${BASE}/status`).set(t.auth).expect(200)).body.schedule;
  const lastTickIs = (outcome: string) =>
    until(`last tick ${outcome}`, async () => {
      const status = await scheduleStatus();
      return status.lastTick?.outcome === outcome ? status : null;
    });
  const jobIs = (jobId: string, status: string) =>
    until(`job ${jobId} ${status}`, async () => {
      const job = await getJob(jobId);
      return job.status === status ? job : null;
    });

  async function startUserJob(): Promise<string> {
    const res = await request(server()).post(BASE).set(t.auth).send(userJob).expect(202);
    await until('user items in flight', () => Promise.resolve(collector.inFlight === 2 || null));
    return res.body.jobId as string;
  }

  it('collects [yesterday - 6, yesterday] with skip-existing, then analyses what it wrote', async () => {
    const before = await scheduleStatus();
    expect(before).toEqual({
      expression: '0 7 1 1 *',
      lookbackDays: 7,
      nextTickAt: expect.stringMatching(/^\d{4}-01-01T07:00:00\.000Z$/),
      lastTick: null,
      inProgress: null,
    });
    const tick = await schedule().tick(TICK);
    expect(tick).toMatchObject({ at: new Date(TICK).toISOString(), outcome: 'started' });
    const status = await lastTickIs('completed');
    const { collectionJobId, analyticsJobId } = status.lastTick;
    expect(status.inProgress).toBeNull();
    expect(status.lastTick.message).toBe('Collected and analysed 2026-03-03..2026-03-09');
    const collection = await getJob(collectionJobId as string);
    expect(collection).toMatchObject({
      status: 'completed',
      config: {
        startDate: '2026-03-03',
        endDate: '2026-03-09',
        skipExisting: true,
        analyticsAfter: true,
        scheduled: true,
      },
      followUpJobId: analyticsJobId,
      actions: [expect.objectContaining({ action: 'created', by: 'schedule' })],
    });
    const analytics = await jobIs(analyticsJobId as string, 'completed');
    // The touched dates of the test items: 2026-01-01..2026-01-04.
    expect(analytics.config).toMatchObject({ startDate: '2026-01-01', endDate: '2026-01-04' });
    expect(analytics.actions[0]).toMatchObject({ action: 'created', by: 'schedule' });
    // The same tick again (another instance, or a repeat) does nothing.
    expect(await schedule().tick(TICK)).toBeNull();
  });

  it('pauses the running job, runs its own jobs, and resumes it afterwards', async () => {
    const userJobId = await startUserJob();
    const ticking = schedule().tick(TICK);
    await jobIs(userJobId, 'paused');
    userGate.resolve();
    await ticking;
    const status = await lastTickIs('completed');
    expect(status.lastTick.pausedJobId).toBe(userJobId);
    expect(status.lastTick.message).toContain(`resumed job ${userJobId}`);
    const done = await jobIs(userJobId, 'completed');
    expect(done.actions.map((a: Action) => [a.action, a.by])).toEqual([
      ['created', 'admin'],
      ['paused', 'schedule'],
      ['resumed', 'schedule'],
    ]);
    expect(done.counters).toEqual({ total: 4, processed: 4, failed: 0, skipped: 0 });
    // Every item of the paused job done exactly once across its two runs.
    expect(processed.get(userJobId)?.slice().sort()).toEqual(
      collector.items.map((i) => i.id).sort(),
    );
    // The schedule's own jobs ran while the user's job was paused: they finished first.
    const collection = await getJob(status.lastTick.collectionJobId as string);
    expect(Date.parse(collection.completedAt)).toBeLessThanOrEqual(Date.parse(done.completedAt));
  });

  it('does nothing but log it when its previous scheduled job is still running', async () => {
    scheduledGate = deferred();
    await schedule().tick(TICK);
    const first = await scheduleStatus();
    const collectionJobId = first.inProgress.collectionJobId as string;
    await jobIs(collectionJobId, 'running');
    const second = await schedule().tick(TICK + DAY);
    expect(second).toMatchObject({
      outcome: 'skipped',
      message: 'Nothing started: its previous run is still collecting',
    });
    const jobs = await request(server()).get(`${BASE}/jobs`).set(t.auth).expect(200);
    expect(jobs.body.total).toBe(1);
    expect((await getJob(collectionJobId)).status).toBe('running');
    scheduledGate.resolve();
    await jobIs(collectionJobId, 'completed');
    // The earlier tick's sequence still finishes; the skipped tick stays the last one.
    await until('sequence over', async () => ((await scheduleStatus()).inProgress ? null : true));
    expect((await scheduleStatus()).lastTick.outcome).toBe('skipped');
  });

  it('after a crash mid-sequence: resumes its own job and leaves the paused one paused until its turn', async () => {
    scheduledGate = deferred();
    const userJobId = await startUserJob();
    const ticking = schedule().tick(TICK);
    await jobIs(userJobId, 'paused');
    userGate.resolve();
    await ticking;
    const collectionJobId = (await until('collection job', async () => {
      const status = await scheduleStatus();
      return status.inProgress?.collectionJobId ?? null;
    })) as string;
    await jobIs(collectionJobId, 'running');

    // The service stops in the middle (its own collection under way) and starts again.
    const dataDir = t.dataDir;
    await t.app.close();
    t = await start(dataDir);
    await jobIs(collectionJobId, 'running');
    const during = await scheduleStatus();
    expect(during.inProgress).toMatchObject({ phase: 'collecting', pausedJobId: userJobId });
    expect((await getJob(userJobId)).status).toBe('paused');

    scheduledGate.resolve();
    await lastTickIs('completed');
    const resumed = await jobIs(userJobId, 'completed');
    expect(resumed.actions.map((a: Action) => [a.action, a.by])).toEqual([
      ['created', 'admin'],
      ['paused', 'schedule'],
      ['resumed', 'schedule'],
    ]);
    expect(processed.get(userJobId)?.slice().sort()).toEqual(
      collector.items.map((i) => i.id).sort(),
    );
  });
});
