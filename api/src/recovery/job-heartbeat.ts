import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobStore } from '../storage/job-store';
import { JobRunner } from '../jobs/job-runner';
import { JobsService } from '../jobs/jobs.service';
import { isActiveStatus } from '../domain/job.model';
import { RecoveryService } from './recovery.service';

/**
 * Every HEARTBEAT_SECONDS: renews the lease of the job this instance runs (and so learns
 * when another instance cancelled it, failed it as stale or took it over), applies the
 * stale rule to the active job, and takes over a job whose runner's lease expired (or
 * starts a pending job nobody picked up).
 */
@Injectable()
export class JobHeartbeat implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('JobHeartbeat');
  private beating = false;

  constructor(
    private readonly store: JobStore,
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
    private readonly recovery: RecoveryService,
  ) {}

  onModuleInit(): void {
    // An interval rather than a fixed @Cron so HEARTBEAT_SECONDS stays configurable.
    const timer = setInterval(() => void this.beat(), this.config.heartbeatSeconds * 1000);
    timer.unref();
    this.scheduler.addInterval('job-heartbeat', timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', 'job-heartbeat')) {
      this.scheduler.deleteInterval('job-heartbeat');
    }
  }

  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      // By id, not through the active-job lookup: a job cancelled or failed elsewhere is no
      // longer active, yet its runner here must hear of it now, not at its next flush
      // (which waits for an item to finish, possibly a long, polite Retry-After later).
      const running = this.runner.runningJobId;
      if (running) await this.renewLease(running);
      const active = await this.store.findActiveJob();
      if (!active) return;
      if (await this.jobs.failIfStale(active.id)) return;
      if (!this.runner.runningJobId) await this.recovery.recover();
    } catch (error) {
      this.logger.error(`Heartbeat failed: ${String(error)}`);
    } finally {
      this.beating = false;
    }
  }

  private async renewLease(jobId: string): Promise<void> {
    const owner = this.config.instanceId;
    const expiresAt = new Date(this.clock.now() + this.config.leaseSeconds * 1000).toISOString();
    const now = this.clock.nowIso();
    const waiting = this.runner.isWaitingOnUpstream(jobId);
    const stored = await this.store.updateJob(jobId, (job) =>
      isActiveStatus(job.status) && job.lease?.owner === owner
        ? {
            ...job,
            lease: { owner, expiresAt, renewedAt: now },
            updatedAt: now,
            ...(waiting ? { upstreamWaitSeenAt: now } : {}),
          }
        : null,
    );
    this.runner.observe(stored);
  }
}
