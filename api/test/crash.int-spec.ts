import { promises as fs, watch } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunningEmulator, startDashboardEmulator } from 'dashboard-emulator';
import { ordinaryDates } from './factories/emulator-dates';
import { TEST_ADMIN_TOKEN } from './factories/test-config';
import { ServiceProcess, startService } from './support/service-process';

/**
 * Crash safety of the real, built service: `kill -9` at random moments (one of them while
 * a snapshot is being written), restart each time, and check that the job finishes with
 * every snapshot intact, no torn file, and no finished item done again.
 */
const BASE = '/api/admin/backfill';
const DISTRICTS = ['61', '62', '63', '64', '65', '66', '67', '69'];
const MAX_CONCURRENT = 3;

describe('crash safety of the built service', () => {
  let emulator: RunningEmulator;
  let dataDir: string;
  let service: ServiceProcess | null = null;

  beforeEach(async () => {
    emulator = await startDashboardEmulator({ port: 0, faults: { latencyMs: 15 } });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crash-'));
  });

  afterEach(async () => {
    if (service) await service.kill('SIGKILL');
    service = null;
    await emulator.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DASHBOARD_BASE_URL: emulator.url,
    INSTANCE_ID: 'crash-test',
    PROGRESS_FLUSH_SECONDS: '1',
  });

  async function api(method: string, route: string, body?: unknown) {
    if (!service) throw new Error('service not running');
    const res = await fetch(`${service.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed JSON answers
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  /**
   * The 60 s window never binds on jobs this small, so `minDelayMs` alone sets their pace:
   * each test picks one that keeps the job running well past the moments it interrupts,
   * however fast the machine (with no gap, 32 items finish before the first progress flush).
   */
  async function startJob(dates: string[], minDelayMs: number): Promise<string> {
    service = await startService(env());
    await api('PUT', `${BASE}/config/rate-limit`, {
      maxRequestsPerMinute: 6000,
      maxConcurrent: MAX_CONCURRENT,
      minDelayMs,
      // Without a politeness pause, so the pace stays what minDelayMs makes it.
      pauseEveryRequests: 0,
    });
    const created = await api('POST', BASE, {
      jobType: 'data-collection',
      startDate: dates[0],
      endDate: dates[dates.length - 1],
      targetDistricts: DISTRICTS,
      // An item killed after its snapshot write but before its ledger line would otherwise be
      // skipped as existing on resume; redoing it keeps every count exact.
      skipExisting: false,
    });
    expect(created.status).toBe(202);
    return created.body.jobId as string;
  }

  async function waitForCompletion(jobId: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await api('GET', `${BASE}/${jobId}`);
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
      if (Date.now() > deadline) throw new Error(`job did not finish: ${JSON.stringify(res.body)}`);
      await sleep(100);
    }
  }

  /** Kills the service the moment a snapshot temp file appears (a write in progress). */
  async function killDuringSnapshotWrite(): Promise<void> {
    const tmpDir = path.join(dataDir, 'snapshots', '.tmp');
    await waitUntil(() =>
      fs.access(tmpDir).then(
        () => true,
        () => false,
      ),
    );
    await new Promise<void>((resolve, reject) => {
      // A loud failure rather than a hang should the job finish without a write being seen.
      const timer = setTimeout(() => {
        watcher.close();
        reject(new Error('no snapshot write seen in 90 s'));
      }, 90_000);
      const watcher = watch(tmpDir, (_event, name) => {
        if (name?.endsWith('.tmp') && service) {
          service.child.kill('SIGKILL');
          clearTimeout(timer);
          watcher.close();
          resolve();
        }
      });
    });
    await service?.exited;
  }

  async function checkFinalState(
    jobId: string,
    dates: string[],
    kills: number,
    exactFetches: boolean,
  ) {
    const job = await waitForCompletion(jobId);
    const items = dates.length * DISTRICTS.length;
    expect(job.status).toBe('completed');
    expect(job.counters).toEqual({ total: items, processed: items, failed: 0, skipped: 0 });

    // No item finished twice: one ledger line per item, and the counters equal the ledger.
    const ledger = (await fs.readFile(path.join(dataDir, 'jobs', `${jobId}.ledger.jsonl`), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { item: string; outcome: string });
    expect(ledger).toHaveLength(items);
    expect(new Set(ledger.map((e) => e.item)).size).toBe(items);
    expect(ledger.every((e) => e.outcome === 'done')).toBe(true);

    // Every finished item was downloaded once, plus at most maxConcurrent in flight per kill.
    const clubFetches = emulator
      .requestLog()
      .filter((e) => e.report === 'clubperformance' && e.status === 200);
    const perItem = new Map<string, number>();
    for (const e of clubFetches)
      perItem.set(`${e.date}/${e.district}`, (perItem.get(`${e.date}/${e.district}`) ?? 0) + 1);
    expect(perItem.size).toBe(items);
    const refetches = clubFetches.length - items;
    if (exactFetches) expect(refetches).toBe(0);
    else expect(refetches).toBeLessThanOrEqual(kills * MAX_CONCURRENT);

    // Every expected snapshot exists and parses; no torn or leftover file anywhere.
    for (const date of dates) {
      for (const district of DISTRICTS) {
        const file = path.join(dataDir, 'snapshots', date, 'districts', `${district}.json`);
        const snapshot = JSON.parse(await fs.readFile(file, 'utf8')) as { districtId: string };
        expect(snapshot.districtId).toBe(district);
      }
    }
    for (const file of await listFiles(dataDir)) {
      if (!file.endsWith('.json')) continue;
      const text = await fs.readFile(file, 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
    }
    expect((await listFiles(path.join(dataDir, 'snapshots', '.tmp'))).length).toBe(0);
    return refetches;
  }

  it('finishes correctly after repeated kill -9, one of them during a snapshot write', async () => {
    const dates = ordinaryDates('2026-03-02', 6);
    // 144 requests 20 ms apart: about 3 s of work, and each restart re-plans and re-fetches.
    const jobId = await startJob(dates, 20);
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100000);
    let random = seed;
    const next = () => ((random = (random * 48271) % 2147483647) % 1000) / 1000;
    const kills = 6;
    for (let kill = 0; kill < kills; kill++) {
      // The write-time kill comes first, while most of the job is still ahead.
      if (kill === 0) {
        await killDuringSnapshotWrite();
      } else {
        await sleep(250 + next() * 700);
        await service?.kill('SIGKILL');
      }
      service = await startService(env());
    }
    const refetches = await checkFinalState(jobId, dates, kills, false);
    process.stdout.write(
      `crash test (seed ${seed}): ${kills} kills, ${refetches} re-fetched items\n`,
    );
    // Seven service starts and the job itself: about 16 s alone on 2 cores, and more than
    // twice that beside the other suites in CI, so the default 30 s is no budget for it.
  }, 180_000);

  it('resumes after SIGTERM losing nothing, re-fetching only for items that were waiting', async () => {
    const dates = ordinaryDates('2026-03-02', 4);
    // 96 requests 50 ms apart: about 5 s, so SIGTERM lands mid-job after a flush or two.
    const jobId = await startJob(dates, 50);
    await waitUntil(
      async () => ((await api('GET', `${BASE}/${jobId}`)).body.counters.processed as number) >= 4,
    );
    const exit = await service!.kill('SIGTERM');
    expect(exit.code).toBe(0);
    const stopped = JSON.parse(
      await fs.readFile(path.join(dataDir, 'jobs', `${jobId}.json`), 'utf8'),
    );
    expect(stopped.status).toBe('running');
    expect(Date.parse(stopped.lease.expiresAt)).toBeLessThanOrEqual(Date.now());
    service = await startService(env());
    // Requests in flight finish, but an item waiting in the limiter for its next report is
    // stopped at once and redone on resume, re-fetching what it had: at most one such item
    // per concurrent slot.
    await checkFinalState(jobId, dates, 1, false);
  }, 180_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(10);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
