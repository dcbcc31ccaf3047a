import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { RunningEmulator, districtSnapshot, startDashboardEmulator } from 'dashboard-emulator';
import { SnapshotStore } from '../src/storage/snapshot-store';
import { ordinaryDates } from './factories/emulator-dates';
import { TestApp, startTestApp } from './factories/test-app';
import { FAST_RATE_LIMIT } from './factories/rate-limit.factory';

/**
 * Analytics end to end: a data-collection job downloads real (emulated) dashboard data,
 * then an analytics-generation job runs over the stored snapshots, and the results are
 * read back through the analytics endpoints. Expected figures are computed here from the
 * emulator's own model, with the formulas written out again, not from the service's code.
 */
const BACKFILL = '/api/admin/backfill';
const ANALYTICS = '/api/admin/analytics';
const DISTRICTS = ['01', '61', 'F'];

interface JobView {
  id: string;
  status: string;
  counters: { total: number; processed: number; failed: number; skipped: number };
  errors: { item: string; message: string; retryable: boolean }[];
  progressByGroup: Record<string, { total: number; processed: number }>;
  result: Record<string, unknown> | null;
}

describe('analytics-generation over collected data', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  const dates = ordinaryDates('2026-03-10', 3);
  const server = () => t.app.getHttpServer();

  beforeAll(async () => {
    emulator = await startDashboardEmulator({ port: 0 });
    t = await startTestApp({ env: { DASHBOARD_BASE_URL: emulator.url } });
    await request(server())
      .put(`${BACKFILL}/config/rate-limit`)
      .set(t.auth)
      .send(FAST_RATE_LIMIT)
      .expect(200);
    const collected = await runJob({
      jobType: 'data-collection',
      startDate: dates[0],
      endDate: dates[2],
      targetDistricts: DISTRICTS,
    });
    expect(collected).toMatchObject({ status: 'completed', counters: { processed: 9, failed: 0 } });
  });

  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  async function runJob(body: Record<string, unknown>): Promise<JobView> {
    const created = await request(server()).post(BACKFILL).set(t.auth).send(body).expect(202);
    await t.runner.whenIdle();
    const job = await request(server())
      .get(`${BACKFILL}/${created.body.jobId}`)
      .set(t.auth)
      .expect(200);
    return job.body as JobView;
  }

  /** Every analytics result file, by path (the cost measurement is not a result). */
  async function resultFiles(): Promise<Map<string, string>> {
    const root = path.join(t.dataDir, 'analytics');
    const files = new Map<string, string>();
    for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name === 'cost.json') continue;
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(root, full), (await fs.readFile(full)).toString('base64'));
    }
    return files;
  }

  function expectedFigures(district: string, date: string) {
    const model = districtSnapshot(district, date);
    if (!model) throw new Error(`the emulator has no ${district} on ${date}`);
    const health = { thriving: 0, vulnerable: 0, interventionRequired: 0 };
    for (const club of model.clubs) {
      const members = club.activeMembers;
      const net = members - club.memBase;
      if (members < 12 && net < 3) health.interventionRequired++;
      else if ((members >= 20 || net >= 3) && club.goalsMet > 0) health.thriving++;
      else health.vulnerable++;
    }
    return {
      membership: model.totals.membership,
      payments: model.clubs.reduce(
        (sum, c) => sum + c.payments.october + c.payments.april + c.payments.newMembers,
        0,
      ),
      dcpGoals: model.clubs.reduce((sum, c) => sum + c.goalsMet, 0),
      clubCounts: { total: model.clubs.length, ...health },
    };
  }

  it('computes every snapshot, then serves the figures, the ranking and the series', async () => {
    const job = await runJob({ jobType: 'analytics-generation' });
    expect(job).toMatchObject({
      status: 'completed',
      counters: { total: 3, processed: 3, failed: 0, skipped: 0 },
      progressByGroup: { '2025-2026': { total: 3, processed: 3 } },
      result: expect.objectContaining({ snapshotsAnalysed: 3 }),
    });

    const snapshot = await request(server())
      .get(`${ANALYTICS}/snapshots/${dates[1]}`)
      .set(t.auth)
      .expect(200);
    expect(snapshot.body.snapshotDate).toBe(dates[1]);
    expect(snapshot.body.districts.map((d: { districtId: string }) => d.districtId)).toEqual(
      DISTRICTS,
    );
    for (const district of snapshot.body.districts) {
      expect(district).toMatchObject({
        programYear: '2025-2026',
        isClosingPeriod: false,
        collectionDate: dates[1],
        previousSnapshotDate: dates[0],
        membershipChange:
          expectedFigures(district.districtId, dates[1]).membership -
          expectedFigures(district.districtId, dates[0]).membership,
        ...expectedFigures(district.districtId, dates[1]),
      });
    }

    // The ranking covers every district of the summary, not only the collected ones.
    const summary = await t.app.get(SnapshotStore).getSummary(dates[1]);
    const ranking = snapshot.body.ranking as {
      districtId: string;
      rank: number;
      totalPoints: number;
      clubGrowth: { points: number };
      paymentGrowth: { points: number };
      distinguished: { points: number };
    }[];
    expect(ranking.length).toBe(summary?.districts.length);
    expect(ranking.length).toBeGreaterThan(100);
    expect(snapshot.body.summaryCollectionDate).toBe(dates[1]);
    expect(ranking[0].rank).toBe(1);
    for (const [i, entry] of ranking.entries()) {
      expect(entry.totalPoints).toBe(
        entry.clubGrowth.points + entry.paymentGrowth.points + entry.distinguished.points,
      );
      if (i > 0) expect(entry.rank).toBeGreaterThanOrEqual(ranking[i - 1].rank);
    }

    const series = await request(server())
      .get(`${ANALYTICS}/districts/61/series/2025-2026`)
      .set(t.auth)
      .expect(200);
    const memberships = dates.map((date) => expectedFigures('61', date).membership);
    expect(series.body.points.map((p: { date: string }) => p.date)).toEqual(dates);
    expect(series.body.points[2]).toEqual({
      date: dates[2],
      snapshotId: dates[2],
      membership: memberships[2],
      payments: expectedFigures('61', dates[2]).payments,
      dcpGoals: expectedFigures('61', dates[2]).dcpGoals,
      distinguishedTotal: expect.any(Number),
      clubCounts: expectedFigures('61', dates[2]).clubCounts,
    });
    expect(series.body.summary).toEqual({
      points: 3,
      start: { date: dates[0], membership: memberships[0] },
      end: { date: dates[2], membership: memberships[2] },
      peak: expect.objectContaining({ membership: Math.max(...memberships) }),
      low: expect.objectContaining({ membership: Math.min(...memberships) }),
      change: memberships[2] - memberships[0],
    });
  });

  it('skips up-to-date dates, and stores the same bytes when forced, over a range or everything', async () => {
    await runJob({ jobType: 'analytics-generation' });
    const first = await resultFiles();
    expect(first.size).toBe(3 + 3); // three snapshot documents, three district series
    const rerun = await runJob({ jobType: 'analytics-generation' });
    expect(rerun.counters).toMatchObject({ total: 0, processed: 0 });
    expect(rerun.result).toMatchObject({ snapshotsAnalysed: 0, snapshotsUpToDate: 3 });
    const ranged = await runJob({
      jobType: 'analytics-generation',
      startDate: dates[1],
      endDate: dates[2],
      force: true,
    });
    expect(ranged.counters).toMatchObject({ total: 2, processed: 2, failed: 0 });
    expect(await resultFiles()).toEqual(first);
    const forced = await runJob({ jobType: 'analytics-generation', force: true });
    expect(forced.counters).toMatchObject({ total: 3, processed: 3, failed: 0 });
    expect(await resultFiles()).toEqual(first);
  });

  it('previews from the stored snapshots and the measured cost', async () => {
    await runJob({ jobType: 'analytics-generation' });
    const all = await request(server())
      .post(`${BACKFILL}/preview`)
      .set(t.auth)
      .send({ jobType: 'analytics-generation' })
      .expect(200);
    expect(all.body).toMatchObject({
      jobType: 'analytics-generation',
      totalItems: 0,
      upToDate: 3,
      dates: 3,
      dateRange: { startDate: dates[0], endDate: dates[2] },
      districts: DISTRICTS,
      upstreamRequests: 0,
      rateLimit: null,
    });
    expect(all.body.notes.join(' ')).toContain('measured');
    expect(all.body.notes.join(' ')).toContain('3 of 3 snapshot dates are up to date');
    const ranged = await request(server())
      .post(`${BACKFILL}/preview`)
      .set(t.auth)
      .send({
        jobType: 'analytics-generation',
        startDate: dates[2],
        endDate: dates[2],
        force: true,
      })
      .expect(200);
    expect(ranged.body).toMatchObject({
      totalItems: 1,
      upToDate: 0,
      dateRange: { startDate: dates[2] },
    });
  });

  it('fails only the item whose stored snapshot is invalid, naming the district', async () => {
    const file = path.join(t.dataDir, 'snapshots', dates[2], 'districts', 'F.json');
    const original = await fs.readFile(file, 'utf8');
    try {
      // The compact stored form: clubs as rows under one header.
      const doc = JSON.parse(original) as { clubs: { columns: string[]; rows: unknown[][] } };
      doc.clubs.rows[0][doc.clubs.columns.indexOf('activeMembers')] = 'many';
      await fs.writeFile(file, JSON.stringify(doc));
      // An edit behind the store's back leaves the manifest alone: only force sees it.
      const job = await runJob({ jobType: 'analytics-generation', force: true });
      expect(job.counters).toMatchObject({ total: 3, processed: 3, failed: 1 });
      expect(job.errors).toEqual([
        expect.objectContaining({
          item: dates[2],
          retryable: false,
          message: expect.stringContaining('district F: clubs[0].activeMembers'),
        }),
      ]);
    } finally {
      await fs.writeFile(file, original);
    }
  });

  it('answers 404 for what is not stored, and 400 for malformed ids', async () => {
    const notFound = [
      `${ANALYTICS}/districts/99/series/2025-2026`,
      `${ANALYTICS}/districts/61/series/2019-2020`,
      `${ANALYTICS}/snapshots/2020-01-01`,
    ];
    for (const url of notFound) {
      const res = await request(server()).get(url).set(t.auth);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('ANALYTICS_NOT_FOUND');
    }
    const invalid = [
      `${ANALYTICS}/districts/61/series/2025-2027`,
      `${ANALYTICS}/districts/61/series/2025-26`,
      `${ANALYTICS}/districts/abc/series/2025-2026`,
      `${ANALYTICS}/districts/12345/series/2025-2026`,
      `${ANALYTICS}/districts/..%2F61/series/2025-2026`,
      `${ANALYTICS}/snapshots/2026-02-30`,
      `${ANALYTICS}/snapshots/2026-3-1`,
    ];
    for (const url of invalid) {
      const res = await request(server()).get(url).set(t.auth);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('requires the admin token', async () => {
    for (const url of [
      `${ANALYTICS}/districts/61/series/2025-2026`,
      `${ANALYTICS}/snapshots/${dates[0]}`,
    ]) {
      const res = await request(server()).get(url);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('rejects target districts for analytics', async () => {
    const res = await request(server())
      .post(BACKFILL)
      .set(t.auth)
      .send({ jobType: 'analytics-generation', targetDistricts: ['61'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('targetDistricts');
  });

  it('rejects force for other job types', async () => {
    const res = await request(server())
      .post(BACKFILL)
      .set(t.auth)
      .send({ jobType: 'data-collection', startDate: dates[0], endDate: dates[0], force: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('force applies to analytics-generation');
  });

  // Last: it changes stored data that the tests above compare with the emulator's model.
  it('recomputes only the dates a newer collection changed, into the bytes of a full recompute', async () => {
    await runJob({ jobType: 'analytics-generation', force: true });
    const before = await resultFiles();
    const snapshots = t.app.get(SnapshotStore);
    const stored = await snapshots.getDistrictSnapshot(dates[1], '61');
    if (!stored) throw new Error('no stored snapshot of 61');
    const [club, ...rest] = stored.clubs;
    // A newer collection of the same snapshot date with one more member.
    await snapshots.saveDistrictSnapshot({
      ...stored,
      collectionDate: '2026-12-31',
      clubs: [{ ...club, activeMembers: (club.activeMembers ?? 0) + 1 }, ...rest],
      totals: { ...stored.totals, membership: stored.totals.membership + 1 },
    });
    const preview = await request(server())
      .post(`${BACKFILL}/preview`)
      .set(t.auth)
      .send({ jobType: 'analytics-generation' })
      .expect(200);
    // The changed date, and the next one, whose membership change compares with it.
    expect(preview.body).toMatchObject({ totalItems: 2, upToDate: 1 });
    const incremental = await runJob({ jobType: 'analytics-generation' });
    expect(incremental.counters).toMatchObject({ total: 2, processed: 2, failed: 0 });
    const afterIncremental = await resultFiles();
    expect(afterIncremental).not.toEqual(before);
    const changed = [...afterIncremental.keys()].filter(
      (key) => afterIncremental.get(key) !== before.get(key),
    );
    expect(changed.sort()).toEqual(
      [
        `snapshots/${dates[1]}.json`,
        `snapshots/${dates[2]}.json`,
        'series/61/2025-2026.points',
      ].sort(),
    );
    await runJob({ jobType: 'analytics-generation', force: true });
    expect(await resultFiles()).toEqual(afterIncremental);
  });
});
