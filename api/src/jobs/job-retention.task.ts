import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobStore } from '../storage/job-store';

const BATCH = 200;

/** Deletes finished jobs (and their ledgers) older than JOB_RETENTION_DAYS, daily. */
@Injectable()
export class JobRetentionTask {
  private readonly logger = new Logger('JobRetention');

  constructor(
    private readonly store: JobStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'job-retention', timeZone: 'UTC' })
  async runScheduled(): Promise<void> {
    try {
      await this.purge();
    } catch (error) {
      this.logger.error(`Retention run failed: ${String(error)}`);
    }
  }

  /** Returns how many jobs were deleted. Active jobs are never candidates. */
  async purge(): Promise<number> {
    const cutoff = new Date(
      this.clock.now() - this.config.jobRetentionDays * 86_400_000,
    ).toISOString();
    let deleted = 0;
    for (;;) {
      const due = await this.store.findFinishedBefore(cutoff, BATCH);
      if (due.length === 0) break;
      for (const job of due) await this.store.deleteJob(job.id);
      deleted += due.length;
      if (due.length < BATCH) break;
    }
    if (deleted > 0) this.logger.log(`Deleted ${deleted} job(s) finished before ${cutoff}`);
    return deleted;
  }
}
