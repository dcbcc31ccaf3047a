import request from 'supertest';
import { RunningEmulator, startDashboardEmulator } from 'dashboard-emulator';
import { JobStore } from '../src/storage/job-store';
import { TestApp, startTestApp } from './factories/test-app';
import { closingPeriodDate, ordinaryDates } from './factories/emulator-dates';

/**
 * `order` and `analyticsAfter` end to end: the real collection and analytics handlers over
 * real HTTP to the dashboard emulator, storing real files.
 */
const BASE = '/api/admin/backfill';
const ONE_AT_A_TIME = {
  maxRequestsPerMinute: 6000,
  maxConcurrent: 1,
  minDelayMs: 0,
  pauseEveryRequests: 0,
};

describe('job order and analytics after collection (dashboard emulator)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;

  beforeEach(async () => {
    emulator = await startDashboardEmulator({ port: 0 });
    t = await startTestApp({
      env: { DASHBOARD_BASE_URL: emulator.url, DASHBOARD_TIMEOUT_MS: '60000' },
    });
    await request(server()).put(`${BASE}/config/rate-limit`).set(t.auth).send(ONE_AT_A_TIME);
  });

  afterEach(async () => {
    await t.close();
    await emulator.close();
  });

  const server = () => t.app.getHttpServer();

  async function runToEnd(body: Record<string, unknown>): Promise<string> {
    const created = await request(server()).post(BASE).set(t.auth).send(body).expect(202);
    await t.runner.whenIdle();
    return created.body.jobId as string;
  }

  it('collects newest first when asked, and says so in the preview', async () => {
    const dates = ordinaryDates('2025-10-06', 3);
    const body = {
      jobType: 'data-collection',
      startDate: dates[0],
      endDate: dates[2],
      targetDistricts: ['61'],
      order: 'newest-first',
    };
    const preview = await request(server()).post(`${BASE}/preview`).set(t.auth).send(body);
    expect(preview.status).toBe(200);
    expect(preview.body.order).toBe('newest-first');
    expect(preview.body.notes).toContain(
      `Dates are collected newest first: ${dates[2]} first, back to ${dates[0]}.`,
    );
    const jobId = await runToEnd(body);
    const ledger = await t.app.get(JobStore).readLedger(jobId);
    expect(ledger.map((entry) => entry.item)).toEqual(dates.map((d) => `${d}/61`).reverse());
    const job = await request(server()).get(`${BASE}/${jobId}`).set(t.auth).expect(200);
    expect(job.body.config.order).toBe('newest-first');
  });

  it('works oldest first by default, in the preview and the job', async () => {
    const dates = ordinaryDates('2025-10-06', 2);
    const body = { jobType: 'data-collection', startDate: dates[0], endDate: dates[1] };
    const preview = await request(server()).post(`${BASE}/preview`).set(t.auth).send(body);
    expect(preview.body.order).toBe('oldest-first');
    const jobId = await runToEnd({ ...body, targetDistricts: ['61'] });
    const ledger = await t.app.get(JobStore).readLedger(jobId);
    expect(ledger.map((entry) => entry.item)).toEqual(dates.map((d) => `${d}/61`));
  });

  it('refuses collection-only options on an analytics job, naming the option', async () => {
    for (const [option, value] of [
      ['order', 'newest-first'],
      ['analyticsAfter', true],
    ] as const) {
      const res = await request(server())
        .post(BASE)
        .set(t.auth)
        .send({ jobType: 'analytics-generation', [option]: value })
        .expect(400);
      expect(res.body.error.message).toBe(`${option} applies to data-collection jobs only`);
    }
    const bad = await request(server())
      .post(BASE)
      .set(t.auth)
      .send({
        jobType: 'data-collection',
        startDate: '2025-10-06',
        endDate: '2025-10-06',
        order: 'sideways',
      })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('analyticsAfter: the completed collection job is followed by analytics over the snapshot dates it wrote', async () => {
    // A closing-period day lands on the previous month's end: that is the date it touches.
    const closing = closingPeriodDate(2025, 11);
    const jobId = await runToEnd({
      jobType: 'data-collection',
      startDate: closing,
      endDate: closing,
      targetDistricts: ['61'],
      analyticsAfter: true,
    });
    const collection = await request(server()).get(`${BASE}/${jobId}`).set(t.auth).expect(200);
    expect(collection.body.status).toBe('completed');
    expect(collection.body.config.analyticsAfter).toBe(true);
    const followUpId = collection.body.followUpJobId as string;
    expect(followUpId).toEqual(expect.any(String));
    await t.runner.whenIdle();
    const analytics = await request(server()).get(`${BASE}/${followUpId}`).set(t.auth).expect(200);
    expect(analytics.body).toMatchObject({
      jobType: 'analytics-generation',
      status: 'completed',
      config: { startDate: '2025-10-31', endDate: '2025-10-31' },
      actions: [expect.objectContaining({ action: 'created', by: 'system' })],
    });
    expect(analytics.body.counters.processed).toBe(1);
  });

  it('analyticsAfter: nothing follows a job that wrote no snapshot', async () => {
    const dates = ordinaryDates('2025-10-06', 1);
    const body = {
      jobType: 'data-collection',
      startDate: dates[0],
      endDate: dates[0],
      targetDistricts: ['61'],
    };
    await runToEnd(body);
    // The same cell again with skipExisting: skipped as existing, nothing written.
    const jobId = await runToEnd({ ...body, analyticsAfter: true });
    const job = await request(server()).get(`${BASE}/${jobId}`).set(t.auth).expect(200);
    expect(job.body).toMatchObject({ status: 'completed', followUpJobId: null });
    expect(job.body.counters.skipped).toBe(1);
  });
});
