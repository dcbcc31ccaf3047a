import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import autocannon from 'autocannon';
import type { BenchResult } from './report';
import * as path from 'node:path';
import { BENCH_TOKEN, api, sleep, startChild, startEmulator, startService } from './processes';
import { seedJobsDir } from './seed-jobs';
import { median, round } from './stats';

const RATE = 200;
/**
 * The job's pace drifts by up to a fifth over a minute (warm-up, the dates it is on), more
 * than the effect measured, so loaded and quiet phases alternate in short rounds and each
 * loaded phase is compared with the quiet phases on either side of it.
 */
const PHASE_SECONDS = 6;
const ROUNDS = 3;
const DISTRICTS = 20;
/**
 * Long enough to outlast every phase: about 6,000 items, every one downloaded (closing days
 * too, so the month-end rule cannot shorten the job), at some 50-60 items/s.
 */
const JOB_DATES = { startDate: '2025-03-01', endDate: '2025-12-31' };
/**
 * Enough connections that each sends one request per 20 ms, longer than any healthy
 * response; more only add the generator's own jitter (see the control figure).
 */
const CONNECTIONS = 4;

const WARM_UP_SECONDS = 4;

function offeredLoad(
  url: string,
  requests: autocannon.Request[],
  seconds = PHASE_SECONDS,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    overallRate: RATE,
    headers: { authorization: `Bearer ${BENCH_TOKEN}` },
    requests,
  });
}

/** What the console asks while it shows a running job: its status, and the history. */
function serviceRequests(jobId: string): autocannon.Request[] {
  return [
    { method: 'GET', path: `/api/admin/backfill/${jobId}` },
    { method: 'GET', path: '/api/admin/backfill/jobs?limit=20' },
  ];
}

/**
 * 5. API under load while a job runs: GET /:jobId and GET /jobs at a fixed offered load,
 * and how much the job slows down meanwhile (against quiet phases around each loaded one).
 */
export async function benchApiLoad(): Promise<BenchResult> {
  // The same load against a server that does nothing: the floor of the measurement, for
  // latency, and for the job, what the load generator alone costs it on these two cores.
  const control = await startChild(path.join(__dirname, 'trivial-server.js'), [], {});
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
      ...JOB_DATES,
      closingDays: 'every',
      targetDistricts: Array.from({ length: DISTRICTS }, (_, i) => String(i + 40)),
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
    const quietPhase = () => itemsPerSecond(() => sleep(PHASE_SECONDS * 1000));
    // Past planning and the first items, which run slower while the code warms up.
    while ((await finished()) < 150) await sleep(100);
    // And a service that has been answering for a while: the first seconds of load run the
    // API's code cold (the first loaded round lost twice what the later ones did).
    await offeredLoad(service.url, serviceRequests(jobId), WARM_UP_SECONDS);

    const controlLoads: autocannon.Result[] = [];
    const serviceLoads: autocannon.Result[] = [];
    const quiet: number[] = [await quietPhase()];
    const duringControl: number[] = [];
    const duringLoad: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      duringControl.push(
        await itemsPerSecond(async () => {
          controlLoads.push(await offeredLoad(control.url, [{ method: 'GET', path: '/' }]));
        }),
      );
      quiet.push(await quietPhase());
      duringLoad.push(
        await itemsPerSecond(async () => {
          serviceLoads.push(await offeredLoad(service.url, serviceRequests(jobId)));
        }),
      );
      quiet.push(await quietPhase());
    }
    const { status } = await api<{ status: string }>(
      service.url,
      'GET',
      `/api/admin/backfill/${jobId}`,
    );
    if (status !== 'running') throw new Error(`the job ended (${status}) before the phases did`);

    // Phase i of a kind sits between quiet phases 2i and 2i+1 (control) or 2i+1 and 2i+2.
    const dropAgainstNeighbours = (rates: number[], offset: number): number =>
      median(
        rates.map(
          (rate, i) => 1 - rate / ((quiet[2 * i + offset] + quiet[2 * i + offset + 1]) / 2),
        ),
      );
    const drop = dropAgainstNeighbours(duringLoad, 1);
    const generatorDrop = dropAgainstNeighbours(duringControl, 0);
    const latency = (loads: autocannon.Result[], key: 'p50' | 'p99'): number =>
      median(loads.map((l) => l.latency[key]));
    const worstP99 = Math.max(...serviceLoads.map((l) => l.latency.p99));
    const p99 = latency(serviceLoads, 'p99');
    const errors = serviceLoads.reduce((sum, l) => sum + l.errors + l.non2xx + l.timeouts, 0);
    const served = median(serviceLoads.map((l) => l.requests.average));
    const rates = (values: number[]) => values.map((v) => round(v, 1)).join(', ');
    return {
      id: '5',
      title: 'API under load while a job runs',
      figures: [
        { label: 'offered load', value: RATE, unit: 'requests/s' },
        { label: 'served (median of the rounds)', value: round(served, 0), unit: 'requests/s' },
        {
          label: 'latency p50 / p99 (medians of the rounds; worst p99)',
          value: `${latency(serviceLoads, 'p50')} / ${p99}; ${worstP99}`,
          unit: 'ms',
        },
        {
          label: 'control: same load on a do-nothing server, p50 / p99',
          value: `${latency(controlLoads, 'p50')} / ${latency(controlLoads, 'p99')}`,
          unit: 'ms',
        },
        { label: 'errors (incl. non-2xx, timeouts)', value: errors },
        { label: 'job items/s, quiet phases', value: rates(quiet) },
        { label: 'job items/s under load', value: rates(duringLoad) },
        { label: 'job throughput drop (median of the rounds)', value: `${round(drop * 100, 1)}%` },
        {
          label: 'control: job items/s while the load goes to the do-nothing server',
          value: rates(duringControl),
        },
        {
          label: "job throughput drop: the generator's own share / the service's API",
          value: `${round(generatorDrop * 100, 1)}% / ${round((drop - generatorDrop) * 100, 1)}%`,
        },
      ],
      target: 'p99 < 20 ms at 200 requests/s, no errors, job throughput drops < 10%',
      met: p99 < 20 && errors === 0 && drop < 0.1,
      notes: [
        `autocannon alternates GET /{jobId} and GET /jobs?limit=20 over ${CONNECTIONS} connections; 1,000 finished jobs are stored.`,
        'The control runs the same autocannon load against a trivial HTTP server in its own process, while the job runs: latency below it is not measurable here (with 10 connections its p99 was about 25 ms on this machine).',
        `${ROUNDS} rounds of ${PHASE_SECONDS} s phases: control load, quiet, service load, quiet (after a first quiet phase). Item throughput is read from the job ledger; each loaded phase is compared with the mean of the quiet phases either side of it, because the job's own pace drifts.`,
        "The load generator runs in the benchmark's process on the same two cores as the job: its own share of the drop is measured by sending the same load to the do-nothing server while the job runs (a phase of its own); the rest is the service's API work. The target is judged on the whole drop.",
      ],
    };
  } finally {
    // A killed service writes no CPU profile; with profiling flags it is stopped gracefully.
    await service.stop(process.env.BENCH_SERVICE_FLAGS ? 'SIGINT' : 'SIGKILL');
    await emulator.stop();
    await control.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
