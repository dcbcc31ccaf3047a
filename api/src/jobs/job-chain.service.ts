import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { JobRecord, LedgerEntry } from '../domain/job.model';
import { JobStore } from '../storage/job-store';
import { JobRunner } from './job-runner';
import { Actor, JobsService } from './jobs.service';

/** How many recently completed jobs a start-up looks at for a follow-up a crash skipped. */
const CATCH_UP_JOBS = 5;

/**
 * `analyticsAfter`: when a data-collection job completes, an analytics-generation job over
 * the snapshot dates it wrote (the `touched` of its done items in the ledger, so items done
 * before a pause or a restart count too). Its id is kept on the collection job as
 * `followUpJobId`, which also stops it being created twice.
 */
@Injectable()
export class JobChainService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('JobChain');

  constructor(
    private readonly store: JobStore,
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
  ) {}

  onModuleInit(): void {
    this.runner.onJobCompleted((job) => this.followUp(job));
  }

  /** A crash between a completion and its follow-up is caught up at the next start. */
  onApplicationBootstrap(): void {
    void this.catchUp().catch((error: unknown) =>
      this.logger.warn(`Follow-up catch-up failed: ${errorMessage(error)}`),
    );
  }

  async catchUp(): Promise<void> {
    const recent = await this.store.listJobs({
      statuses: ['completed'],
      jobType: 'data-collection',
      limit: CATCH_UP_JOBS,
      offset: 0,
    });
    for (const job of recent.jobs) await this.followUp(job);
  }

  /**
   * Creates the analytics job of a completed collection job that asked for one; returns it,
   * or null when none is due (not asked, already created, nothing written, or another job
   * is active: then it is logged and left, since a follow-up must not queue behind others).
   */
  async followUp(
    job: JobRecord,
    actor: Actor = job.config.scheduled ? 'schedule' : 'system',
  ): Promise<JobRecord | null> {
    if (!needsFollowUp(job)) return null;
    const range = touchedRange(await this.store.readLedger(job.id));
    if (!range) {
      this.logger.log(`Job ${job.id} wrote no snapshot: no analytics job follows it`);
      return null;
    }
    let created: JobRecord;
    try {
      created = await this.jobs.create({ jobType: 'analytics-generation', ...range }, actor);
    } catch (error) {
      this.logger.warn(`No analytics job after ${job.id}: ${errorMessage(error)}`);
      return null;
    }
    await this.store.updateJob(job.id, (stored) =>
      stored.followUpJobId ? null : { ...stored, followUpJobId: created.id },
    );
    this.logger.log(
      `Analytics job ${created.id} follows job ${job.id} (${range.startDate}..${range.endDate})`,
    );
    return created;
  }
}

export function needsFollowUp(job: JobRecord): boolean {
  return (
    job.status === 'completed' &&
    job.jobType === 'data-collection' &&
    job.config.analyticsAfter === true &&
    !job.followUpJobId
  );
}

/** The first and last snapshot date the job's done items wrote, or null when none. */
export function touchedRange(
  ledger: readonly LedgerEntry[],
): { startDate: string; endDate: string } | null {
  const latest = new Map<string, LedgerEntry>();
  for (const entry of ledger) latest.set(entry.item, entry);
  const dates = [...latest.values()]
    .flatMap((entry) => (entry.outcome === 'done' && entry.touched ? [entry.touched] : []))
    .sort();
  return dates.length > 0 ? { startDate: dates[0], endDate: dates[dates.length - 1] } : null;
}
