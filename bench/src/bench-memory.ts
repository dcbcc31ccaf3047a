import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from './report';
import { api, JobView, startEmulator, startService, sleep } from './processes';
import { rssMiB } from './proc-io';
import { round } from './stats';

const DATES = Number(process.env.BENCH_MEMORY_DATES ?? 365);

/** 7. Memory: peak RSS of the service while it runs a ~50,000-item job (a year x 128 districts). */
export async function benchMemory(): Promise<BenchResult> {
  const emulator = await startEmulator();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-memory-'));
  const service = await startService({ DATA_DIR: dataDir, DASHBOARD_BASE_URL: emulator.url });
  const pid = service.process.pid;
  if (pid === undefined) throw new Error('service has no pid');
  try {
    await api(service.url, 'PUT', '/api/admin/backfill/config/rate-limit', {
      maxRequestsPerMinute: 60_000,
      maxConcurrent: 8,
      minDelayMs: 0,
      // No politeness pause: the job runs flat out, as in earlier runs, so figures compare.
      pauseEveryRequests: 0,
    });
    const start = new Date(Date.UTC(2024, 6, 1));
    const end = new Date(start.getTime() + (DATES - 1) * 86_400_000);
    const created = await api<{ jobId: string }>(service.url, 'POST', '/api/admin/backfill', {
      jobType: 'data-collection',
      startDate: start.toISOString().slice(0, 10),
      endDate: end.toISOString().slice(0, 10),
      skipExisting: false,
    });
    const samples: { progress: number; rss: number }[] = [];
    let job: JobView;
    const started = Date.now();
    for (;;) {
      job = await api<JobView>(service.url, 'GET', `/api/admin/backfill/${created.jobId}`);
      const total = job.counters.total;
      samples.push({
        progress: total > 0 ? job.counters.processed / total : 0,
        rss: rssMiB(pid),
      });
      if (['completed', 'failed', 'cancelled'].includes(job.status)) break;
      await sleep(1000);
    }
    const peak = Math.max(...samples.map((s) => s.rss));
    const quarter = (from: number, to: number) => {
      const inRange = samples
        .filter((s) => s.progress >= from && s.progress < to)
        .map((s) => s.rss);
      return inRange.length ? Math.max(...inRange) : NaN;
    };
    const early = quarter(0.05, 0.3);
    const late = quarter(0.7, 1.01);
    return {
      id: '7',
      title: 'Memory while running a large job',
      figures: [
        { label: 'items', value: job.counters.total },
        {
          label: 'job status',
          value: `${job.status} in ${round((Date.now() - started) / 60_000, 1)} min`,
        },
        { label: 'peak RSS', value: round(peak, 0), unit: 'MiB' },
        { label: 'peak RSS, 5-30% done', value: round(early, 0), unit: 'MiB' },
        { label: 'peak RSS, 70-100% done', value: round(late, 0), unit: 'MiB' },
      ],
      target: 'peak RSS under 250 MB and flat over the job',
      met: peak < 250 && late <= early * 1.2,
      notes: [
        `RSS sampled once a second from /proc; ${DATES} dates x every district of each date's summary.`,
        'The service runs as npm start runs it: node with tools/service-node-flags.json, api/dist/main.js.',
      ],
    };
  } finally {
    await service.stop('SIGKILL');
    await emulator.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
