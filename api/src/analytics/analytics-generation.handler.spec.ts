import fc from 'fast-check';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ClubFigures,
  SummaryFigures,
  snapshotWithClubs,
  summaryOf,
} from '../../test/factories/analytics.factory';
import { Clock, FakeClock } from '../common/clock';
import { ItemFailure, ItemResult, JobRunContext } from '../jobs/job-handler';
import { JobHandlerRegistry } from '../jobs/job-handler-registry';
import type { JobConfig, JobRecord } from '../domain/job.model';
import { DEFAULT_RATE_LIMIT_CONFIG } from '../domain/rate-limit-config';
import { AnalyticsStore } from '../storage/analytics-store';
import { LocalAnalyticsStore } from '../storage/local/local-analytics-store';
import { LocalSnapshotStore } from '../storage/local/local-snapshot-store';
import { SnapshotStore } from '../storage/snapshot-store';
import { ValidatedAnalyticsStore } from '../storage/validated-analytics-store';
import { ValidatedSnapshotStore } from '../storage/validated-snapshot-store';
import { DEFAULT_SECONDS_PER_SNAPSHOT } from './analytics-cost';
import { InThreadDistrictFiguresProcessor } from './district-figures-processor';
import { AnalyticsGenerationHandler } from './analytics-generation.handler';

/** Moves 100 ms every time it is read, so each item measures a known cost. */
class TickingClock extends FakeClock {
  override now(): number {
    const now = super.now();
    this.set(now + 100);
    return now;
  }
}

interface Stores {
  dataDir: string;
  analyticsDir: string;
  snapshots: SnapshotStore;
  analytics: AnalyticsStore;
}

const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'analytics-handler-'));
  tempDirs.push(dir);
  return dir;
}

async function stores(dataDir?: string): Promise<Stores> {
  const snapshotsDir = dataDir ?? (await tempDir());
  const analyticsDir = await tempDir();
  return {
    dataDir: snapshotsDir,
    analyticsDir,
    snapshots: new ValidatedSnapshotStore(new LocalSnapshotStore(snapshotsDir)),
    analytics: new ValidatedAnalyticsStore(new LocalAnalyticsStore(analyticsDir)),
  };
}

function handlerOver(s: Stores, clock: Clock = new FakeClock()): AnalyticsGenerationHandler {
  return new AnalyticsGenerationHandler(
    new JobHandlerRegistry(),
    s.snapshots,
    s.analytics,
    clock,
    new InThreadDistrictFiguresProcessor(),
  );
}

function contextFor(config: Partial<JobConfig> = {}): JobRunContext {
  return {
    job: { config: { skipExisting: true, ...config } } as JobRecord,
    rateLimit: DEFAULT_RATE_LIMIT_CONFIG,
    signal: new AbortController().signal,
    stopSignal: new AbortController().signal,
    reportPlanningProgress: () => undefined,
  };
}

type Outcome = ItemResult | { failed: string; retryable: boolean };

/**
 * Runs a job the way the runner does (start, plan, items in plan order, close), or only
 * the planned items that `only` keeps, in the order it gives.
 */
async function runJob(
  handler: AnalyticsGenerationHandler,
  config: Partial<JobConfig> = {},
  only?: (planned: string[]) => string[],
): Promise<Map<string, Outcome>> {
  const context = contextFor(config);
  const outcomes = new Map<string, Outcome>();
  const run = handler.start(context);
  try {
    const planned = (await run.plan()).map((item) => item.id);
    for (const id of only ? only(planned) : planned) {
      try {
        outcomes.set(id, await run.processItem({ id }));
      } catch (error) {
        if (!(error instanceof ItemFailure)) throw error;
        outcomes.set(id, { failed: error.message, retryable: error.retryable });
      }
    }
  } finally {
    await run.close?.();
  }
  return outcomes;
}

/** Every result file under the analytics dir (the cost measurement is not a result). */
async function resultFiles(analyticsDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name !== 'cost.json') {
        files[path.relative(analyticsDir, full)] = (await fs.readFile(full)).toString('base64');
      }
    }
  }
  await walk(path.join(analyticsDir, 'analytics'));
  return files;
}

const clubs = (...members: number[]): ClubFigures[] =>
  members.map((m) => ({ members: m, base: 15, goals: 3, payments: m }));

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe('AnalyticsGenerationHandler', () => {
  it('plans every stored snapshot date without a range, and only those within a range', async () => {
    const s = await stores();
    for (const date of ['2025-06-30', '2025-07-01', '2025-07-15', '2025-08-31']) {
      await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('61', date, clubs(20)));
    }
    const handler = handlerOver(s);
    expect(await handler.start(contextFor()).plan()).toEqual([
      { id: '2025-06-30', group: '2024-2025' },
      { id: '2025-07-01', group: '2025-2026' },
      { id: '2025-07-15', group: '2025-2026' },
      { id: '2025-08-31', group: '2025-2026' },
    ]);
    const ranged = contextFor({ startDate: '2025-07-01', endDate: '2025-07-31' });
    expect((await handler.start(ranged).plan()).map((item) => item.id)).toEqual([
      '2025-07-01',
      '2025-07-15',
    ]);
    const empty = contextFor({ startDate: '2024-01-01', endDate: '2024-01-31' });
    expect(await handler.start(empty).plan()).toEqual([]);
  });

  it('stores per-district figures, membership change within the program year and the points', async () => {
    const s = await stores();
    const save = (district: string, date: string, members: number[]) =>
      s.snapshots.saveDistrictSnapshot(snapshotWithClubs(district, date, clubs(...members)));
    await save('61', '2025-06-30', [30]);
    await save('61', '2025-07-01', [20, 10]);
    await save('F', '2025-07-01', [12]);
    await save('61', '2025-07-02', [22, 11]);
    await save('F', '2025-07-03', [14]); // F has no snapshot on 07-02
    await save('61', '2025-07-03', [25, 11]);
    const outcomes = await runJob(handlerOver(s));
    expect([...outcomes.values()].map((o) => ('outcome' in o ? o.outcome : o.failed))).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);

    const first = await s.analytics.getSnapshotAnalytics('2025-07-01');
    expect(first?.districts.map((d) => d.districtId)).toEqual(['61', 'F']);
    // 2025-06-30 is in the previous program year: no comparison.
    expect(first?.districts[0]).toMatchObject({
      programYear: '2025-2026',
      membership: 30,
      payments: 30,
      dcpGoals: 6,
      previousSnapshotDate: null,
      membershipChange: null,
      clubCounts: { total: 2, thriving: 1, vulnerable: 0, interventionRequired: 1 },
    });
    const third = await s.analytics.getSnapshotAnalytics('2025-07-03');
    expect(
      third?.districts.map((d) => [d.districtId, d.previousSnapshotDate, d.membershipChange]),
    ).toEqual([
      ['61', '2025-07-02', 3],
      ['F', '2025-07-01', 2],
    ]);
    expect(await s.analytics.getSeriesPoints('61', '2025-2026')).toEqual([
      expect.objectContaining({ date: '2025-07-01', snapshotId: '2025-07-01', membership: 30 }),
      expect.objectContaining({ date: '2025-07-02', membership: 33 }),
      expect.objectContaining({ date: '2025-07-03', membership: 36 }),
    ]);
    expect(await s.analytics.getSeriesPoints('61', '2024-2025')).toEqual([
      expect.objectContaining({ date: '2025-06-30', membership: 30 }),
    ]);
  });

  it('finds the previous snapshot in the store on a partial range, as on a full run', async () => {
    const s = await stores();
    await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('61', '2025-08-01', clubs(20)));
    await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('61', '2025-08-05', clubs(26)));
    await runJob(handlerOver(s), { startDate: '2025-08-05', endDate: '2025-08-05' });
    expect(await s.analytics.getSnapshotAnalytics('2025-08-01')).toBeNull();
    expect((await s.analytics.getSnapshotAnalytics('2025-08-05'))?.districts[0]).toMatchObject({
      previousSnapshotDate: '2025-08-01',
      membershipChange: 6,
    });
  });

  it('ranks every district of the summary, including those without a snapshot', async () => {
    const s = await stores();
    const date = '2026-03-14';
    await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('61', date, clubs(20)));
    const rows: SummaryFigures[] = [
      {
        districtId: '61',
        clubGrowth: 2,
        paymentGrowth: 1,
        activeClubs: 100,
        distinguishedClubs: 40,
      },
      {
        districtId: '62',
        clubGrowth: 2,
        paymentGrowth: 3,
        activeClubs: 50,
        distinguishedClubs: 20,
      },
      { districtId: 'F', clubGrowth: -1, paymentGrowth: 2, activeClubs: 0, distinguishedClubs: 0 },
    ];
    await s.snapshots.saveSummary(summaryOf(date, rows));
    await runJob(handlerOver(s));
    const stored = await s.analytics.getSnapshotAnalytics(date);
    expect(stored?.summaryCollectionDate).toBe(date);
    // club growth: 61 and 62 tie at rank 1 (3 points each), F 3rd (1 point);
    // payment growth: 62 3, F 2, 61 1; distinguished: 61 and 62 tie at 40% (3 each), F 1.
    expect(stored?.ranking?.map((r) => [r.districtId, r.rank, r.totalPoints])).toEqual([
      ['62', 1, 9],
      ['61', 2, 7],
      ['F', 3, 4],
    ]);
  });

  it('completes without a ranking when no summary is stored, and says so', async () => {
    const s = await stores();
    await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('61', '2026-03-14', clubs(20)));
    const outcomes = await runJob(handlerOver(s));
    expect(outcomes.get('2026-03-14')).toEqual({
      outcome: 'done',
      reason: expect.stringContaining('no all-districts summary'),
    });
    expect((await s.analytics.getSnapshotAnalytics('2026-03-14'))?.ranking).toBeNull();
  });

  it('fails only the item whose district document is invalid, with the reason', async () => {
    const s = await stores();
    for (const date of ['2025-09-01', '2025-09-02', '2025-09-03']) {
      await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('61', date, clubs(20)));
      await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('62', date, clubs(21)));
    }
    const broken = snapshotWithClubs('62', '2025-09-02', clubs(21));
    await s.snapshots.saveDistrictSnapshot({
      ...broken,
      collectionDate: '2025-09-03',
      clubs: [{ ...broken.clubs[0], activeMembers: -4 }],
    });
    const outcomes = await runJob(handlerOver(s));
    expect(outcomes.get('2025-09-01')).toMatchObject({ outcome: 'done' });
    expect(outcomes.get('2025-09-02')).toEqual({
      failed: expect.stringMatching(/district 62: clubs\[0\]\.activeMembers/),
      retryable: false,
    });
    expect(outcomes.get('2025-09-03')).toMatchObject({ outcome: 'done' });
    expect(await s.analytics.getSnapshotAnalytics('2025-09-02')).toBeNull();
    // The next date compares with the nearest usable snapshot, and says which.
    const next = await s.analytics.getSnapshotAnalytics('2025-09-03');
    expect(next?.districts.map((d) => [d.districtId, d.previousSnapshotDate])).toEqual([
      ['61', '2025-09-02'],
      ['62', '2025-09-01'],
    ]);
  });

  it('previews snapshots, range, districts and a duration from the measured cost', async () => {
    const s = await stores();
    await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('61', '2025-09-01', clubs(20)));
    await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('F', '2025-09-02', clubs(20)));
    await s.snapshots.saveDistrictSnapshot(snapshotWithClubs('62', '2025-10-01', clubs(20)));
    const handler = handlerOver(s, new TickingClock());
    const config: JobConfig = {
      skipExisting: true,
      startDate: '2025-09-01',
      endDate: '2025-09-30',
    };
    const before = await handler.preview(config);
    expect(before).toMatchObject({
      totalItems: 2,
      skippedExisting: 0,
      dates: 2,
      dateRange: { startDate: '2025-09-01', endDate: '2025-09-02' },
      districts: ['61', 'F'],
      upstreamRequests: 0,
      rateLimit: null,
      estimatedDurationSeconds: Math.ceil(2 * DEFAULT_SECONDS_PER_SNAPSHOT),
    });
    expect(before.notes.join(' ')).toContain('No run has been measured');

    await runJob(handler);
    expect(await s.analytics.getCostMeasurement()).toEqual({
      secondsPerSnapshot: 0.1,
      snapshotsMeasured: 3,
    });
    const after = await handler.preview({ skipExisting: true, force: true });
    expect(after).toMatchObject({ totalItems: 3, upToDate: 0, estimatedDurationSeconds: 1 });
    expect(await handler.preview({ skipExisting: true })).toMatchObject({
      totalItems: 0,
      upToDate: 3,
      estimatedDurationSeconds: 0,
    });
    expect(after.notes.join(' ')).toContain('measured 0.1 s per snapshot');
    expect(
      await handler.preview({ skipExisting: true, startDate: '2024-01-01', endDate: '2024-01-02' }),
    ).toMatchObject({ totalItems: 0, dateRange: null, districts: [], estimatedDurationSeconds: 0 });
  });

  it('rejects target districts: the ranking needs every district', () => {
    const handler = handlerOver({} as Stores);
    expect(handler.validate({ skipExisting: true, targetDistricts: ['61'] })).toEqual([
      expect.stringContaining('targetDistricts is not supported'),
    ]);
    expect(handler.validate({ skipExisting: true })).toEqual([]);
  });

  describe('idempotence (property)', () => {
    const DATES = ['2025-06-29', '2025-06-30', '2025-07-01', '2025-07-02', '2025-07-04'];
    const DISTRICTS = ['01', '61', 'F'];
    const club = fc.record({
      members: fc.integer({ min: 0, max: 40 }),
      base: fc.integer({ min: 0, max: 40 }),
      goals: fc.integer({ min: 0, max: 10 }),
      payments: fc.integer({ min: 0, max: 60 }),
    });
    const cell = fc.option(fc.array(club, { maxLength: 4 }), { freq: 3 });
    const summary = fc.option(
      fc.array(
        fc.record({
          clubGrowth: fc.integer({ min: -3, max: 3 }),
          paymentGrowth: fc.integer({ min: -3, max: 3 }),
          activeClubs: fc.integer({ min: 0, max: 4 }),
          distinguishedClubs: fc.integer({ min: 0, max: 4 }),
        }),
        { minLength: DISTRICTS.length, maxLength: DISTRICTS.length },
      ),
    );
    const world = fc.record({
      cells: fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), {
        minLength: 5,
        maxLength: 5,
      }),
      summaries: fc.array(summary, { minLength: 5, maxLength: 5 }),
      // A different processing order for the second store: any subset first (like an
      // interrupted run or a partial range), in any order, then everything again.
      firstPass: fc.shuffledSubarray(DATES),
    });

    it('stores the same bytes on a re-run, and whatever the order or partial runs before', async () => {
      await fc.assert(
        fc.asyncProperty(world, async ({ cells, summaries, firstPass }) => {
          const s = await stores();
          for (const [i, date] of DATES.entries()) {
            for (const [j, district] of DISTRICTS.entries()) {
              const figures = cells[i][j];
              if (figures) {
                await s.snapshots.saveDistrictSnapshot(snapshotWithClubs(district, date, figures));
              }
            }
            const rows = summaries[i];
            if (rows) {
              await s.snapshots.saveSummary(
                summaryOf(
                  date,
                  rows.map((r, j) => ({ districtId: DISTRICTS[j], ...r })),
                ),
              );
            }
          }
          await runJob(handlerOver(s));
          const first = await resultFiles(s.analyticsDir);
          await runJob(handlerOver(s));
          expect(await resultFiles(s.analyticsDir)).toEqual(first);

          const other = await stores(s.dataDir);
          await runJob(handlerOver(other), {}, (planned) =>
            firstPass.filter((date) => planned.includes(date)),
          );
          await runJob(handlerOver(other));
          expect(await resultFiles(other.analyticsDir)).toEqual(first);
        }),
        { numRuns: 25 },
      );
    });
  });
});
