import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobRunner } from '../jobs/job-runner';
import { markRecovering, withAction } from '../jobs/job-state';
import { JobRecord, isActiveStatus } from '../domain/job.model';
import type { RecoveryStatusDto } from '../jobs/dto/backfill-status.dto';
import { RecoveryStatusStore } from './recovery-status.store';
import { JobStore } from '../storage/job-store';

/**
 * Resumes the incomplete job at start-up and takes over one whose runner died. Only a
 * job whose lease expired, or that this instance itself held in a previous life, is
 * resumed: a live runner elsewhere is left alone.
 */
@Injectable()
export class RecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Recovery');
  private startupCheck: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: JobStore,
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly status: RecoveryStatusStore,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: start-up must not wait for a job that may run for hours.
    this.startupCheck = this.recover().catch((error: unknown) =>
      this.report('failed', null, `Recovery check failed: ${String(error)}`),
    );
  }

  /** A shutdown right after start waits for the check, so it never writes after close. */
  async onApplicationShutdown(): Promise<void> {
    await this.startupCheck;
  }

  /** Looks at the active job and resumes it when it is ours to resume. */
  async recover(): Promise<RecoveryStatusDto> {
    const active = await this.store.findActiveJob();
    if (!active) return this.report('none', null, 'No incomplete job found');
    if (this.runner.runningJobId === active.id) {
      return this.report('left-alone', active.id, 'Already running in this instance');
    }
    if (active.status === 'pending') {
      this.runner.kick();
      return this.report('resumed', active.id, 'Started the pending job');
    }
    if (!this.isOurs(active)) {
      return this.report(
        'left-alone',
        active.id,
        `Held by ${active.lease?.owner ?? 'nobody'} until ${active.lease?.expiresAt ?? 'now'}`,
      );
    }
    const resumed = await this.store.updateJob(active.id, (job) => {
      if (!isActiveStatus(job.status) || job.status === 'pending' || !this.isOurs(job)) return null;
      const now = this.clock.nowIso();
      const leaseUntil = new Date(this.clock.now() + this.config.leaseSeconds * 1000).toISOString();
      return withAction(markRecovering(job, this.config.instanceId, leaseUntil, now), {
        action: 'resumed',
        by: 'system',
        at: now,
        detail: `after ${job.lease?.owner === this.config.instanceId ? 'a restart' : `the lease of ${job.lease?.owner ?? 'nobody'} expired`}`,
        instance: this.config.instanceId,
      });
    });
    if (resumed.status !== 'recovering' || resumed.lease?.owner !== this.config.instanceId) {
      return this.report('left-alone', active.id, 'Another instance resumed it first');
    }
    void this.runner
      .runJob(resumed)
      .catch((error: unknown) =>
        this.logger.error(`Resumed job ${resumed.id} stopped: ${String(error)}`),
      );
    return this.report(
      'resumed',
      active.id,
      `Resumed ${active.jobType} job from its item ledger (started ${active.startedAt ?? 'never'})`,
    );
  }

  private isOurs(job: JobRecord): boolean {
    if (!job.lease) return true;
    if (job.lease.owner === this.config.instanceId) return true;
    return Date.parse(job.lease.expiresAt) <= this.clock.now();
  }

  private report(
    outcome: RecoveryStatusDto['outcome'],
    jobId: string | null,
    message: string,
  ): RecoveryStatusDto {
    const status = { checkedAt: this.clock.nowIso(), outcome, jobId, message };
    if (outcome !== 'none' && outcome !== 'left-alone') this.logger.log(message);
    this.status.record(status);
    return status;
  }
}
