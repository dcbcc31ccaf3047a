import { deepFreeze } from '../common/deep-freeze';
import { assertJobId } from '../common/ids';
import type { JobRecord, LedgerEntry } from '../domain/job.model';
import type { RateLimitConfig } from '../domain/rate-limit-config';
import type { ScheduleMutation, ScheduleState } from '../domain/schedule-state';
import { CreateJobResult, JobMutation, JobPage, JobStore, ListJobsQuery } from './job-store';
import type { JobWatcher, Unwatch } from './job-store';
import { InvalidIdError } from '../domain/storage-errors';

const MAX_ITEM_ID_LENGTH = 128;
const MAX_REASON_LENGTH = 500;

/**
 * Wraps any driver and enforces, once for all drivers, that ids are well-formed before
 * they touch a path or a document, that ledger entries stay small, and that the job
 * records handed out are frozen whatever the driver (see `JobStore`).
 */
export class ValidatedJobStore extends JobStore {
  constructor(private readonly inner: JobStore) {
    super();
  }

  async createJob(job: JobRecord): Promise<CreateJobResult> {
    assertJobId(job.id);
    const result = await this.inner.createJob(job);
    return result.created ? { created: true, job: deepFreeze(result.job) } : result;
  }

  async getJob(id: string): Promise<JobRecord | null> {
    assertJobId(id);
    return deepFreeze(await this.inner.getJob(id));
  }

  async updateJob(id: string, mutate: JobMutation): Promise<JobRecord> {
    assertJobId(id);
    const updated = await this.inner.updateJob(id, (current) => {
      const next = mutate(current);
      if (next && next.id !== id) throw new InvalidIdError('job id change', next.id);
      return next;
    });
    return deepFreeze(updated);
  }

  watchJob(id: string, watcher: JobWatcher): Unwatch {
    assertJobId(id);
    return this.inner.watchJob(id, {
      changed: (job) => watcher.changed(deepFreeze(job)),
      failed: (error) => watcher.failed(error),
    });
  }

  async listJobs(query: ListJobsQuery): Promise<JobPage> {
    const page = await this.inner.listJobs(query);
    return { ...page, jobs: page.jobs.map(deepFreeze) };
  }

  async findActiveJob(): Promise<JobRecord | null> {
    return deepFreeze(await this.inner.findActiveJob());
  }

  async findFinishedBefore(cutoffIso: string, limit: number): Promise<JobRecord[]> {
    return (await this.inner.findFinishedBefore(cutoffIso, limit)).map(deepFreeze);
  }

  async deleteJob(id: string): Promise<void> {
    assertJobId(id);
    return this.inner.deleteJob(id);
  }

  async appendLedger(jobId: string, entries: readonly LedgerEntry[]): Promise<void> {
    assertJobId(jobId);
    for (const entry of entries) {
      if (entry.item.length === 0 || entry.item.length > MAX_ITEM_ID_LENGTH) {
        throw new InvalidIdError('item id', entry.item);
      }
    }
    return this.inner.appendLedger(jobId, entries.map(boundEntry));
  }

  async readLedger(jobId: string): Promise<LedgerEntry[]> {
    assertJobId(jobId);
    return this.inner.readLedger(jobId);
  }

  async getRateLimitConfig(): Promise<RateLimitConfig> {
    return this.inner.getRateLimitConfig();
  }

  async saveRateLimitConfig(config: RateLimitConfig): Promise<void> {
    return this.inner.saveRateLimitConfig(config);
  }

  async updateScheduleState(mutate: ScheduleMutation): Promise<ScheduleState> {
    return deepFreeze(await this.inner.updateScheduleState(mutate));
  }

  async ping(): Promise<void> {
    return this.inner.ping();
  }
}

function boundEntry(entry: LedgerEntry): LedgerEntry {
  if (!entry.reason || entry.reason.length <= MAX_REASON_LENGTH) return entry;
  return { ...entry, reason: `${entry.reason.slice(0, MAX_REASON_LENGTH - 1)}…` };
}
