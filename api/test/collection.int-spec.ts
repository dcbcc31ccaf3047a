import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import {
  RunningEmulator,
  districtRegion,
  districtSnapshot,
  listDistricts,
  startDashboardEmulator,
} from 'dashboard-emulator';
import { SnapshotStore } from '../src/storage/snapshot-store';
import { TestApp, startTestApp } from './factories/test-app';
import { addDays } from '../src/common/utc-dates';
import { closingPeriodDate, missingDate, ordinaryDates } from './factories/emulator-dates';
import { FAST_RATE_LIMIT } from './factories/rate-limit.factory';

/**
 * Data collection end to end: the real app, the real dashboard client and limiter, over
 * real HTTP to the dashboard emulator, storing real files.
 */
const BASE = '/api/admin/backfill';

describe('data-collection against the dashboard emulator', () => {
  let emulator: RunningEmulator;
  let t: TestApp;

  // Generous: a cold emulator on a loaded 2-core CI machine took 5 s for its first summary,
  // and a timeout would retry it, breaking the tests that count requests.
  const TIMEOUT_MS = '60000';

  beforeEach(async () => {
    emulator = await startDashboardEmulator({ port: 0 });
    t = await startApp(TIMEOUT_MS);
  });

  async function startApp(timeoutMs: string): Promise<TestApp> {
    const app = await startTestApp({
      env: {
        DASHBOARD_BASE_URL: emulator.url,
        DASHBOARD_TIMEOUT_MS: timeoutMs,
        DASHBOARD_MAX_ATTEMPTS: '3',
      },
    });
    await request(app.app.getHttpServer())
      .put(`${BASE}/config/rate-limit`)
      .set(app.auth)
      .send(FAST_RATE_LIMIT)
      .expect(200);
    return app;
  }

  afterEach(async () => {
    await t.close();
    await emulator.close();
  });

  const server = () => t.app.getHttpServer();
  const snapshots = () => t.app.get(SnapshotStore);

  async function runJob(body: Record<string, unknown>) {
    const created = await request(server())
      .post(BASE)
      .set(t.auth)
      .send({ jobType: 'data-collection', ...body });
    expect(created.status).toBe(202);
    await t.runner.whenIdle();
    const job = await request(server())
      .get(`${BASE}/${created.body.jobId}`)
      .set(t.auth)
      .expect(200);
    return job.body as {
      id: string;
      status: string;
      counters: { total: number; processed: number; failed: number; skipped: number };
      errors: { item: string; message: string; retryable: boolean }[];
      progressByGroup: Record<string, { processed: number }>;
      result: Record<string, unknown>;
    };
  }

  function reportRequests(kind?: string) {
    return emulator
      .requestLog()
      .filter((e) => e.url.includes('export.aspx') && (!kind || e.report === kind));
  }

  it('downloads and stores every (date, district) cell, raw and normalised', async () => {
    const dates = ordinaryDates('2026-03-10', 3);
    const job = await runJob({
      startDate: dates[0],
      endDate: dates[2],
      targetDistricts: ['61', '01', 'F'],
    });
    expect(job.status).toBe('completed');
    expect(job.counters).toEqual({ total: 9, processed: 9, failed: 0, skipped: 0 });
    expect(job.progressByGroup['61'].processed).toBe(3);
    for (const date of dates) {
      for (const district of ['61', '01', 'F']) {
        const stored = await snapshots().getDistrictSnapshot(date, district);
        const expected = districtSnapshot(district, date);
        expect(stored?.totals.membership).toBe(expected?.totals.membership);
        expect(stored?.totals.clubs).toBe(expected?.totals.clubs);
        expect(stored?.isClosingPeriod).toBe(false);
        const raw = await snapshots().getRawReport(date, 'club', district);
        expect(raw?.meta).toMatchObject({ requestedDate: date, snapshotDate: date, outcome: 'ok' });
        expect(raw?.meta.checksum).toMatch(/^[0-9a-f]{64}$/);
      }
      const manifest = await snapshots().getManifest(date);
      expect(Object.values(manifest?.districts ?? {}).map((d) => d.status)).toEqual([
        'ok',
        'ok',
        'ok',
      ]);
    }
    // One summary per date, three reports per cell: nothing fetched twice.
    expect(reportRequests('districtsummary')).toHaveLength(3);
    expect(reportRequests()).toHaveLength(3 + 9 * 3);
    expect(new Set(reportRequests().map((e) => e.url)).size).toBe(3 + 9 * 3);
  });

  it('collects every district of the summary when no districts are given', async () => {
    const [date] = ordinaryDates('2026-02-16', 1);
    const job = await runJob({ startDate: date, endDate: date });
    expect(job.status).toBe('completed');
    expect(job.counters.total).toBeGreaterThan(100);
    expect(job.counters.failed).toBe(0);
    expect((await snapshots().listDistrictIds(date)).length).toBe(job.counters.total);
  });

  it('stores closing-period data under the last day of the data month', async () => {
    const date = closingPeriodDate(2026, 4);
    const job = await runJob({ startDate: date, endDate: date, targetDistricts: ['61'] });
    expect(job.status).toBe('completed');
    const stored = await snapshots().getDistrictSnapshot('2026-03-31', '61');
    expect(stored).toMatchObject({
      snapshotDate: '2026-03-31',
      collectionDate: date,
      isClosingPeriod: true,
      dataMonth: '2026-03',
    });
    expect(await snapshots().hasDistrictSnapshot(date, '61')).toBe(false);
  });

  it("offers the newest stored summary's districts to the console, never asking the dashboard", async () => {
    const districts = '/api/admin/collection/districts';
    expect((await request(server()).get(districts).set(t.auth).expect(200)).body).toEqual({
      snapshotDate: null,
      districts: [],
    });
    const dates = ordinaryDates('2026-03-10', 2);
    await runJob({ startDate: dates[0], endDate: dates[1], targetDistricts: ['61'] });
    emulator.clearLog();
    const known = await request(server()).get(districts).set(t.auth).expect(200);
    expect(known.body.snapshotDate).toBe(dates[1]);
    const expected = listDistricts(dates[1]);
    expect(known.body.districts).toHaveLength(expected.length);
    expect(new Set(known.body.districts.map((d: { id: string }) => d.id))).toEqual(
      new Set(expected),
    );
    expect(known.body.districts).toContainEqual({ id: '61', region: districtRegion('61') });
    expect(reportRequests()).toHaveLength(0);
    await request(server()).get(districts).expect(401);
  });

  it('asks for every report of a closing-period date by its data month', async () => {
    const date = closingPeriodDate(2026, 4);
    await runJob({ startDate: date, endDate: date, targetDistricts: ['61'] });
    const [, month, day] = date.split('-').map(Number);
    for (const entry of reportRequests('clubperformance')) {
      expect(entry.url).toContain(`clubperformance~61~3/31/2026~${month}/${day}/2026~2025-2026`);
    }
  });

  it("finds June's closing data where a strict dashboard files it: the year that ended", async () => {
    // The stricter reading of the date slots: data only under the data month's end and its
    // program year. July's first days serve June, which belongs to 2024-2025.
    emulator.setDateSlots('data-month');
    const date = closingPeriodDate(2025, 7);
    const [ordinary] = ordinaryDates('2025-07-28', 1);
    const job = await runJob({ startDate: date, endDate: ordinary, targetDistricts: ['61'] });
    expect(job.status).toBe('completed');
    expect(job.counters.failed).toBe(0);
    // Only the last closing day of the range is downloaded: it supersedes the others.
    const closing = await snapshots().getDistrictSnapshot('2025-06-30', '61');
    const kept = closing?.collectionDate ?? '';
    expect(kept > date).toBe(true);
    expect(closing).toMatchObject({ dataMonth: '2025-06' });
    expect(closing?.totals.membership).toBe(districtSnapshot('61', kept)?.totals.membership);
    const raw = await snapshots().getRawReport(kept, 'club', '61');
    expect(raw?.meta).toMatchObject({ programYear: '2024-2025', snapshotDate: '2025-06-30' });
    expect(raw?.meta.url).toContain('/2024-2025/export.aspx');
    expect(raw?.meta.url).toContain('~6/30/2025~');
    const later = await snapshots().getDistrictSnapshot(ordinary, '61');
    expect(later?.totals.membership).toBe(districtSnapshot('61', ordinary)?.totals.membership);
    // The closing date's summary was asked twice (July's month end, empty; then June's);
    // no district report was ever asked under the wrong month.
    const [, , day] = date.split('-').map(Number);
    const summaries = reportRequests('districtsummary')
      .filter((e) => e.url.includes(`~7/${day}/2025~`))
      .map((e) => e.url.split('report=')[1]);
    expect(summaries).toEqual([
      `districtsummary~7/31/2025~7/${day}/2025~2025-2026`,
      `districtsummary~6/30/2025~7/${day}/2025~2024-2025`,
    ]);
    for (const entry of reportRequests().filter((e) => e.report !== 'districtsummary')) {
      expect(entry.status).toBe(200);
    }
  });

  it('refuses latest data substituted for a requested date, failing only that item', async () => {
    // Latest data of the same month, so only the footer's date can give it away: the
    // emulator comes back on the same port with "today" ten days after the requested date.
    const [date] = ordinaryDates('2026-03-05', 1);
    const port = Number(new URL(emulator.url).port);
    await emulator.close();
    emulator = await startDashboardEmulator({
      port,
      today: addDays(date, 10),
      faults: { rules: [{ kind: 'substitute-latest', districts: ['62'] }] },
    });
    const job = await runJob({ startDate: date, endDate: date, targetDistricts: ['61', '62'] });
    expect(job.counters).toMatchObject({ total: 2, processed: 2, failed: 1 });
    expect(job.errors).toEqual([
      expect.objectContaining({
        item: `${date}/62`,
        retryable: false,
        message: expect.stringMatching(
          new RegExp(
            `club report: the export is as of \\d{4}-\\d{2}-\\d{2}, not the requested ${date}`,
          ),
        ),
      }),
    ]);
    expect(await snapshots().hasDistrictSnapshot(date, '62')).toBe(false);
    expect(await snapshots().hasDistrictSnapshot(date, '61')).toBe(true);
  });

  it('records dates without data as no-data, not as failures', async () => {
    const date = missingDate('2026-01-01');
    const job = await runJob({ startDate: date, endDate: date, targetDistricts: ['61', '62'] });
    expect(job.status).toBe('completed');
    expect(job.counters).toMatchObject({ total: 2, skipped: 2, failed: 0 });
    const entries = Object.values((await snapshots().getManifest(date))?.districts ?? {});
    expect(entries.map((e) => e.status)).toEqual(['no-data', 'no-data']);
    // No per-district reports are requested when the summary already says "no data".
    expect(reportRequests('clubperformance')).toHaveLength(0);
  });

  it('skips cells whose snapshot exists, deciding after the closing-period remap', async () => {
    const date = closingPeriodDate(2026, 5);
    await runJob({ startDate: date, endDate: date, targetDistricts: ['61'] });
    emulator.clearLog();
    const again = await runJob({ startDate: date, endDate: date, targetDistricts: ['61'] });
    expect(again.counters).toMatchObject({ total: 1, skipped: 1 });
    expect(reportRequests()).toHaveLength(0); // summary from the raw store, no district reports
  });

  it('previews items, skips, requests and duration without downloading district data', async () => {
    const dates = ordinaryDates('2026-03-10', 2);
    await runJob({ startDate: dates[0], endDate: dates[0], targetDistricts: ['61'] });
    emulator.clearLog();
    const res = await request(server())
      .post(`${BASE}/preview`)
      .set(t.auth)
      .send({
        jobType: 'data-collection',
        startDate: dates[0],
        endDate: dates[1],
        targetDistricts: ['61', '62'],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      totalItems: 4,
      skippedExisting: 1,
      dates: 2,
      districts: ['61', '62'],
      // The unstored date's summary may take a second request (the previous month's, in
      // case it is a closing day): the preview counts at most, and says so.
      upstreamRequests: 2 + 3 * 3,
      unclassifiedItems: 2,
      dateRange: { startDate: dates[0], endDate: dates[1] },
    });
    expect(res.body.estimatedDurationSeconds).toBeGreaterThan(0);
    expect(reportRequests()).toHaveLength(0);
  });

  it('previews a job over every district from what is stored, asking the dashboard only while nothing is', async () => {
    const preview = (startDate: string, endDate: string) =>
      request(server())
        .post(`${BASE}/preview`)
        .set(t.auth)
        .send({ jobType: 'data-collection', startDate, endDate })
        .expect(200);
    const [first, later] = ordinaryDates('2026-03-10', 2);
    const [, afterwards] = ordinaryDates('2026-04-14', 2);

    // Nothing stored: the end date's summary is downloaded, and kept nowhere (a dry run).
    const cold = await preview(first, first);
    expect(reportRequests()).toHaveLength(1);
    expect(cold.body.districts).toHaveLength(listDistricts(first).length);
    expect(cold.body.notes.join(' ')).toContain("the end date's summary, just downloaded");
    expect(await snapshots().getSummary(first)).toBeNull();
    expect(await snapshots().getRawReport(first, 'summary', null)).toBeNull();

    // Once a job has stored a summary, even of another month, it answers later previews.
    await runJob({ startDate: first, endDate: first, targetDistricts: ['61'] });
    emulator.clearLog();
    const warm = await preview(later, afterwards);
    expect(reportRequests()).toHaveLength(0);
    expect(new Set(warm.body.districts)).toEqual(new Set(listDistricts(first)));
    expect(warm.body.notes.join(' ')).toContain(`the newest stored summary, of ${first}`);
  });

  it('previews an end date the dashboard has no data for with the nearest earlier summary, saying so', async () => {
    const end = missingDate('2026-02-01');
    const start = addDays(end, -2);
    const res = await request(server())
      .post(`${BASE}/preview`)
      .set(t.auth)
      .send({ jobType: 'data-collection', startDate: start, endDate: end })
      .expect(200);
    const used = reportRequests().at(-1)?.date;
    expect(used).toBeDefined();
    expect(used! < end).toBe(true);
    expect(res.body.districts).toHaveLength(listDistricts(used!).length);
    expect(res.body.districts.length).toBeGreaterThan(0);
    expect(res.body.notes.join(' ')).toContain(
      `the summary of ${used}, just downloaded, since the dashboard has no data for`,
    );
    expect(res.body.notes.join(' ')).toContain(end);
    expect(await snapshots().getSummary(end)).toBeNull();
  });

  it('retries 5xx, resets and truncated bodies, and succeeds', async () => {
    emulator.setFaults({
      rules: [
        { kind: 'server-error', firstN: 1, reports: ['clubperformance'] },
        { kind: 'reset', firstN: 1, reports: ['districtperformance'] },
        { kind: 'truncate', firstN: 1, reports: ['divisionperformance'] },
      ],
    });
    const [date] = ordinaryDates('2026-03-10', 1);
    const job = await runJob({ startDate: date, endDate: date, targetDistricts: ['61'] });
    expect(job.status).toBe('completed');
    expect(job.counters).toMatchObject({ processed: 1, failed: 0 });
    expect(reportRequests()).toHaveLength(1 + 3 + 3);
    // Every attempt is in the metrics, by report and how it ended.
    const metrics = (await request(server()).get('/metrics').set(t.auth).expect(200)).text;
    const attempts = (report: string, outcome: string) =>
      metrics.match(
        new RegExp(
          `^ubs_upstream_requests_total\\{report="${report}",outcome="${outcome}"\\} (\\d+)$`,
          'm',
        ),
      )?.[1];
    expect(attempts('summary', 'success')).toBe('1');
    for (const report of ['club', 'district', 'division']) {
      expect(attempts(report, 'server-error')).toBe('1');
      expect(attempts(report, 'success')).toBe('1');
    }
  });

  it('honours Retry-After on 429', async () => {
    emulator.setFaults({
      retryAfterSeconds: 1,
      rules: [{ kind: 'rate-limit', firstN: 1, reports: ['clubperformance'] }],
    });
    const [date] = ordinaryDates('2026-03-10', 1);
    const job = await runJob({ startDate: date, endDate: date, targetDistricts: ['61'] });
    expect(job.status).toBe('completed');
    const log = reportRequests();
    const throttled = log.findIndex((e) => e.status === 429);
    expect(throttled).toBeGreaterThanOrEqual(0);
    const next = log[throttled + 1];
    expect(Date.parse(next.time) - Date.parse(log[throttled].time)).toBeGreaterThanOrEqual(990);
  });

  it('fails only the item whose CSV is malformed, without retrying it', async () => {
    emulator.setFaults({
      rules: [{ kind: 'malformed', districts: ['62'], reports: ['clubperformance'] }],
    });
    const [date] = ordinaryDates('2026-03-10', 1);
    const job = await runJob({
      startDate: date,
      endDate: date,
      targetDistricts: ['61', '62', '63'],
    });
    expect(job.status).toBe('completed');
    expect(job.counters).toMatchObject({ processed: 3, failed: 1 });
    expect(job.errors).toEqual([
      expect.objectContaining({
        item: `${date}/62`,
        retryable: false,
        message: expect.stringContaining('malformed CSV'),
      }),
    ]);
    expect(reportRequests('clubperformance').filter((e) => e.district === '62')).toHaveLength(1);
    expect((await snapshots().getManifest(date))?.districts['62'].status).toBe('failed');
  });

  it('fails a hanging request by timeout and records it as retryable', async () => {
    await t.close();
    t = await startApp('300');
    emulator.setFaults({
      rules: [{ kind: 'hang', districts: ['61'], reports: ['clubperformance'] }],
    });
    const [date] = ordinaryDates('2026-03-10', 1);
    const job = await runJob({ startDate: date, endDate: date, targetDistricts: ['61'] });
    expect(job.counters.failed).toBe(1);
    expect(job.errors[0]).toMatchObject({
      retryable: true,
      message: expect.stringContaining('timed out'),
    });
  });

  it('retries exactly the failed items of a finished job', async () => {
    emulator.setFaults({
      rules: [{ kind: 'unavailable', districts: ['62'], reports: ['clubperformance'] }],
    });
    const dates = ordinaryDates('2026-03-10', 2);
    const first = await runJob({
      startDate: dates[0],
      endDate: dates[1],
      targetDistricts: ['61', '62'],
    });
    expect(first.counters.failed).toBe(2);
    emulator.setFaults({});
    emulator.clearLog();
    const retry = await request(server()).post(`${BASE}/${first.id}/retry`).set(t.auth).expect(202);
    await t.runner.whenIdle();
    const job = await request(server()).get(`${BASE}/${retry.body.jobId}`).set(t.auth).expect(200);
    expect(job.body).toMatchObject({
      status: 'completed',
      counters: { total: 2, processed: 2, failed: 0 },
    });
    expect(job.body.config.retryOfJobId).toBe(first.id);
    expect(new Set(reportRequests('clubperformance').map((e) => e.district))).toEqual(
      new Set(['62']),
    );
    const again = await request(server()).post(`${BASE}/${retry.body.jobId}/retry`).set(t.auth);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('JOB_NOT_RETRYABLE');
    // Mostly the client's backoff between the failed attempts: about 11 s on its own.
  }, 180_000);

  it('never exceeds the configured rate (the emulator enforces it too)', async () => {
    emulator.setRateLimitPerMinute(40);
    await request(server())
      .put(`${BASE}/config/rate-limit`)
      .set(t.auth)
      .send({ maxRequestsPerMinute: 40, minDelayMs: 0 })
      .expect(200);
    const dates = ordinaryDates('2026-03-10', 2);
    const job = await runJob({
      startDate: dates[0],
      endDate: dates[1],
      targetDistricts: ['61', '62', '63'],
    });
    expect(job.status).toBe('completed');
    expect(reportRequests().filter((e) => e.status === 429)).toHaveLength(0);
    expect(reportRequests()).toHaveLength(2 + 6 * 3);
  });

  it('cancels mid-job: in-flight items finish, nothing starts after', async () => {
    emulator.setFaults({ latencyMs: 100 });
    const dates = ordinaryDates('2026-03-01', 5);
    const created = await request(server())
      .post(BASE)
      .set(t.auth)
      .send({
        jobType: 'data-collection',
        startDate: dates[0],
        endDate: dates[4],
        targetDistricts: ['61', '62', '63', '64'],
      })
      .expect(202);
    await waitFor(async () => {
      const res = await request(server()).get(`${BASE}/${created.body.jobId}`).set(t.auth);
      return res.body.counters.processed >= 2;
    });
    await request(server()).delete(`${BASE}/${created.body.jobId}`).set(t.auth).expect(200);
    await t.runner.whenIdle();
    const countAtEnd = reportRequests().length;
    const job = await request(server())
      .get(`${BASE}/${created.body.jobId}`)
      .set(t.auth)
      .expect(200);
    expect(job.body.status).toBe('cancelled');
    expect(job.body.counters.processed).toBeLessThan(20);
    expect(job.body.counters.processed).toBeGreaterThanOrEqual(2);
    const ledgerFile = path.join(t.dataDir, 'jobs', `${created.body.jobId}.ledger.jsonl`);
    const ledgerLines = (await fs.readFile(ledgerFile, 'utf8')).trim().split('\n');
    expect(ledgerLines).toHaveLength(job.body.counters.processed);
    await new Promise((r) => setTimeout(r, 300));
    expect(reportRequests()).toHaveLength(countAtEnd);
  });

  it('resumes after a restart without re-fetching any finished item', async () => {
    // Slow enough that the job is mid-way when the first flushed counters show progress.
    emulator.setFaults({ latencyMs: 200 });
    const dates = ordinaryDates('2026-03-01', 4);
    const created = await request(server())
      .post(BASE)
      .set(t.auth)
      .send({
        jobType: 'data-collection',
        startDate: dates[0],
        endDate: dates[3],
        targetDistricts: ['61', '62', '63'],
      })
      .expect(202);
    const id = created.body.jobId as string;
    await waitFor(
      async () =>
        (await request(server()).get(`${BASE}/${id}`).set(t.auth)).body.counters.processed >= 3,
    );
    const dataDir = t.dataDir;
    await t.app.close(); // graceful: in-flight items finish, the lease is released
    const ledgerFile = path.join(dataDir, 'jobs', `${id}.ledger.jsonl`);
    const finishedBefore = (await fs.readFile(ledgerFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { item: string }).item);
    const stopped = JSON.parse(
      await fs.readFile(path.join(dataDir, 'jobs', `${id}.json`), 'utf8'),
    ) as { status: string; counters: { processed: number } };
    expect(stopped.status).toBe('running');
    expect(stopped.counters.processed).toBe(finishedBefore.length);
    emulator.clearLog();

    const restarted = await startTestApp({ dataDir, env: { DASHBOARD_BASE_URL: emulator.url } });
    try {
      await waitFor(async () => {
        const res = await request(restarted.app.getHttpServer())
          .get(`${BASE}/${id}`)
          .set(restarted.auth);
        return res.body.status === 'completed';
      });
      const job = await request(restarted.app.getHttpServer())
        .get(`${BASE}/${id}`)
        .set(restarted.auth);
      expect(job.body.counters).toEqual({ total: 12, processed: 12, failed: 0, skipped: 0 });
      expect(job.body).toMatchObject({ resumedAt: expect.any(String) });
      expect(job.body.startedAt < job.body.resumedAt).toBe(true);
      expect(job.body.actions.map((a: { action: string }) => a.action)).toContain('resumed');
      const refetched = reportRequests('clubperformance').map((e) => `${e.date}/${e.district}`);
      for (const item of finishedBefore) expect(refetched).not.toContain(item);
      expect(refetched).toHaveLength(12 - finishedBefore.length);
      const ledger = (await fs.readFile(ledgerFile, 'utf8')).trim().split('\n');
      expect(new Set(ledger.map((l) => (JSON.parse(l) as { item: string }).item)).size).toBe(12);
      expect(ledger).toHaveLength(12);
      const status = await request(restarted.app.getHttpServer())
        .get(`${BASE}/status`)
        .set(restarted.auth);
      expect(status.body.recovery).toMatchObject({ outcome: 'resumed', jobId: id });
    } finally {
      await restarted.close();
      t = await startApp(TIMEOUT_MS);
    }
  });

  it('keeps the deprecated routes working, with Deprecation, Sunset and Link headers', async () => {
    const [date] = ordinaryDates('2026-03-10', 1);
    const created = await request(server())
      .post('/api/districts/backfill')
      .set(t.auth)
      .send({ startDate: date, endDate: date, targetDistricts: ['61'] })
      .expect(202);
    expect(created.headers.deprecation).toBe('true');
    expect(created.headers.sunset).toMatch(/GMT$/);
    expect(created.headers.link).toContain('rel="successor-version"');
    await t.runner.whenIdle();
    const status = await request(server())
      .get(`/api/districts/backfill/${created.body.backfillId}`)
      .set(t.auth)
      .expect(200);
    expect(status.body.status).toBe('completed');
    expect(status.headers.link).toContain(`/api/admin/backfill/${created.body.backfillId}`);
    await request(server()).get('/api/districts/backfill/nope').set(t.auth).expect(400);
    await request(server()).post('/api/districts/backfill').send({}).expect(401);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
