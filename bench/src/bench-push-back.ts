import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from './report';
import {
  api,
  Child,
  clearEmulatorLog,
  EmulatorLogEntry,
  emulatorLog,
  setEmulatorFaults,
  sleep,
  startEmulator,
  startService,
  waitForJob,
} from './processes';
import { round } from './stats';

/** The push-back benchmarks' view of a log entry: what the emulator answered, and when. */
type Entry = EmulatorLogEntry & { retryAfterSeconds?: number };

const COUNT_RATE = 1200;
const COUNT_EVERY_NTH = 9;
const CAP_PER_MINUTE = 100;
const CAPPED_JOB_RATE = 300;
const CAPPED_MINUTES = Number(process.env.BENCH_PUSHBACK_MINUTES ?? 3);

/**
 * 8. Push-back, count-based: the emulator answers every 9th request 429 with
 * `Retry-After: 1`. A job of more than 300 requests at 1,200/min should cost what it must:
 * its requests at the configured rate plus the second owed for each 429, nothing more.
 */
export async function benchPushBackCount(): Promise<BenchResult> {
  const emulator = await startEmulator(['--log-limit', '1000000']);
  try {
    await setEmulatorFaults(emulator, {
      rules: [{ kind: 'rate-limit', everyNth: COUNT_EVERY_NTH, retryAfterSeconds: 1 }],
    });
    return await withService(emulator, async (base) => {
      await configure(base, COUNT_RATE);
      await clearEmulatorLog(emulator);
      const created = await api<{ jobId: string }>(base, 'POST', '/api/admin/backfill', {
        jobType: 'data-collection',
        // 33 dates x 3 districts: 33 summaries + 297 district reports, before retries.
        startDate: '2025-09-01',
        endDate: '2025-10-03',
        targetDistricts: ['61', '62', '63'],
        skipExisting: false,
      });
      const job = await waitForJob(base, created.jobId);
      const log = (await emulatorLog(emulator)) as Entry[];
      const throttled = log.filter((e) => e.status === 429);
      const owedSeconds = throttled.reduce((sum, e) => sum + (e.retryAfterSeconds ?? 0), 0);
      const wallSeconds =
        (Date.parse(job.completedAt ?? '') - Date.parse(job.startedAt ?? '')) / 1000;
      const idealSeconds = (log.length / COUNT_RATE) * 60 + owedSeconds;
      const ratio = wallSeconds / idealSeconds;
      return {
        id: '8',
        title: 'Push-back, count-based (every 9th request 429, Retry-After: 1)',
        figures: [
          { label: 'job wall time / ideal', value: round(ratio, 2) },
          { label: 'job wall time (s)', value: round(wallSeconds, 1) },
          {
            label: 'ideal: requests / rate + Retry-After owed (s)',
            value: `${round(idealSeconds, 1)} = ${log.length} / ${COUNT_RATE} min + ${owedSeconds}`,
          },
          { label: 'job status, items failed', value: `${job.status}, ${job.counters.failed}` },
        ],
        target: '<= 1.5',
        met: job.status === 'completed' && ratio <= 1.5,
        notes: [
          `maxRequestsPerMinute ${COUNT_RATE}, maxConcurrent 2, minDelayMs 0, no periodic pause; emulator without latency.`,
          "Requests and 429s are counted from the emulator log; wall time is the job's startedAt to completedAt.",
        ],
      };
    });
  } finally {
    await emulator.stop();
  }
}

/**
 * 9. Push-back, rate-capped: the emulator allows 100 requests per trailing minute (429 with
 * the Retry-After its window needs) while the job is configured for 300/min. Measured over
 * whole minutes from the first request, then the job is cancelled.
 */
export async function benchPushBackCapped(): Promise<BenchResult> {
  const emulator = await startEmulator([
    '--log-limit',
    '1000000',
    '--rate-limit',
    String(CAP_PER_MINUTE),
  ]);
  try {
    return await withService(emulator, async (base) => {
      await configure(base, CAPPED_JOB_RATE);
      await clearEmulatorLog(emulator);
      const created = await api<{ jobId: string }>(base, 'POST', '/api/admin/backfill', {
        jobType: 'data-collection',
        startDate: '2025-09-01',
        endDate: '2025-12-31',
        skipExisting: false,
      });
      // A little past the whole minutes, so the last one is complete in the log.
      await sleep(CAPPED_MINUTES * 60_000 + 5_000);
      await api(base, 'DELETE', `/api/admin/backfill/${created.jobId}`);
      const all = (await emulatorLog(emulator)) as Entry[];
      const first = Date.parse(all[0]?.time ?? '');
      const end = first + CAPPED_MINUTES * 60_000;
      const log = all.filter((e) => Date.parse(e.time) < end);
      const accepted = log.filter((e) => e.status !== 429).length;
      const throttled = log.filter((e) => e.status === 429).length;
      const ofCap = accepted / (CAP_PER_MINUTE * CAPPED_MINUTES);
      const share = throttled / log.length;
      const gap = longestGapAfter429(log);
      const met = ofCap >= 0.9 && share <= 0.05 && gap.ratio <= 2;
      return {
        id: '9',
        title: `Push-back, rate-capped (emulator ${CAP_PER_MINUTE}/min, job ${CAPPED_JOB_RATE}/min)`,
        figures: [
          { label: 'achieved rate / the cap', value: round(ofCap, 3) },
          { label: 'share of requests answered 429', value: `${round(share * 100, 2)}%` },
          {
            label: 'longest wait after a 429 / its Retry-After',
            value: `${round(gap.ratio, 2)} (${round(gap.waitSeconds, 1)} s after ${gap.retryAfterSeconds} s)`,
          },
          {
            label: `requests in ${CAPPED_MINUTES} min: accepted, 429`,
            value: `${accepted}, ${throttled}`,
          },
        ],
        target: '>= 0.9 of the cap, <= 5% 429s, no gap longer than 2 Retry-After periods',
        met,
        notes: [
          `maxRequestsPerMinute ${CAPPED_JOB_RATE}, maxConcurrent 2, minDelayMs 0, no periodic pause; ${CAPPED_MINUTES} whole minutes from the first request (BENCH_PUSHBACK_MINUTES).`,
          "The emulator's limit is a sliding 60 s window in which refused requests count too; its Retry-After is the wait until a request would be accepted.",
        ],
      };
    });
  } finally {
    await emulator.stop();
  }
}

async function withService<T>(emulator: Child, body: (base: string) => Promise<T>): Promise<T> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-push-back-'));
  const service = await startService({ DATA_DIR: dataDir, DASHBOARD_BASE_URL: emulator.url });
  try {
    return await body(service.url);
  } finally {
    await service.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function configure(base: string, rpm: number): Promise<void> {
  await api(base, 'PUT', '/api/admin/backfill/config/rate-limit', {
    maxRequestsPerMinute: rpm,
    maxConcurrent: 2,
    minDelayMs: 0,
    pauseEveryRequests: 0,
  });
}

/**
 * For every 429, the time to the next request to arrive, as a multiple of the Retry-After
 * it carried; the worst of them. A request in flight when the 429 came is not the answer
 * to it, so only requests that arrived after the 429's own arrival plus its Retry-After
 * less a second (the header's whole-second rounding) count as the next one.
 */
function longestGapAfter429(log: Entry[]): {
  ratio: number;
  waitSeconds: number;
  retryAfterSeconds: number;
} {
  let worst = { ratio: 0, waitSeconds: 0, retryAfterSeconds: 0 };
  const times = log.map((e) => Date.parse(e.time));
  log.forEach((entry, i) => {
    const retryAfterSeconds = entry.retryAfterSeconds;
    if (entry.status !== 429 || !retryAfterSeconds) return;
    const next = times.find((t, j) => j > i && t >= times[i] + (retryAfterSeconds - 1) * 1000);
    if (next === undefined) return;
    const waitSeconds = (next - times[i]) / 1000;
    const ratio = waitSeconds / retryAfterSeconds;
    if (ratio > worst.ratio) worst = { ratio, waitSeconds, retryAfterSeconds };
  });
  return worst;
}
