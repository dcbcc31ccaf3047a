import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import autocannon from 'autocannon';
import type { BenchResult } from './report';
import * as path from 'node:path';
import { BENCH_TOKEN, api, sleep, startChild, startEmulator, startService } from './processes';
import { seedJobsDir } from './seed-jobs';
import { round } from './stats';

const RATE = 200;
const PHASE_SECONDS = 10;
/**
 * Enough connections that each sends one request per 20 ms, longer than any healthy
 * response; more only add the generator's own jitter (see the control figure).
 */
const CONNECTIONS = 4;

function offeredLoad(url: string, requests: autocannon.Request[]): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: PHASE_SECONDS,
    overallRate: RATE,
    headers: { authorization: `Bearer ${BENCH_TOKEN}` },
    requests,
  });
}

/** The same load against a server that does nothing: the floor of the measurement. */
async function controlLatency(): Promise<autocannon.Result> {
  const control = await startChild(path.join(__dirname, 'trivial-server.js'), [], {});
  try {
    return await offeredLoad(control.url, [{ method: 'GET', path: '/' }]);
  } finally {
    await control.stop();
  }
}

/**
 * 5. API under load while a job runs: GET /:jobId and GET /jobs at a fixed offered load,
 * and how much the job slows down meanwhile (phases without load before and after).
 */
export async function benchApiLoad(): Promise<BenchResult> {
  const control = await controlLatency();
  const emulator = await startEmulator(['--latency-ms', '40']);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-load-'));
  await seedJobsDir(dataDir, 1000);
  const service = await startService({ DATA_DIR: dataDir, DASHBOARD_BASE_URL: emulator.url });
  const ledger = path.join(dataDir, 'jobs');
  try {
    await api(service.url, 'PUT', '/api/admin/backfill/config/rate-limit', {
      maxRequestsPerMinute: 60_000,
      maxConcurrent: 4,
      minDelayMs: 0,
      // No politeness pause: the job's throughput is measured, comparable with earlier runs.
      pauseEveryRequests: 0,
    });
    const { jobId } = await api<{ jobId: string }>(service.url, 'POST', '/api/admin/backfill', {
      jobType: 'data-collection',
      startDate: '2025-10-15',
      endDate: '2025-12-31',
      targetDistricts: Array.from({ length: 20 }, (_, i) => String(i + 40)),
      skipExisting: false,
    });
    const finished = async (): Promise<number> => {
      const text = await fs
        .readFile(path.join(ledger, `${jobId}.ledger.jsonl`), 'utf8')
        .catch(() => '');
      return text.split('\n').filter(Boolean).length;
    };
    const itemsPerSecond = async (during: () => Promise<unknown>): Promise<number> => {
      const before = await finished();
      const start = Date.now();
      await during();
      return ((await finished()) - before) / ((Date.now() - start) / 1000);
    };
    while ((await finished()) < 20) await sleep(100); // past planning, into the items
    const quietBefore = await itemsPerSecond(() => sleep(PHASE_SECONDS * 1000));
    let load!: autocannon.Result;
    const loaded = await itemsPerSecond(async () => {
      load = await offeredLoad(service.url, [
        { method: 'GET', path: `/api/admin/backfill/${jobId}` },
        { method: 'GET', path: '/api/admin/backfill/jobs?limit=20' },
      ]);
    });
    const quietAfter = await itemsPerSecond(() => sleep(PHASE_SECONDS * 1000));
    const quiet = (quietBefore + quietAfter) / 2;
    const drop = 1 - loaded / quiet;
    const errors = load.errors + load.non2xx + load.timeouts;
    return {
      id: '5',
      title: 'API under load while a job runs',
      figures: [
        { label: 'offered load', value: RATE, unit: 'requests/s' },
        { label: 'served', value: round(load.requests.average, 0), unit: 'requests/s' },
        {
          label: 'latency p50 / p99',
          value: `${load.latency.p50} / ${load.latency.p99}`,
          unit: 'ms',
        },
        {
          label: 'control: same load on a do-nothing server, p50 / p99',
          value: `${control.latency.p50} / ${control.latency.p99}`,
          unit: 'ms',
        },
        { label: 'errors (incl. non-2xx, timeouts)', value: errors },
        {
          label: 'job items/s without load (before, after)',
          value: `${round(quietBefore, 1)}, ${round(quietAfter, 1)}`,
        },
        { label: 'job items/s under load', value: round(loaded, 1) },
        { label: 'job throughput drop', value: `${round(drop * 100, 1)}%` },
      ],
      target: 'p99 < 20 ms at 200 requests/s, no errors, job throughput drops < 10%',
      met: load.latency.p99 < 20 && errors === 0 && drop < 0.1,
      notes: [
        `autocannon alternates GET /{jobId} and GET /jobs?limit=20 over ${CONNECTIONS} connections; 1,000 finished jobs are stored.`,
        'The control runs the same autocannon load against a trivial HTTP server in its own process: latency below it is not measurable here (with 10 connections its p99 was about 25 ms on this machine).',
        'Item throughput is read from the job ledger; the quiet figure is the mean of the phases before and after the load.',
      ],
    };
  } finally {
    // A killed service writes no CPU profile; with profiling flags it is stopped gracefully.
    await service.stop(process.env.BENCH_SERVICE_FLAGS ? 'SIGINT' : 'SIGKILL');
    await emulator.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
