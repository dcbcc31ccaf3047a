import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SystemClock } from 'api/dist/common/clock';
import { loadConfig } from 'api/dist/config/app-config';
import { JobHandler, ItemResult, JobPreview, JobRun, PlannedItem } from 'api/dist/jobs/job-handler';
import { JobHandlerRegistry } from 'api/dist/jobs/job-handler-registry';
import { JobRunner } from 'api/dist/jobs/job-runner';
import { LocalJobStore } from 'api/dist/storage/local/local-job-store';
import { ValidatedJobStore } from 'api/dist/storage/validated-job-store';
import type { BenchResult, Figure } from './report';
import { seedJob } from './seed-jobs';
import { bytesWritten } from './proc-io';
import { round } from './stats';

const SIZES = [1_000, 10_000, 50_000];

/** Items that cost nothing, so what is measured is the engine's own bookkeeping. */
class FreeItemsHandler extends JobHandler {
  readonly jobType = 'data-collection' as const;
  constructor(private readonly items: PlannedItem[]) {
    super();
  }
  preview(): Promise<JobPreview> {
    throw new Error('not used');
  }
  start(): JobRun {
    return {
      plan: () => Promise.resolve(this.items),
      processItem: (): Promise<ItemResult> => Promise.resolve({ outcome: 'done' }),
    };
  }
  override concurrency(): number {
    return 4;
  }
}

/** 2. Checkpoint cost: bytes written to the job store per finished item, and time per item. */
export async function benchCheckpoint(): Promise<BenchResult> {
  const figures: Figure[] = [];
  const perItem: number[] = [];
  for (const size of SIZES) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `bench-ckpt-${size}-`));
    try {
      const items = Array.from({ length: size }, (_, i) => {
        const district = String((i % 128) + 1).padStart(2, '0');
        const day = new Date(Date.UTC(2025, 6, 1) + Math.floor(i / 128) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        return { id: `${day}/${district}`, group: district };
      });
      const store = new ValidatedJobStore(new LocalJobStore(dir));
      const registry = new JobHandlerRegistry();
      registry.register(new FreeItemsHandler(items));
      const config = loadConfig({
        DATA_DIR: dir,
        ADMIN_TOKEN: 'bench-token-0123456789',
        PROGRESS_FLUSH_SECONDS: '5',
      });
      const runner = new JobRunner(store, registry, config, new SystemClock());
      const job = { ...seedJob(0, Date.now()), status: 'pending' as const, completedAt: null };
      await store.createJob(job);
      const bytesBefore = bytesWritten();
      const start = process.hrtime.bigint();
      await runner.runJob(job);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const bytes = bytesWritten() - bytesBefore;
      const stored = await store.getJob(job.id);
      if (stored?.counters.processed !== size)
        throw new Error(`checkpoint bench: job did not finish (${stored?.status})`);
      perItem.push(bytes / size);
      figures.push(
        {
          label: `${size} items: bytes written per item`,
          value: round(bytes / size, 0),
          unit: 'B',
        },
        { label: `${size} items: time per item`, value: round((ms * 1000) / size, 1), unit: 'µs' },
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  const flatness = perItem[2] / perItem[0];
  figures.push({ label: 'bytes per item, 50k vs 1k', value: `${round(flatness)}x` });
  return {
    id: '2',
    title: 'Checkpoint cost',
    figures,
    target: '< 512 bytes written per finished item, flat as the job grows',
    met: perItem.every((b) => b < 512) && flatness < 1.25,
    notes: [
      'Bytes are all write(2) bytes of the process (/proc/self/io wchar): ledger lines, job-document flushes every 5 s, and the final state changes.',
    ],
  };
}
