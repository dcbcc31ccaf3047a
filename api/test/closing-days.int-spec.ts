import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import {
  RunningEmulator,
  closingDays,
  isMissingDate,
  startDashboardEmulator,
} from 'dashboard-emulator';
import { estimateSeconds } from '../src/collection/collection-estimate';
import { addDays, datesInRange } from '../src/common/utc-dates';
import type { RateLimitConfig } from '../src/domain/rate-limit-config';
import { SnapshotStore } from '../src/storage/snapshot-store';
import { TestApp, startTestApp } from './factories/test-app';
import { FAST_RATE_LIMIT } from './factories/rate-limit.factory';

/**
 * Month ends against the dashboard emulator: the closing days after a month end all land
 * on its snapshot, only the newest collection of them counts, and only it is downloaded.
 */
const BASE = '/api/admin/backfill';

// September 2025 opens with a closing period: its first days serve August's figures.
const MONTH_END = '2025-08-31';
const CLOSING_END = lastClosingDay(2025, 9);
const RANGE = { startDate: addDays(MONTH_END, -1), endDate: addDays(CLOSING_END, 2) };
/** The dates of RANGE whose data lands on the month-end snapshot. */
const MONTH_END_DATES = datesInRange(MONTH_END, CLOSING_END).filter((d) => !isMissingDate(d));

function lastClosingDay(year: number, month: number): string {
  const day = closingDays(year, month);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface JobBody {
  id: string;
  status: string;
  failureReason: string | null;
  counters: { total: number; processed: number; failed: number; skipped: number };
}

interface ItemBody {
  id: string;
  outcome: string;
  reason: string | null;
  supersededBy: string | null;
}

describe('closing days against the dashboard emulator', () => {
  let emulator: RunningEmulator;
  let t: TestApp;

  beforeEach(async () => {
    emulator = await startDashboardEmulator({ port: 0 });
    t = await startTestApp({
      env: { DASHBOARD_BASE_URL: emulator.url, DASHBOARD_MAX_ATTEMPTS: '2' },
    });
    await request(server())
      .put(`${BASE}/config/rate-limit`)
      .set(t.auth)
      .send(FAST_RATE_LIMIT)
      .expect(200);
  });

  afterEach(async () => {
    await t.close();
    await emulator.close();
  });

  const server = () => t.app.getHttpServer();
  const snapshots = () => t.app.get(SnapshotStore);

  async function runJob(body: Record<string, unknown>): Promise<JobBody> {
    const created = await request(server())
      .post(BASE)
      .set(t.auth)
      .send({ jobType: 'data-collection', ...body })
      .expect(202);
    await t.runner.whenIdle();
    return (await request(server()).get(`${BASE}/${created.body.jobId}`).set(t.auth).expect(200))
      .body as JobBody;
  }

  async function items(jobId: string): Promise<ItemBody[]> {
    const res = await request(server())
      .get(`${BASE}/${jobId}/items?limit=1000`)
      .set(t.auth)
      .expect(200);
    return res.body.items as ItemBody[];
  }

  const clubRequests = () =>
    emulator.requestLog().filter((e) => e.report === 'clubperformance' && e.status === 200);
  const upstreamRequests = () => emulator.requestLog().filter((e) => e.url.includes('export.aspx'));

  it('downloads a month end once, from the last closing day; the others are superseded', async () => {
    const job = await runJob({ ...RANGE, targetDistricts: ['61', '62'] });
    expect(job.status).toBe('completed');
    const last = MONTH_END_DATES.at(-1) ?? '';
    expect(last).toBe(CLOSING_END);
    const superseded = (await items(job.id)).filter((i) => i.reason === 'superseded');
    expect(superseded.map((i) => i.id).sort()).toEqual(
      MONTH_END_DATES.slice(0, -1)
        .flatMap((d) => [`${d}/61`, `${d}/62`])
        .sort(),
    );
    for (const item of superseded) {
      expect(item).toMatchObject({
        outcome: 'skipped',
        supersededBy: `${last}/${item.id.slice(-2)}`,
      });
    }
    for (const district of ['61', '62']) {
      expect(await snapshots().districtSnapshotCollectionDate(MONTH_END, district)).toBe(last);
      expect(await snapshots().getRawReport(addDays(MONTH_END, 1), 'club', district)).toBeNull();
    }
    expect((await snapshots().getSummary(MONTH_END))?.collectionDate).toBe(last);
    const collected = datesInRange(RANGE.startDate, RANGE.endDate).length - superseded.length / 2;
    expect(clubRequests()).toHaveLength(2 * collected);
  });

  it('with closingDays "every" downloads every day, and the month end keeps the newest', async () => {
    const job = await runJob({ ...RANGE, targetDistricts: ['61'], closingDays: 'every' });
    expect(job.counters).toMatchObject({ failed: 0, skipped: 0 });
    expect(clubRequests()).toHaveLength(datesInRange(RANGE.startDate, RANGE.endDate).length);
    expect(await snapshots().districtSnapshotCollectionDate(MONTH_END, '61')).toBe(CLOSING_END);
    expect(await snapshots().getRawReport(addDays(MONTH_END, 1), 'club', '61')).not.toBeNull();
  });

  it('does not count a month end stored from an older closing day as existing', async () => {
    const early = addDays(MONTH_END, 1);
    await runJob({ startDate: RANGE.startDate, endDate: early, targetDistricts: ['61'] });
    expect(await snapshots().districtSnapshotCollectionDate(MONTH_END, '61')).toBe(early);
    emulator.clearLog();
    const job = await runJob({ ...RANGE, targetDistricts: ['61'] });
    const byId = new Map((await items(job.id)).map((i) => [i.id, i]));
    expect(byId.get(`${RANGE.startDate}/61`)?.reason).toBe('exists');
    expect(byId.get(`${early}/61`)?.reason).toBe('superseded');
    expect(byId.get(`${CLOSING_END}/61`)?.outcome).toBe('done');
    expect(await snapshots().districtSnapshotCollectionDate(MONTH_END, '61')).toBe(CLOSING_END);
  });

  it('retries a failed last closing day, and the month end then holds it', async () => {
    emulator.setFaults({
      rules: [
        {
          kind: 'unavailable',
          districts: ['62'],
          reports: ['clubperformance'],
          dates: [CLOSING_END],
        },
      ],
    });
    const first = await runJob({ ...RANGE, targetDistricts: ['61', '62'] });
    expect(first).toMatchObject({ status: 'completed', counters: { failed: 1 } });
    emulator.setFaults({});
    const retry = await request(server()).post(`${BASE}/${first.id}/retry`).set(t.auth).expect(202);
    await t.runner.whenIdle();
    const job = await request(server()).get(`${BASE}/${retry.body.jobId}`).set(t.auth).expect(200);
    expect(job.body).toMatchObject({ status: 'completed', counters: { total: 1, failed: 0 } });
    expect(await snapshots().districtSnapshotCollectionDate(MONTH_END, '62')).toBe(CLOSING_END);
  }, 180_000);

  it('previews the requests and duration the job then spends, with stored data in the range', async () => {
    // Stored data: every summary of the range (a job for another district), and district
    // 61 collected only up to the first closing day, so its month end is not final yet.
    await runJob({ ...RANGE, targetDistricts: ['01'] });
    await runJob({
      startDate: RANGE.startDate,
      endDate: addDays(MONTH_END, 1),
      targetDistricts: ['61'],
    });
    const body = { jobType: 'data-collection', ...RANGE, targetDistricts: ['61', '62'] };
    const preview = await request(server())
      .post(`${BASE}/preview`)
      .set(t.auth)
      .send(body)
      .expect(200);
    emulator.clearLog();
    const job = await runJob(body);
    const done = await items(job.id);
    const requests = upstreamRequests().length;
    expect(preview.body).toMatchObject({
      totalItems: job.counters.total,
      unclassifiedItems: 0,
      superseded: done.filter((i) => i.reason === 'superseded').length,
      skippedExisting: done.filter((i) => i.reason === 'exists').length,
      itemsToDownload: done.filter((i) => i.outcome === 'done').length,
      upstreamRequests: requests,
    });
    expect(preview.body.superseded).toBeGreaterThan(0);
    expect(preview.body.skippedExisting).toBeGreaterThan(0);
    expect(preview.body.estimatedDurationSeconds).toBe(
      estimateSeconds(requests, preview.body.rateLimit as RateLimitConfig),
    );
  });

  it('brings an older month-end summary up to date from a stored raw summary', async () => {
    // A job interrupted between storing the raw summary and the normalised one leaves the
    // month end with an older closing day's summary: simulated by removing it.
    await runJob({ startDate: CLOSING_END, endDate: CLOSING_END, targetDistricts: ['61'] });
    await fs.rm(path.join(t.dataDir, 'snapshots', MONTH_END, 'summary.json'));
    const early = addDays(MONTH_END, 1);
    await runJob({ startDate: early, endDate: early, targetDistricts: ['61'] });
    expect((await snapshots().getSummary(MONTH_END))?.collectionDate).toBe(early);
    emulator.clearLog();
    await runJob({ startDate: early, endDate: CLOSING_END, targetDistricts: ['61'] });
    expect((await snapshots().getSummary(MONTH_END))?.collectionDate).toBe(CLOSING_END);
  });

  it('resumes a job with superseded items after a restart, each item finished once', async () => {
    emulator.setFaults({ latencyMs: 150 });
    const created = await request(server())
      .post(BASE)
      .set(t.auth)
      .send({ jobType: 'data-collection', ...RANGE, targetDistricts: ['61', '62'] })
      .expect(202);
    const id = created.body.jobId as string;
    await waitFor(
      async () =>
        (await request(server()).get(`${BASE}/${id}`).set(t.auth)).body.counters.processed >= 10,
    );
    const dataDir = t.dataDir;
    await t.app.close(); // graceful: in-flight items finish, the lease is released
    const stopped = JSON.parse(
      await fs.readFile(path.join(dataDir, 'jobs', `${id}.json`), 'utf8'),
    ) as { status: string };
    expect(stopped.status).toBe('running');
    const restarted = await startTestApp({
      dataDir,
      env: { DASHBOARD_BASE_URL: emulator.url, DASHBOARD_MAX_ATTEMPTS: '2' },
    });
    try {
      const api = restarted.app.getHttpServer();
      await waitFor(
        async () =>
          (await request(api).get(`${BASE}/${id}`).set(restarted.auth)).body.status === 'completed',
      );
      const dates = datesInRange(RANGE.startDate, RANGE.endDate).length;
      const supersededCount = 2 * (MONTH_END_DATES.length - 1);
      const job = await request(api).get(`${BASE}/${id}`).set(restarted.auth).expect(200);
      expect(job.body.counters).toEqual({
        total: 2 * dates,
        processed: 2 * dates,
        failed: 0,
        skipped: supersededCount,
      });
      const ledger = (await fs.readFile(path.join(dataDir, 'jobs', `${id}.ledger.jsonl`), 'utf8'))
        .trim()
        .split('\n');
      expect(ledger).toHaveLength(2 * dates);
      const page = await request(api)
        .get(`${BASE}/${id}/items?outcome=skipped&limit=100`)
        .set(restarted.auth)
        .expect(200);
      expect(
        (page.body.items as ItemBody[]).every(
          (i) => i.reason === 'superseded' && i.supersededBy?.startsWith(CLOSING_END),
        ),
      ).toBe(true);
      expect(page.body.total).toBe(supersededCount);
      const store = restarted.app.get(SnapshotStore);
      expect(await store.districtSnapshotCollectionDate(MONTH_END, '62')).toBe(CLOSING_END);
    } finally {
      await restarted.close();
    }
  });

  it('fails a job whose every item failed, naming the commonest error', async () => {
    emulator.setFaults({ rules: [{ kind: 'malformed', reports: ['clubperformance'] }] });
    const job = await runJob({ ...RANGE, targetDistricts: ['61'] });
    expect(job.status).toBe('failed');
    expect(job.counters.failed).toBe(job.counters.total - job.counters.skipped);
    expect(job.failureReason).toMatch(
      /^All \d+ items failed \(\d+ others skipped\); the commonest error \(\d+ of \d+\): club report: /,
    );
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
