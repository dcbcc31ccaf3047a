import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { JobRecord } from 'api/dist/domain/job.model';

const STATUSES = ['completed', 'failed', 'cancelled'] as const;
const TYPES = ['data-collection', 'analytics-generation'] as const;

/** A realistic finished job document (per-district progress, some errors). */
export function seedJob(i: number, createdAtMs: number): JobRecord {
  const at = new Date(createdAtMs).toISOString();
  const progressByGroup: JobRecord['progressByGroup'] = {};
  for (let d = 1; d <= 20; d++)
    progressByGroup[String(d).padStart(2, '0')] = {
      total: 30,
      processed: 30,
      failed: 1,
      skipped: 2,
    };
  return {
    id: randomUUID(),
    jobType: TYPES[i % 2],
    status: STATUSES[i % 3],
    config: { startDate: '2025-07-01', endDate: '2025-07-30', skipExisting: true },
    counters: { total: 600, processed: 600, failed: 20, skipped: 40 },
    currentItem: null,
    progressByGroup,
    errors: Array.from({ length: 10 }, (_, e) => ({
      item: `2025-07-${String(e + 1).padStart(2, '0')}/61`,
      message: 'clubperformance report: HTTP 503 after 4 attempts',
      at,
      retryable: true,
    })),
    createdAt: at,
    updatedAt: at,
    startedAt: at,
    completedAt: at,
    resumedAt: null,
    cancelledAt: null,
    lastProgressAt: at,
    failureReason: null,
    result: { total: 600 },
    lease: null,
    actions: [{ action: 'created', by: 'admin', at }],
    revision: 3,
  };
}

/**
 * Writes `count` finished jobs in the local driver's on-disk format (job files plus the
 * index log) directly, because seeding 50,000 jobs through fsynced atomic writes would
 * take longer than the benchmark itself. What is measured afterwards is the real store.
 */
export async function seedJobsDir(dataDir: string, count: number): Promise<JobRecord[]> {
  const jobsDir = path.join(dataDir, 'jobs');
  await fs.mkdir(jobsDir, { recursive: true });
  const start = Date.UTC(2024, 0, 1);
  const jobs = Array.from({ length: count }, (_, i) => seedJob(i, start + i * 60_000));
  const index: string[] = [];
  for (let i = 0; i < jobs.length; i += 200) {
    await Promise.all(
      jobs
        .slice(i, i + 200)
        .map((job) => fs.writeFile(path.join(jobsDir, `${job.id}.json`), JSON.stringify(job))),
    );
  }
  for (const job of jobs) {
    index.push(
      JSON.stringify({
        id: job.id,
        createdAt: job.createdAt,
        jobType: job.jobType,
        status: job.status,
        completedAt: job.completedAt,
      }),
    );
  }
  await fs.writeFile(path.join(jobsDir, 'index.jsonl'), index.join('\n') + '\n');
  return jobs;
}
