import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { RunningEmulator, startDashboardEmulator } from 'dashboard-emulator';
import { SnapshotStore } from '../src/storage/snapshot-store';
import { ordinaryDates } from './factories/emulator-dates';
import { TestApp, startTestApp } from './factories/test-app';

/**
 * Disk trouble for real: the snapshot tree lives on a tiny tmpfs that fills up (ENOSPC)
 * or is remounted read-only (EROFS). Needs root to mount, as CI and the dev machines have;
 * without it the test fails loudly rather than skipping.
 */
const BASE = '/api/admin/backfill';
// No politeness pause either: it would only slow the jobs these tests fill the disk with.
const FAST = { maxRequestsPerMinute: 6000, maxConcurrent: 2, minDelayMs: 0, pauseEveryRequests: 0 };

describe('disk trouble', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let mountPoint: string;

  beforeEach(async () => {
    emulator = await startDashboardEmulator({ port: 0 });
    t = await startTestApp({ env: { DASHBOARD_BASE_URL: emulator.url } });
    mountPoint = path.join(t.dataDir, 'snapshots');
    await fs.mkdir(mountPoint, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mountPoint]);
    await request(t.app.getHttpServer())
      .put(`${BASE}/config/rate-limit`)
      .set(t.auth)
      .send(FAST)
      .expect(200);
  });

  afterEach(async () => {
    await t.runner.whenIdle();
    execFileSync('umount', ['-l', mountPoint]);
    await t.close();
    await emulator.close();
  });

  async function runJob(dates: string[], districts: string[]) {
    const server = t.app.getHttpServer();
    const created = await request(server)
      .post(BASE)
      .set(t.auth)
      .send({
        jobType: 'data-collection',
        startDate: dates[0],
        endDate: dates[dates.length - 1],
        targetDistricts: districts,
      })
      .expect(202);
    await t.runner.whenIdle();
    return (await request(server).get(`${BASE}/${created.body.jobId}`).set(t.auth).expect(200))
      .body;
  }

  async function fillDisk(): Promise<void> {
    // Leave no room: write until the file system says ENOSPC.
    const filler = await fs.open(path.join(mountPoint, 'filler'), 'w');
    try {
      for (;;) await filler.write(Buffer.alloc(4096));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      await filler.close();
    }
  }

  async function expectStoredDataIntact(date: string, district: string): Promise<void> {
    const snapshot = await t.app.get(SnapshotStore).getDistrictSnapshot(date, district);
    expect(snapshot?.districtId).toBe(district);
    const text = await fs.readFile(
      path.join(mountPoint, date, 'districts', `${district}.json`),
      'utf8',
    );
    expect(() => JSON.parse(text)).not.toThrow();
  }

  it('fails items with a clear reason when the disk is full, then the job with STORAGE_ERROR, keeping stored data', async () => {
    const dates = ordinaryDates('2026-03-02', 3);
    const good = await runJob(dates, ['61']);
    expect(good.status).toBe('completed');
    await fillDisk();

    const job = await runJob(dates, ['62', '63', '64']);
    expect(job.status).toBe('failed');
    expect(job.failureReason).toMatch(/^STORAGE_ERROR/);
    expect(job.errors[0].message).toContain('no space left on the device');
    expect(job.counters.processed).toBeLessThan(9);
    await expectStoredDataIntact(dates[0], '61');
    // The job's own record stays readable and consistent with its ledger.
    const ledger = (
      await fs.readFile(path.join(t.dataDir, 'jobs', `${job.id}.ledger.jsonl`), 'utf8')
    )
      .trim()
      .split('\n');
    expect(ledger).toHaveLength(job.counters.processed);
  });

  it('fails the job at once with STORAGE_ERROR when planning cannot store a summary', async () => {
    await fillDisk();
    const job = await runJob(ordinaryDates('2026-03-02', 1), ['61']);
    expect(job.status).toBe('failed');
    expect(job.failureReason).toMatch(
      /^STORAGE_ERROR: Planning failed: .*no space left on the device/,
    );
  });

  it('fails with a clear reason on a read-only data directory and keeps what was stored', async () => {
    const [first] = ordinaryDates('2026-03-02', 1);
    await runJob([first], ['61']);
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const job = await runJob([first], ['62', '63', '64', '65', '66', '67']);
    expect(job.status).toBe('failed');
    expect(job.failureReason).toMatch(/^STORAGE_ERROR/);
    expect(job.errors[0].message).toContain('read-only');
    await expectStoredDataIntact(first, '61');
  });
});
