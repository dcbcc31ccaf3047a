import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from './report';
import { api, emulatorLog, startEmulator, startService, sleep, waitForJob } from './processes';
import { median, round } from './stats';

const KILLS = 5;
const MAX_CONCURRENT = 4;

/**
 * 6. Recovery: after `kill -9`, time from the new process's start to its first resumed
 * item, and how many items were fetched again per kill.
 */
export async function benchRecovery(): Promise<BenchResult> {
  const emulator = await startEmulator(['--latency-ms', '20', '--log-limit', '1000000']);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-recovery-'));
  const env = { DATA_DIR: dataDir, DASHBOARD_BASE_URL: emulator.url };
  const ledgerLines = async (jobId: string): Promise<number> => {
    const text = await fs
      .readFile(path.join(dataDir, 'jobs', `${jobId}.ledger.jsonl`), 'utf8')
      .catch(() => '');
    return text.split('\n').filter(Boolean).length;
  };
  const resumeMs: number[] = [];
  let service = await startService(env);
  try {
    await api(service.url, 'PUT', '/api/admin/backfill/config/rate-limit', {
      maxRequestsPerMinute: 60_000,
      maxConcurrent: MAX_CONCURRENT,
      minDelayMs: 0,
      // No politeness pause: the job runs flat out between kills, as in earlier runs.
      pauseEveryRequests: 0,
    });
    const created = await api<{ jobId: string }>(service.url, 'POST', '/api/admin/backfill', {
      jobType: 'data-collection',
      startDate: '2026-02-02',
      endDate: '2026-02-11',
      targetDistricts: Array.from({ length: 16 }, (_, i) => String(i + 40)),
    });
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(800);
      await service.stop('SIGKILL');
      const before = await ledgerLines(created.jobId);
      service = await startService(env);
      for (;;) {
        if ((await ledgerLines(created.jobId)) > before) break;
        await sleep(5);
      }
      resumeMs.push(Date.now() - service.startedAtMs);
    }
    const job = await waitForJob(service.url, created.jobId);
    const clubs = (await emulatorLog(emulator)).filter(
      (e) => e.report === 'clubperformance' && e.status === 200,
    );
    const refetched = clubs.length - new Set(clubs.map((e) => `${e.date}/${e.district}`)).size;
    const perKill = refetched / KILLS;
    return {
      id: '6',
      title: 'Recovery after kill -9',
      figures: [
        {
          label: 'process start to first resumed item, median',
          value: round(median(resumeMs), 0),
          unit: 'ms',
        },
        {
          label: 'process start to first resumed item, worst',
          value: Math.max(...resumeMs),
          unit: 'ms',
        },
        { label: 'items re-fetched per kill', value: round(perKill, 1) },
        {
          label: 'job result',
          value: `${job.status}, ${job.counters.processed} items`,
        },
      ],
      target: `under 2 s to the first resumed item; at most maxConcurrent (${MAX_CONCURRENT}) re-fetches per kill`,
      met: Math.max(...resumeMs) < 2000 && perKill <= MAX_CONCURRENT,
      notes: [`${KILLS} kills of the built service; the time includes Node and Nest start-up.`],
    };
  } finally {
    await service.stop('SIGKILL');
    await emulator.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
