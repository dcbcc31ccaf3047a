import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult, Figure } from './report';
import {
  api,
  clearEmulatorLog,
  emulatorLog,
  startEmulator,
  startService,
  Child,
} from './processes';
import { round } from './stats';

const RATES = [600, 1200];
const RUN_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 20);
const WINDOW_SECONDS = 10;

/**
 * 4. Rate-limit fidelity: the rate the emulator actually saw, as a ratio of the configured
 * one, and the busiest sliding window, scaled to the window length for short runs.
 */
export async function benchRate(): Promise<BenchResult> {
  const emulator = await startEmulator(['--log-limit', '1000000']);
  const figures: Figure[] = [];
  let met = true;
  try {
    for (const rpm of RATES) {
      const { ratio, busiest, allowed } = await measure(emulator, rpm);
      figures.push(
        { label: `${rpm}/min: achieved / configured`, value: round(ratio, 3) },
        {
          label: `${rpm}/min: busiest ${WINDOW_SECONDS} s window (allowed)`,
          value: `${busiest} (${allowed})`,
        },
      );
      met &&= ratio >= 0.97 && ratio <= 1.0 && busiest <= allowed;
    }
  } finally {
    await emulator.stop();
  }
  return {
    id: '4',
    title: 'Rate-limit fidelity',
    figures,
    target: 'achieved 0.97-1.00 of the configured rate; never above it in any window',
    met,
    notes: [
      `Each rate runs a real job for ${RUN_SECONDS} s with minDelayMs = 60000 / rate; the rate is read from the emulator's request log.`,
      `Window check: at most rate × ${WINDOW_SECONDS} / 60 + 1 requests in any ${WINDOW_SECONDS} s window (the run is shorter than 60 s).`,
    ],
  };
}

async function measure(emulator: Child, rpm: number) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-rate-'));
  const service = await startService({ DATA_DIR: dataDir, DASHBOARD_BASE_URL: emulator.url });
  try {
    await api(service.url, 'PUT', '/api/admin/backfill/config/rate-limit', {
      maxRequestsPerMinute: rpm,
      maxConcurrent: 8,
      minDelayMs: Math.floor(60_000 / rpm),
      // No politeness pause: fidelity is measured against the configured rate alone.
      pauseEveryRequests: 0,
    });
    await clearEmulatorLog(emulator);
    const created = await api<{ jobId: string }>(service.url, 'POST', '/api/admin/backfill', {
      jobType: 'data-collection',
      startDate: '2025-09-01',
      endDate: '2025-12-31',
      skipExisting: false,
    });
    await new Promise((r) => setTimeout(r, RUN_SECONDS * 1000));
    await api(service.url, 'DELETE', `/api/admin/backfill/${created.jobId}`);
    const times = (await emulatorLog(emulator))
      .map((e) => Date.parse(e.time))
      .sort((a, b) => a - b);
    const spanMinutes = (times[times.length - 1] - times[0]) / 60_000;
    const ratio = (times.length - 1) / spanMinutes / rpm;
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= WINDOW_SECONDS * 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    return { ratio, busiest, allowed: Math.floor((rpm * WINDOW_SECONDS) / 60) + 1 };
  } finally {
    await service.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
