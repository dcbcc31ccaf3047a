import * as path from 'node:path';
import {
  LogEntry,
  RunningEmulator,
  listDistricts,
  startDashboardEmulator,
} from 'dashboard-emulator';
import type { JobCounters, JobLease } from '../../src/domain/job.model';
import { markRecovering, withAction } from '../../src/jobs/job-state';
import { FirestoreJobStore } from '../../src/storage/firestore/firestore-job-store';
import { ordinaryDates } from '../factories/emulator-dates';
import { ApiInstance, buildApi } from './api-instance';
import { EmulatorProject } from './emulator-project';
import { callBackfill, firestoreServiceEnv, until } from './instance-api';

/**
 * A stop decided on one instance (a cancel sent to the idle one, a takeover of the lease)
 * reaches the runner on another through its listener on the job document, not at its next
 * heartbeat; with the listener cut, the heartbeat and the check before each item still do.
 *
 * How the tests tell the listener did it without timing anything: heartbeats and progress
 * flushes come every 60 s, and the rate limiter starts one request at a time, 3 s apart. The
 * decision is taken right after the first request of an item (its club report), so that item
 * waits in the limiter for its next request and no other item can start for 6 s. Had the
 * runner heard of the decision any other way, the waiting item's next request would reach
 * the dashboard after the decision was recorded. The dashboard's request log and the ledger
 * say what happened; the runner's log says how it heard.
 */
const TOKEN = 'live-stop-token-0123456789abcdef';
const SPACING_MS = 3000;
const FAR = '2099-01-01T00:00:00.000Z';
const CUT_LISTENER = path.join(__dirname, '..', 'support', 'cut-job-listener.js');
const STOP_LINE = 'stopping its run';

interface JobView {
  jobId: string;
  status: string;
  counters: JobCounters;
  lease: (JobLease & { renewedAt: string | null }) | null;
  cancelledAt: string | null;
  actions: { action: string; at: string; instance?: string }[];
}

interface StatusView {
  instanceId: string;
  runningHere: string | null;
  activeJob: JobView | null;
}

describe('a stop decided on one instance reaches the runner on another at once', () => {
  const project = new EmulatorProject('live-stop');
  const dates = ordinaryDates('2026-03-02', 4);
  let dashboard: RunningEmulator;
  let env: Record<string, string>;
  let instances: ApiInstance[] = [];
  let idle: ApiInstance;
  let runner: ApiInstance;
  let firestore: FirestoreJobStore;

  beforeAll(async () => {
    buildApi();
    dashboard = await startDashboardEmulator({ port: 0, faults: { latencyMs: 20 } });
    env = {
      ...firestoreServiceEnv(project, TOKEN, dashboard.url),
      // Neither can explain a stop within the limiter's 3 s: only the listener can.
      HEARTBEAT_SECONDS: '60',
      PROGRESS_FLUSH_SECONDS: '60',
      LEASE_SECONDS: '120',
    };
    instances = await Promise.all([
      ApiInstance.start('instance-a', env),
      ApiInstance.start('instance-b', env),
    ]);
    [idle, runner] = instances;
    firestore = new FirestoreJobStore(project.firestore);
    const oneAtATime = {
      maxRequestsPerMinute: 600,
      maxConcurrent: 1,
      minDelayMs: SPACING_MS,
      maxDelayMs: 60_000,
      backoffMultiplier: 2,
      pauseEveryRequests: 0,
      pauseMs: 0,
    };
    expect((await call(idle, 'PUT', '/config/rate-limit', oneAtATime)).status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await dashboard?.close();
    await project.close();
  });

  function call(instance: ApiInstance, method: string, route: string, body?: unknown) {
    return callBackfill(instance, TOKEN, method, route, body);
  }

  async function statusOf(instance: ApiInstance): Promise<StatusView> {
    return (await call(instance, 'GET', '/status')).body as unknown as StatusView;
  }

  async function jobOn(instance: ApiInstance, jobId: string): Promise<JobView> {
    return (await call(instance, 'GET', `/${jobId}`)).body as unknown as JobView;
  }

  /** Creates a job over four districts of one date on `on`, and waits until `on` runs it. */
  async function startJobOn(on: ApiInstance, date: string): Promise<string> {
    const created = await call(on, 'POST', '', {
      jobType: 'data-collection',
      startDate: date,
      endDate: date,
      targetDistricts: listDistricts(date).slice(0, 4),
    });
    expect(created.status).toBe(202);
    const jobId = String(created.body.jobId);
    await until(
      `${on.id} to run the job`,
      async () => ((await statusOf(on)).runningHere === jobId ? true : null),
      30_000,
    );
    return jobId;
  }

  async function untilIdle(instance: ApiInstance): Promise<void> {
    await until(
      `${instance.id} to stop its run`,
      async () => ((await statusOf(instance)).runningHere === null ? true : null),
      60_000,
      10,
    );
  }

  /** The per-district requests the dashboard answered for `date`, oldest first. */
  function itemRequests(date: string): LogEntry[] {
    return dashboard.requestLog().filter((e) => e.date === date && e.district !== undefined);
  }

  function itemOf(entry: LogEntry): string {
    return `${entry.date}/${entry.district}`;
  }

  /** Waits until the n-th item of `date` sent its first request: it now waits in the limiter. */
  async function untilItemStarted(date: string, n: number): Promise<void> {
    await until(
      `item ${n} of ${date} to start`,
      () => (new Set(itemRequests(date).map(itemOf)).size >= n ? true : null),
      60_000,
      10,
    );
  }

  function stopLines(instance: ApiInstance): string[] {
    return instance.logs.split('\n').filter((line) => line.includes(STOP_LINE));
  }

  it('a cancel sent to the idle instance stops the runner through its listener; /status is live', async () => {
    const date = dates[0];
    const jobId = await startJobOn(runner, date);

    // While it runs, /status on the runner shows the live job and its lease, as GET /{jobId}
    // does there; the idle instance shows the stored record, counters as of the last flush.
    const live = await until(
      'the first item to finish',
      async () => {
        const status = await statusOf(runner);
        return (status.activeJob?.counters.processed ?? 0) >= 1 ? status : null;
      },
      60_000,
    );
    expect(live).toMatchObject({ instanceId: 'instance-b', runningHere: jobId });
    expect(live.activeJob).toMatchObject({ jobId, status: 'running' });
    const lease = live.activeJob?.lease;
    expect(lease?.owner).toBe('instance-b');
    expect(Date.parse(lease?.expiresAt ?? '')).toBeGreaterThan(Date.parse(lease?.renewedAt ?? ''));
    // The next item needs three requests 3 s apart: nothing finishes between these reads.
    expect((await jobOn(runner, jobId)).counters).toEqual(live.activeJob?.counters);
    const stored = await statusOf(idle);
    expect(stored.runningHere).toBeNull();
    expect(stored.activeJob?.lease).toEqual(lease);
    expect(stored.activeJob?.counters.processed).toBe(0);

    await untilItemStarted(date, 2);
    const sentAt = Date.now();
    const cancelled = await call(idle, 'DELETE', `/${jobId}`);
    expect(cancelled.status).toBe(200);
    const cancelledAt = String(cancelled.body.cancelledAt);
    await untilIdle(runner);
    console.log(
      `live stop: the runner on another instance was idle ${Date.now() - sentAt} ms after the cancel was sent (limiter gap ${SPACING_MS} ms, heartbeat 60 s)`,
    );

    // Nothing reached the dashboard after the cancel was recorded: the second item, waiting
    // in the limiter for its next request, was aborted and left unfinished.
    expect(itemRequests(date).filter((e) => e.time > cancelledAt)).toEqual([]);
    const started = new Set(itemRequests(date).map(itemOf));
    expect(started.size).toBe(2);
    const ledger = await firestore.readLedger(jobId);
    expect(ledger).toHaveLength(1);
    expect(started.has(ledger[0].item)).toBe(true);
    expect(await jobOn(idle, jobId)).toMatchObject({
      status: 'cancelled',
      counters: { processed: 1 },
    });
    expect(stopLines(runner)).toHaveLength(1);
    expect(stopLines(runner)[0]).toContain(
      `Job ${jobId}: stopping its run on instance-b: cancelled by admin on instance-a at ${cancelledAt} (heard through the job listener)`,
    );
    expect(stopLines(idle)).toEqual([]);
  });

  it('a pause sent to the idle instance stops the runner through its listener; a resume there finishes each item once', async () => {
    const date = dates[3];
    const before = stopLines(runner).length;
    const jobId = await startJobOn(runner, date);
    await untilItemStarted(date, 2);
    const paused = await call(idle, 'POST', `/${jobId}/pause`);
    expect(paused.status).toBe(200);
    const pausedAt = (paused.body as unknown as JobView).actions.find(
      (a) => a.action === 'paused',
    )?.at;
    expect(pausedAt).toBeDefined();
    await untilIdle(runner);

    // No request after the pause was recorded; the waiting second item was left unfinished,
    // and the runner gave up its lease once its in-flight work was flushed.
    expect(itemRequests(date).filter((e) => e.time > pausedAt!)).toEqual([]);
    expect(await firestore.readLedger(jobId)).toHaveLength(1);
    const released = await until(
      'the paused run to release its lease',
      async () => {
        const job = await jobOn(idle, jobId);
        return job.status === 'paused' && job.lease === null ? job : null;
      },
      30_000,
    );
    expect(released.counters.processed).toBe(1);
    const lines = stopLines(runner).slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `Job ${jobId}: stopping its run on instance-b: paused by admin on instance-a at ${pausedAt} (heard through the job listener)`,
    );

    // Resumed on the idle instance, the job goes on from its ledger: every item once.
    expect((await call(idle, 'POST', `/${jobId}/resume`)).status).toBe(202);
    const done = await until(
      'the resumed job to complete',
      async () => {
        const job = await jobOn(idle, jobId);
        return job.status === 'completed' ? job : null;
      },
      120_000,
    );
    expect(done.counters.processed).toBe(4);
    const items = (await firestore.readLedger(jobId)).map((entry) => entry.item);
    expect(new Set(items).size).toBe(4);
    expect(items).toHaveLength(4);
  });

  it('a takeover of its lease stops the runner through its listener; it writes nothing more', async () => {
    const date = dates[1];
    const before = stopLines(runner).length;
    const jobId = await startJobOn(runner, date);
    await untilItemStarted(date, 1);
    // Another instance takes the job over, as recovery records it.
    const at = new Date().toISOString();
    const takenOver = await firestore.updateJob(jobId, (job) =>
      withAction(markRecovering(job, 'instance-c', FAR, at), {
        action: 'resumed',
        by: 'system',
        at,
        instance: 'instance-c',
      }),
    );
    await untilIdle(runner);

    expect(itemRequests(date).filter((e) => e.time > at)).toEqual([]);
    expect(await firestore.readLedger(jobId)).toEqual([]);
    // Not a byte more from the runner that lost it.
    expect(await firestore.getJob(jobId)).toEqual(takenOver);
    const lines = stopLines(runner).slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `Job ${jobId}: stopping its run on instance-b: lease lost, now held by instance-c since ${at} (heard through the job listener)`,
    );
    expect((await call(idle, 'DELETE', `/${jobId}`)).status).toBe(200);
  });

  it('with its listener cut, the runner falls back: no item starts after a cancel', async () => {
    const cut = await ApiInstance.start('instance-b2', {
      ...env,
      NODE_OPTIONS: `--require ${CUT_LISTENER}`,
      HEARTBEAT_SECONDS: '2',
      LEASE_SECONDS: '10',
    });
    instances.push(cut);
    const date = dates[2];
    const jobId = await startJobOn(cut, date);
    await until(
      'the listener failure to be logged',
      () => (cut.logs.includes('listener cut by the test') ? true : null),
      30_000,
    );
    await untilItemStarted(date, 1);
    const cancelled = await call(idle, 'DELETE', `/${jobId}`);
    expect(cancelled.status).toBe(200);
    const cancelledAt = String(cancelled.body.cancelledAt);
    await untilIdle(cut);

    // The item in flight may have gone on until the heartbeat; no other item started.
    const startedBefore = new Set(
      itemRequests(date)
        .filter((e) => e.time <= cancelledAt)
        .map(itemOf),
    );
    expect([...new Set(itemRequests(date).map(itemOf))]).toEqual([...startedBefore]);
    for (const entry of await firestore.readLedger(jobId)) {
      expect(startedBefore.has(entry.item)).toBe(true);
    }
    const lines = stopLines(cut);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `Job ${jobId}: stopping its run on instance-b2: cancelled by admin on instance-a at ${cancelledAt}`,
    );
    expect(lines[0]).toMatch(/\(heard (at a heartbeat|by the check before an item)\)/);
    expect(cut.logs).toContain(`Job ${jobId}: the listener on its stored record failed`);
  }, 180_000);
});
