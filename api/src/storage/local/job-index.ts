import type { JobRecord, JobStatus, JobType } from '../../domain/job.model';
import type { ListJobsQuery } from '../job-store';

/** What listing needs to know about a job, without reading its document. */
export interface JobSummary {
  id: string;
  createdAt: string;
  jobType: JobType;
  status: JobStatus;
  /** When the job reached a terminal state (for retention). */
  completedAt: string | null;
}

export function summarise(job: JobRecord): JobSummary {
  return {
    id: job.id,
    createdAt: job.createdAt,
    jobType: job.jobType,
    status: job.status,
    completedAt: job.completedAt,
  };
}

/**
 * In-memory index of every stored job, kept sorted newest first. Filtering scans compact
 * summaries (microseconds at 10,000 jobs) and only the returned page is read from disk.
 */
export class JobIndex {
  private readonly byId = new Map<string, JobSummary>();
  /** Sorted newest first; rebuilt lazily after inserts. */
  private ordered: JobSummary[] = [];
  private orderDirty = false;
  /** Jobs per (status, type), so filtered totals are exact without a scan. */
  private readonly counts = new Map<string, number>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): JobSummary | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<JobSummary> {
    return this.byId.values();
  }

  upsert(summary: JobSummary): void {
    const existing = this.byId.get(summary.id);
    if (existing) this.count(existing, -1);
    this.count(summary, +1);
    if (existing && existing.createdAt === summary.createdAt) {
      // Same position in the order: update in place, no re-sort needed.
      Object.assign(existing, summary);
      return;
    }
    if (existing) this.ordered = this.ordered.filter((s) => s.id !== summary.id);
    const copy = { ...summary };
    this.byId.set(copy.id, copy);
    if (
      !this.orderDirty &&
      this.ordered.length > 0 &&
      compareNewestFirst(copy, this.ordered[0]) <= 0
    ) {
      // The common case, a brand-new job, goes to the front without sorting.
      this.ordered.unshift(copy);
    } else {
      this.ordered.push(copy);
      this.orderDirty = true;
    }
  }

  remove(id: string): void {
    const existing = this.byId.get(id);
    if (!existing) return;
    this.byId.delete(id);
    this.count(existing, -1);
    this.ordered = this.ordered.filter((s) => s.id !== id);
  }

  /**
   * The matching ids for one page, plus the exact number of matches. The total comes
   * from counters; the page is found by walking the newest-first order only as far as
   * the page reaches, so an unfiltered first page costs O(limit) at any size.
   */
  query(query: ListJobsQuery): { ids: string[]; total: number } {
    const statuses = query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : null;
    const total = this.total(statuses, query.jobType);
    if (!statuses && !query.jobType) {
      return {
        ids: this.sorted()
          .slice(query.offset, query.offset + query.limit)
          .map((s) => s.id),
        total,
      };
    }
    const ids: string[] = [];
    let seen = 0;
    for (const summary of this.sorted()) {
      if (ids.length >= query.limit || seen >= total) break;
      if (statuses && !statuses.has(summary.status)) continue;
      if (query.jobType && summary.jobType !== query.jobType) continue;
      if (seen >= query.offset) ids.push(summary.id);
      seen++;
    }
    return { ids, total };
  }

  private total(statuses: Set<JobStatus> | null, jobType: JobType | undefined): number {
    if (!statuses && !jobType) return this.byId.size;
    let total = 0;
    for (const [key, n] of this.counts) {
      const [status, type] = key.split('|') as [JobStatus, JobType];
      if (statuses && !statuses.has(status)) continue;
      if (jobType && type !== jobType) continue;
      total += n;
    }
    return total;
  }

  private count(summary: JobSummary, delta: number): void {
    const key = `${summary.status}|${summary.jobType}`;
    const next = (this.counts.get(key) ?? 0) + delta;
    if (next === 0) this.counts.delete(key);
    else this.counts.set(key, next);
  }

  private sorted(): JobSummary[] {
    if (this.orderDirty) {
      this.ordered.sort(compareNewestFirst);
      this.orderDirty = false;
    }
    return this.ordered;
  }
}

/** Newest first by creation time; ties by id so the order is total and stable. */
export function compareNewestFirst(
  a: Pick<JobSummary, 'createdAt' | 'id'>,
  b: Pick<JobSummary, 'createdAt' | 'id'>,
): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}
