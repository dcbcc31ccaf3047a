import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { RunningEmulator, startDashboardEmulator } from 'dashboard-emulator';
import { TestApp, startTestApp } from './factories/test-app';
import { ordinaryDates } from './factories/emulator-dates';

/**
 * A job held back by the dashboard's push-back, end to end over HTTP: the real app, client
 * and limiter against the dashboard emulator answering `Retry-After: 3600`. A cancel or a
 * shutdown must end that wait at once, leave the waiting item unfinished, and free the
 * runner for the next job. Nothing here waits for a fixed time: every step waits for state.
 */
const BASE = '/api/admin/backfill';
const HOUR_OF_429S = {
  rules: [
    { kind: 'rate-limit' as const, retryAfterSeconds: 3600, reports: ['clubperformance' as const] },
  ],
};
const FAST = {
  maxRequestsPerMinute: 6000,
  maxConcurrent: 2,
  minDelayMs: 0,
  pauseEveryRequests: 0,
};

interface LimiterStatus {
  retryAfterUntil: string | null;
  waitingFor: string | null;
  allowedRequestsPerMinute: number;
  allowedRateReason: string;
}

describe('push-back from the dashboard (Retry-After: 3600)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  const dates = ordinaryDates('2026-03-10', 2);
  const job = {
    jobType: 'data-collection',
    startDate: dates[0],
    endDate: dates[1],
    targetDistricts: ['61', '62'],
  };

  beforeEach(async () => {
    emulator = await startDashboardEmulator({ port: 0, faults: HOUR_OF_429S });
    t = await startApp();
  });

  afterEach(async () => {
    await t.close();
    await emulator.close();
  });

  async function startApp(dataDir?: string): Promise<TestApp> {
    const app = await startTestApp({
      dataDir,
      // A grace period far longer than any test: a shutdown that waited it out would time out.
      env: { DASHBOARD_BASE_URL: emulator.url, SHUTDOWN_GRACE_SECONDS: '600' },
    });
    await request(app.app.getHttpServer())
      .put(`${BASE}/config/rate-limit`)
      .set(app.auth)
      .send(FAST)
      .expect(200);
    return app;
  }

  const server = () => t.app.getHttpServer();

  async function status() {
    const res = await request(server()).get(`${BASE}/status`).set(t.auth).expect(200);
    return res.body as { runningHere: string | null; rateLimiter: LimiterStatus | null };
  }

  async function jobOf(id: string) {
    const res = await request(server()).get(`${BASE}/${id}`).set(t.auth).expect(200);
    return res.body as {
      status: string;
      counters: { total: number; processed: number; failed: number };
      rateLimiter: LimiterStatus | null;
    };
  }

  async function createJob(): Promise<string> {
    const res = await request(server()).post(BASE).set(t.auth).send(job).expect(202);
    return res.body.jobId as string;
  }

  /** Waits until the job's limiter holds every request back for the hour the dashboard asked. */
  async function untilWaitingOutRetryAfter(id: string): Promise<LimiterStatus> {
    let limiter: LimiterStatus | null = null;
    await waitFor(async () => {
      limiter = (await jobOf(id)).rateLimiter;
      return limiter?.waitingFor === 'retry-after';
    });
    return limiter as unknown as LimiterStatus;
  }

  async function ledgerOf(dataDir: string, id: string): Promise<{ item: string }[]> {
    const file = path.join(dataDir, 'jobs', `${id}.ledger.jsonl`);
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { item: string });
  }

  it('shows the wait in the live status: Retry-After obeyed, the rate left alone', async () => {
    const id = await createJob();
    const limiter = await untilWaitingOutRetryAfter(id);
    expect(Date.parse(limiter.retryAfterUntil ?? '')).toBeGreaterThan(Date.now() + 3_000_000);
    // A Retry-After is the whole answer: it does not also lower the allowed rate.
    expect(limiter).toMatchObject({
      allowedRequestsPerMinute: 6000,
      allowedRateReason: 'configured-maximum',
    });
    expect((await status()).rateLimiter).toMatchObject({ waitingFor: 'retry-after' });
    await request(server()).delete(`${BASE}/${id}`).set(t.auth).expect(200);
  });

  it('a cancel ends the wait at once and the next job starts and completes', async () => {
    const first = await createJob();
    await untilWaitingOutRetryAfter(first);
    const requestsBefore = emulator.requestLog().length;

    await request(server()).delete(`${BASE}/${first}`).set(t.auth).expect(200);
    await waitFor(async () => (await status()).runningHere === null);
    const cancelled = await jobOf(first);
    expect(cancelled.status).toBe('cancelled');
    // The items that waited were left unfinished, not failed.
    expect(cancelled.counters.failed).toBe(0);
    expect(cancelled.counters.processed).toBeLessThan(cancelled.counters.total);
    expect(await ledgerOf(t.dataDir, first)).toHaveLength(cancelled.counters.processed);
    // Nothing asked the dashboard again after the cancel.
    expect(emulator.requestLog()).toHaveLength(requestsBefore);

    emulator.setFaults({});
    const second = await createJob();
    await waitFor(async () => (await jobOf(second)).status === 'completed');
    expect((await jobOf(second)).counters).toMatchObject({ total: 4, processed: 4, failed: 0 });
  });

  it('a shutdown ends the wait at once; the restarted service redoes the waiting items', async () => {
    const id = await createJob();
    await untilWaitingOutRetryAfter(id);
    const dataDir = t.dataDir;
    // Graceful shutdown with a 600 s grace period: returns as soon as the wait is ended.
    await t.app.close();
    const stored = JSON.parse(
      await fs.readFile(path.join(dataDir, 'jobs', `${id}.json`), 'utf8'),
    ) as { status: string; counters: { processed: number; failed: number } };
    expect(stored.status).toBe('running');
    expect(stored.counters.failed).toBe(0);
    const finishedBefore = (await ledgerOf(dataDir, id)).map((entry) => entry.item);

    emulator.setFaults({});
    t = await startApp(dataDir);
    await waitFor(async () => (await jobOf(id)).status === 'completed');
    const ledger = (await ledgerOf(dataDir, id)).map((entry) => entry.item);
    // Each item finished exactly once: the finished ones were not redone, the rest were.
    expect(new Set(ledger).size).toBe(4);
    expect(ledger).toHaveLength(4);
    expect(ledger.slice(0, finishedBefore.length)).toEqual(finishedBefore);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
