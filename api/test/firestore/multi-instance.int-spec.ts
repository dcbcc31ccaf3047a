import {
  LogEntry,
  RunningEmulator,
  listDistricts,
  startDashboardEmulator,
} from 'dashboard-emulator';
import type { JobLease } from '../../src/domain/job.model';
import { FirestoreJobStore } from '../../src/storage/firestore/firestore-job-store';
import { ordinaryDates } from '../factories/emulator-dates';
import { ApiInstance, buildApi } from './api-instance';
import { EmulatorProject } from './emulator-project';
import { callBackfill, firestoreServiceEnv, until } from './instance-api';

/**
 * Two built service processes share one Firestore emulator project: the lock, the lease
 * and the ledger must make them safe together, including when the runner dies by kill -9.
 */
const TOKEN = 'multi-instance-token-0123456789';
const LEASE_SECONDS = 6;
const MAX_CONCURRENT = 2;

interface JobView {
  id: string;
  status: string;
  counters: { total: number; processed: number; failed: number; skipped: number };
  lease: JobLease | null;
  resumedAt: string | null;
  result: Record<string, unknown> | null;
  actions: { action: string; by: string; detail?: string }[];
}

function call(instance: ApiInstance, method: string, route: string, body?: unknown) {
  return callBackfill(instance, TOKEN, method, route, body);
}

describe('two API instances on one Firestore emulator', () => {
  const project = new EmulatorProject('multi');
  let dashboard: RunningEmulator;
  let instances: ApiInstance[] = [];

  beforeAll(async () => {
    buildApi();
    dashboard = await startDashboardEmulator({ port: 0, faults: { latencyMs: 60 } });
    const env = {
      ...firestoreServiceEnv(project, TOKEN, dashboard.url),
      LEASE_SECONDS: String(LEASE_SECONDS),
      HEARTBEAT_SECONDS: '2',
      PROGRESS_FLUSH_SECONDS: '1',
    };
    instances = await Promise.all([
      ApiInstance.start('instance-a', env),
      ApiInstance.start('instance-b', env),
    ]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await dashboard?.close();
    await project.close();
  });

  function reportLog(report: string): LogEntry[] {
    return dashboard.requestLog().filter((e) => e.report === report && e.status === 200);
  }

  it('creates one job, runs it once, and finishes it elsewhere after kill -9', async () => {
    const [a, b] = instances;
    const fast = {
      maxRequestsPerMinute: 6000,
      maxConcurrent: MAX_CONCURRENT,
      minDelayMs: 0,
      maxDelayMs: 1000,
      backoffMultiplier: 2,
      // No politeness pause: it would only stretch the job the instances share.
      pauseEveryRequests: 0,
    };
    expect((await call(a, 'PUT', '/config/rate-limit', fast)).status).toBe(200);
    const dates = ordinaryDates('2026-02-02', 3);
    const districts = listDistricts(dates[0]).slice(0, 8);
    const request = {
      jobType: 'data-collection',
      startDate: dates[0],
      endDate: dates[2],
      targetDistricts: districts,
    };

    // Two simultaneous creates, one on each instance: one job, one refusal.
    const created = await Promise.all([a, b].map((i) => call(i, 'POST', '', request)));
    expect(created.map((c) => c.status).sort()).toEqual([202, 409]);
    const refused = created.find((c) => c.status === 409);
    expect(refused?.body).toMatchObject({ error: { code: 'JOB_ALREADY_RUNNING' } });
    const jobId = String(created.find((c) => c.status === 202)?.body.jobId);

    const get = async (instance: ApiInstance) =>
      (await call(instance, 'GET', `/${jobId}`)).body as unknown as JobView;
    const running = await until(
      'the job to run',
      async () => {
        const job = await get(b);
        return job.status === 'running' && job.lease ? job : null;
      },
      20_000,
    );
    const runner = instances.find((i) => i.id === running.lease?.owner);
    const other = instances.find((i) => i !== runner);
    if (!runner || !other) throw new Error(`unexpected lease owner ${running.lease?.owner}`);

    // Let the runner finish some items, then kill it without any shutdown.
    let lastLease: JobLease | null = null;
    await until(
      'the runner to finish some items',
      async () => {
        const job = await get(other);
        expect(job.lease?.owner).toBe(runner.id);
        lastLease = job.lease;
        return reportLog('clubperformance').length >= 6 ? true : null;
      },
      30_000,
    );
    await runner.killHard();
    const beforeKill = reportLog('clubperformance').map((e) => `${e.date}/${e.district}`);
    // Only one instance ran it: nothing was fetched twice before the kill.
    expect(new Set(beforeKill).size).toBe(beforeKill.length);
    expect(beforeKill.length).toBeLessThan(dates.length * districts.length);

    const finished = await until(
      'the other instance to finish the job',
      async () => {
        const job = await get(other);
        return job.status === 'completed' || job.status === 'failed' ? job : null;
      },
      60_000,
    );
    const items = dates.length * districts.length;
    expect(finished.status).toBe('completed');
    expect(finished.counters).toMatchObject({ total: items, processed: items, failed: 0 });
    expect(finished.result?.finishedBy).toBe(other.id);
    expect(finished.actions).toContainEqual(
      expect.objectContaining({ action: 'resumed', by: 'system' }),
    );
    // Taken over only after the dead runner's lease ran out.
    const expiredAt = (lastLease as JobLease | null)?.expiresAt ?? '';
    expect(finished.resumedAt && finished.resumedAt >= expiredAt).toBe(true);

    // No item done twice: each appears once in the ledger.
    const ledger = await new FirestoreJobStore(project.firestore).readLedger(jobId);
    const ledgerItems = ledger.map((e) => e.item);
    expect(ledgerItems).toHaveLength(items);
    expect(new Set(ledgerItems).size).toBe(items);
    // An item in flight at the kill may have stored its snapshot but not its ledger entry;
    // the resumed run then finds the snapshot and skips it as existing.
    const skipped = ledger.filter((e) => e.outcome !== 'done');
    expect(skipped.every((e) => e.outcome === 'skipped' && e.reason === 'exists')).toBe(true);
    expect(skipped.length).toBeLessThanOrEqual(MAX_CONCURRENT);
    expect(finished.counters.skipped).toBe(skipped.length);

    // Each item's club report fetched once, plus at most the items in flight at the kill.
    const fetches = new Map<string, number>();
    for (const e of reportLog('clubperformance')) {
      const item = `${e.date}/${e.district}`;
      fetches.set(item, (fetches.get(item) ?? 0) + 1);
    }
    expect([...fetches.keys()].sort()).toEqual([...ledgerItems].sort());
    const refetched = [...fetches.values()].filter((n) => n > 1);
    expect(refetched.every((n) => n === 2)).toBe(true);
    expect(refetched.length).toBeLessThanOrEqual(MAX_CONCURRENT);
    // The resumed run reads each date's summary from storage instead of fetching it again.
    expect(reportLog('districtsummary')).toHaveLength(dates.length);
  }, 120_000);
});
