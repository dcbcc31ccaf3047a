import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { datesInRange } from 'api/dist/common/utc-dates';
import { isMissingDate, resolveDataPeriod } from 'dashboard-emulator';
import type { BenchResult } from './report';
import {
  api,
  clearEmulatorLog,
  emulatorLog,
  startEmulator,
  startService,
  waitForJob,
  Child,
} from './processes';
import { round } from './stats';

const START = '2025-02-20';
const END = '2025-04-15';
const DISTRICTS = ['01', '02', '03', '04', '06', '07', '08', '09'];
const UNLIMITED = {
  maxRequestsPerMinute: 60_000,
  maxConcurrent: 4,
  minDelayMs: 0,
  maxDelayMs: 1000,
  backoffMultiplier: 2,
  pauseEveryRequests: 0,
  pauseMs: 0,
};

/**
 * The emulator's own account of the range: per snapshot date, the last collection date of
 * the range whose data lands there. Those are the final figures; nothing else survives.
 */
function finalCollections(): Map<string, string> {
  const last = new Map<string, string>();
  for (const date of datesInRange(START, END)) {
    if (isMissingDate(date)) continue;
    const { snapshotDate } = resolveDataPeriod(date);
    const current = last.get(snapshotDate);
    if (current === undefined || date > current) last.set(snapshotDate, date);
  }
  return last;
}

interface ModeFigures {
  requests: number;
  seconds: number;
  superseded: number;
  finalMonthEnds: number;
  monthEnds: number;
}

/**
 * 8. Closing-period requests: a data-collection job over a range with two month ends and
 * their closing periods, against the emulator, on an empty data directory. Upstream requests
 * against the least any job could make (a summary per date plus three reports per district
 * for each date whose data survives in the final snapshots), and the share of month-end
 * snapshots holding the last closing day's collection. The same job with closingDays
 * `every` beside it.
 */
export async function benchClosingPeriod(): Promise<BenchResult> {
  const emulator = await startEmulator(['--log-limit', '1000000']);
  try {
    const last = await runMode(emulator, 'last');
    const every = await runMode(emulator, 'every');
    const dates = datesInRange(START, END).length;
    const surviving = finalCollections().size;
    const minimum = dates + 3 * DISTRICTS.length * surviving;
    const ratio = last.requests / minimum;
    const share = last.finalMonthEnds / last.monthEnds;
    return {
      id: '10',
      title: 'Closing-period requests',
      figures: [
        { label: 'minimum requests', value: minimum },
        { label: 'requests, closingDays last', value: last.requests },
        { label: 'requests / minimum, last', value: round(ratio, 3) },
        { label: 'requests, closingDays every', value: every.requests },
        { label: 'requests / minimum, every', value: round(every.requests / minimum, 3) },
        { label: 'items superseded, last', value: last.superseded },
        {
          label: 'month-end snapshots from the last closing day, last',
          value: `${last.finalMonthEnds} / ${last.monthEnds}`,
        },
        {
          label: 'month-end snapshots from the last closing day, every',
          value: `${every.finalMonthEnds} / ${every.monthEnds}`,
        },
        {
          label: 'job duration, last / every',
          value: `${last.seconds} / ${every.seconds}`,
          unit: 's',
        },
      ],
      target: 'requests / minimum <= 1.05 and 100% of month ends from the last closing day',
      met: ratio <= 1.05 && share === 1,
      notes: [
        `${START}..${END} (${dates} dates, ${surviving} of them surviving in the final snapshots), districts ${DISTRICTS.join(', ')}; each mode on an empty data directory, skipExisting on.`,
        'Emulator in its own process without latency or faults; rate limit off, 4 requests in flight.',
      ],
    };
  } finally {
    await emulator.stop();
  }
}

async function runMode(emulator: Child, closingDays: 'last' | 'every'): Promise<ModeFigures> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-closing-'));
  const service = await startService({ DATA_DIR: dataDir, DASHBOARD_BASE_URL: emulator.url });
  try {
    await api(service.url, 'PUT', '/api/admin/backfill/config/rate-limit', UNLIMITED);
    await clearEmulatorLog(emulator);
    const created = await api<{ jobId: string }>(service.url, 'POST', '/api/admin/backfill', {
      jobType: 'data-collection',
      startDate: START,
      endDate: END,
      targetDistricts: DISTRICTS,
      closingDays,
    });
    const job = await waitForJob(service.url, created.jobId);
    if (job.status !== 'completed' || job.counters.failed > 0) {
      throw new Error(`closing-period job ended ${job.status} with ${job.counters.failed} failed`);
    }
    const requests = (await emulatorLog(emulator)).filter((e) => e.url.includes('export.aspx'));
    const items = await api<{ items: { reason: string | null }[] }>(
      service.url,
      'GET',
      `/api/admin/backfill/${job.id}/items?outcome=skipped&limit=1000`,
    );
    const monthEnds = [...finalCollections()].filter(
      ([snapshot, collection]) => snapshot !== collection,
    );
    let finalMonthEnds = 0;
    for (const [snapshotDate, lastDay] of monthEnds) {
      for (const district of DISTRICTS) {
        if ((await storedCollectionDate(dataDir, snapshotDate, district)) === lastDay) {
          finalMonthEnds++;
        }
      }
    }
    return {
      requests: requests.length,
      seconds: round(
        (Date.parse(job.completedAt ?? '') - Date.parse(job.startedAt ?? '')) / 1000,
        1,
      ),
      superseded: items.items.filter((i) => i.reason === 'superseded').length,
      finalMonthEnds,
      monthEnds: monthEnds.length * DISTRICTS.length,
    };
  } finally {
    await service.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** Read from the files the local driver writes, as an operator would check them. */
async function storedCollectionDate(
  dataDir: string,
  snapshotDate: string,
  district: string,
): Promise<string | null> {
  const file = path.join(dataDir, 'snapshots', snapshotDate, 'districts', `${district}.json`);
  try {
    const snapshot = JSON.parse(await fs.readFile(file, 'utf8')) as { collectionDate?: string };
    return snapshot.collectionDate ?? null;
  } catch {
    return null;
  }
}
