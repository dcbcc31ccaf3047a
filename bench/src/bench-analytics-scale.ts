import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult, Figure } from './report';
import { api, BENCH_TOKEN, Child, JobView, sleep, startEmulator, startService } from './processes';
import { cpuMs, rssMiB } from './proc-io';
import { median, round } from './stats';

/** A full program year: every date the emulator serves from July 1 to June 30. */
const START = '2024-07-01';
const END = process.env.BENCH_SCALE_END ?? '2025-06-30';
const PROGRAM_YEAR = '2024-2025';
/** From here on, the first stored snapshot date is the one whose analytics are read. */
const READ_FROM = '2024-07-15';
/** A district every summary of the year holds. */
const DISTRICT = '61';
/** Set to keep (and reuse) the collected year between runs; a temp dir otherwise. */
const KEPT_DATA_DIR = process.env.BENCH_SCALE_DATA_DIR;

interface RunFigures {
  readonly job: JobView & { result?: Record<string, unknown> | null };
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  readonly districtDocs: number;
  readonly seriesMs: number[];
  readonly snapshotMs: number[];
}

/**
 * 11. Analytics at scale: collect a program year of every district with the limit off, then
 * analytics three ways (fresh, rerun unchanged, force, and force once more to see whether
 * memory grows from run to run), with API reads timed while each runs.
 */
export async function benchAnalyticsScale(): Promise<BenchResult> {
  const dataDir =
    KEPT_DATA_DIR ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'bench-analytics-scale-')));
  const emulator = await startEmulator();
  let service: Child | null = null;
  try {
    service = await start(dataDir, emulator);
    const collection = await collectYear(service);
    const bytes = await storedBytes(dataDir);
    const districtDocs = bytes.snapshotFiles;

    // Fresh: no analytics stored, a new process (as after a deployment).
    await service.stop('SIGTERM');
    await fs.rm(path.join(dataDir, 'analytics'), { recursive: true, force: true });
    service = await start(dataDir, emulator);
    // A date early in the year, so its analytics can be read for most of a run.
    const readDate = bytes.dates.find((date) => date >= READ_FROM) ?? START;
    const fresh = await runAnalytics(service, {}, districtDocs, readDate);
    const unchanged = await runAnalytics(service, {}, 0, readDate);
    const forced = await runAnalytics(service, { force: true }, districtDocs, readDate);
    const again = await runAnalytics(service, { force: true }, districtDocs, readDate);

    const dates = fresh.job.counters.total;
    const ratio = bytes.snapshotBytes / bytes.rawBytes;
    const reads = [...fresh.seriesMs, ...forced.seriesMs];
    const snapshotReads = [...fresh.snapshotMs, ...forced.snapshotMs];
    const peakRss = Math.max(collection.peakRssMiB, fresh.peakRssMiB, forced.peakRssMiB);
    const met =
      fresh.wallSeconds < 20 &&
      unchanged.wallSeconds < 2 &&
      forced.wallSeconds < 20 &&
      peakRss < 250 &&
      again.peakRssMiB <= forced.peakRssMiB * 1.1 &&
      ratio <= 1.0 &&
      median(reads) < 50 &&
      median(snapshotReads) < 50 &&
      unchanged.job.counters.total === 0;
    return {
      id: '11',
      title: 'Analytics at scale (a program year of every district)',
      figures: [
        { label: 'collected items', value: collection.items },
        { label: 'collection wall time', value: round(collection.wallSeconds, 0), unit: 's' },
        { label: 'collection peak RSS', value: round(collection.peakRssMiB, 0), unit: 'MiB' },
        { label: 'snapshot dates', value: dates },
        { label: 'district documents', value: districtDocs },
        { label: 'snapshot bytes', value: round(bytes.snapshotBytes / 2 ** 20, 1), unit: 'MiB' },
        { label: 'raw district CSV bytes', value: round(bytes.rawBytes / 2 ** 20, 1), unit: 'MiB' },
        { label: 'snapshots / raw', value: round(ratio, 3), unit: 'x' },
        ...runFigures('fresh', fresh, dates),
        ...runFigures('unchanged rerun', unchanged, 0),
        ...runFigures('force', forced, dates),
        { label: 'force again: peak RSS', value: round(again.peakRssMiB, 0), unit: 'MiB' },
        { label: 'GET series median, during runs', value: round(median(reads), 1), unit: 'ms' },
        {
          label: 'GET snapshot analytics median, during runs',
          value: round(median(snapshotReads), 1),
          unit: 'ms',
        },
        { label: 'unchanged rerun: dates computed', value: unchanged.job.counters.total },
      ],
      target:
        'fresh < 20 s, unchanged rerun < 2 s, force < 20 s, peak RSS < 250 MiB and no growth run to run, snapshot bytes <= 1.0x raw, median reads < 50 ms',
      met,
      notes: [
        `${START}..${END}, every district of each summary, limit off (60,000/min, 8 in flight), the service started as npm start starts it (tools/service-node-flags.json).`,
        'Wall time from the create request to the job read back as completed; CPU time of the service process (all threads) over the same span; RSS sampled every 250 ms from /proc.',
        `Reads: GET the ${DISTRICT} ${PROGRAM_YEAR} series and one computed date's analytics, alternately every 100 ms while a run goes on.`,
        'Bytes: district snapshot files against the three district CSVs they were built from (summaries excluded on both sides).',
      ],
    };
  } finally {
    await service?.stop('SIGKILL');
    await emulator.stop();
    if (!KEPT_DATA_DIR) await fs.rm(dataDir, { recursive: true, force: true });
  }
}

function start(dataDir: string, emulator: Child): Promise<Child> {
  return startService({ DATA_DIR: dataDir, DASHBOARD_BASE_URL: emulator.url });
}

function pidOf(service: Child): number {
  const pid = service.process.pid;
  if (pid === undefined) throw new Error('service has no pid');
  return pid;
}

async function collectYear(service: Child) {
  await api(service.url, 'PUT', '/api/admin/backfill/config/rate-limit', {
    maxRequestsPerMinute: 60_000,
    maxConcurrent: 8,
    minDelayMs: 0,
    pauseEveryRequests: 0,
  });
  const pid = pidOf(service);
  const started = Date.now();
  const created = await api<{ jobId: string }>(service.url, 'POST', '/api/admin/backfill', {
    jobType: 'data-collection',
    startDate: START,
    endDate: END,
    // A kept data directory is collected once; later runs find every cell stored.
    skipExisting: true,
  });
  let peakRssMiB = 0;
  let job: JobView;
  for (;;) {
    peakRssMiB = Math.max(peakRssMiB, rssMiB(pid));
    job = await api<JobView>(service.url, 'GET', `/api/admin/backfill/${created.jobId}`);
    if (['completed', 'failed', 'cancelled'].includes(job.status)) break;
    await sleep(250);
  }
  if (job.status !== 'completed') throw new Error(`the collection ended ${job.status}`);
  return { items: job.counters.total, wallSeconds: (Date.now() - started) / 1000, peakRssMiB };
}

async function runAnalytics(
  service: Child,
  options: { force?: boolean },
  districtDocs: number,
  readDate: string,
): Promise<RunFigures> {
  const pid = pidOf(service);
  const cpuBefore = cpuMs(pid);
  const started = Date.now();
  const created = await api<{ jobId: string }>(service.url, 'POST', '/api/admin/backfill', {
    jobType: 'analytics-generation',
    ...options,
  });
  let peakRssMiB = rssMiB(pid);
  let done = false;
  const seriesMs: number[] = [];
  const snapshotMs: number[] = [];
  const reader = (async () => {
    for (let i = 0; !done; i++) {
      const route =
        i % 2 === 0
          ? `/api/admin/analytics/districts/${DISTRICT}/series/${PROGRAM_YEAR}`
          : `/api/admin/analytics/snapshots/${readDate}`;
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${service.url}${route}`, {
        headers: { authorization: `Bearer ${BENCH_TOKEN}` },
      }).catch(() => null);
      await res?.arrayBuffer();
      // Only answers that found data count: before the first date is stored there is none.
      if (res?.status === 200) {
        (i % 2 === 0 ? seriesMs : snapshotMs).push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      await sleep(100);
    }
  })();
  let job: RunFigures['job'];
  for (;;) {
    peakRssMiB = Math.max(peakRssMiB, rssMiB(pid));
    job = await api<RunFigures['job']>(service.url, 'GET', `/api/admin/backfill/${created.jobId}`);
    if (['completed', 'failed', 'cancelled'].includes(job.status)) break;
    await sleep(250);
  }
  const wallSeconds = (Date.now() - started) / 1000;
  const cpuSeconds = (cpuMs(pid) - cpuBefore) / 1000;
  done = true;
  await reader;
  if (job.status !== 'completed' || job.counters.failed > 0) {
    throw new Error(`analytics ended ${job.status} with ${job.counters.failed} failed items`);
  }
  return { job, wallSeconds, cpuSeconds, peakRssMiB, districtDocs, seriesMs, snapshotMs };
}

function runFigures(name: string, run: RunFigures, dates: number): Figure[] {
  const perSecond = (count: number) => round(count / Math.max(run.wallSeconds, 0.001), 0);
  return [
    { label: `${name}: wall time`, value: round(run.wallSeconds, 2), unit: 's' },
    { label: `${name}: CPU time`, value: round(run.cpuSeconds, 2), unit: 's' },
    ...(dates > 0
      ? [
          { label: `${name}: snapshot dates/s`, value: perSecond(dates) },
          { label: `${name}: district docs/s`, value: perSecond(run.districtDocs) },
        ]
      : []),
    { label: `${name}: peak RSS`, value: round(run.peakRssMiB, 0), unit: 'MiB' },
  ];
}

/** Stored district snapshots against the district CSVs they were built from. */
async function storedBytes(dataDir: string) {
  let snapshotBytes = 0;
  let snapshotFiles = 0;
  let rawBytes = 0;
  const snapshots = path.join(dataDir, 'snapshots');
  const dates = (await fs.readdir(snapshots)).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name));
  for (const date of dates.sort()) {
    const dir = path.join(snapshots, date, 'districts');
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue;
      snapshotBytes += (await fs.stat(path.join(dir, name))).size;
      snapshotFiles++;
    }
  }
  const raw = path.join(dataDir, 'raw');
  for (const date of await fs.readdir(raw)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    for (const entry of await fs.readdir(path.join(raw, date), { withFileTypes: true })) {
      // District folders hold the three district CSVs; the summary sits beside them.
      if (!entry.isDirectory()) continue;
      const dir = path.join(raw, date, entry.name);
      for (const name of await fs.readdir(dir)) {
        if (name.endsWith('.csv')) rawBytes += (await fs.stat(path.join(dir, name))).size;
      }
    }
  }
  return { snapshotBytes, snapshotFiles, rawBytes, dates };
}
