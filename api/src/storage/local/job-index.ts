import type { JobRecord, JobStatus, JobType } from '../../jobs/job.model';
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
    if (!this.byId.delete(id)) return;
    this.ordered = this.ordered.filter((s) => s.id !== id);
  }

  /** The matching ids for one page, plus the exact number of matches. */
  query(query: ListJobsQuery): { ids: string[]; total: number } {
    const statuses = query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : null;
    const ids: string[] = [];
    let total = 0;
    for (const summary of this.sorted()) {
      if (statuses && !statuses.has(summary.status)) continue;
      if (query.jobType && summary.jobType !== query.jobType) continue;
      if (total >= query.offset && ids.length < query.limit) ids.push(summary.id);
      total++;
    }
    return { ids, total };
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
