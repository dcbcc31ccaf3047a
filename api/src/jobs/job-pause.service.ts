import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError, ErrorCode } from '../common/api-error';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { assertJobId } from '../common/ids';
import { JobRecord, JobStatus, isActiveStatus } from '../domain/job.model';
import { ActiveJobLockHeldError } from '../domain/storage-errors';
import { JobStore } from '../storage/job-store';
import { JobRunner } from './job-runner';
import { pause, pausedRunnerStillHolds, resume, withAction } from './job-state';
import { Actor, JobsService } from './jobs.service';

/**
 * Pause and resume. A pause is written into the stored job (status `paused`), which every
 * runner treats as "stop this run": it starts no new item, aborts a waiting one, lets
 * requests in flight finish, flushes, then gives up the lease. The active-job lock is
 * released by the pause itself, so another job may start at once. A resume makes the job
 * pending under the lock again and a runner continues it from its ledger.
 */
@Injectable()
export class JobPauseService {
  private readonly logger = new Logger('JobPause');

  constructor(
    private readonly store: JobStore,
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async pause(jobId: string, actor: Actor = 'admin', detail?: string): Promise<JobRecord> {
    await this.jobs.get(jobId);
    const updated = await this.store.updateJob(jobId, (job) => {
      if (!isActiveStatus(job.status)) {
        throw refused('JOB_NOT_PAUSABLE', `Job ${jobId} is ${job.status}, not active`, job.status);
      }
      const now = this.clock.nowIso();
      // The instance is named so the runner, wherever it is, can say whose decision stopped it.
      return withAction(pause(job, now), {
        action: 'paused',
        by: actor,
        at: now,
        detail,
        instance: this.config.instanceId,
      });
    });
    this.runner.notifyPaused(jobId);
    this.logger.log(`Paused job ${jobId} (${actor})`);
    return updated;
  }

  /**
   * 409 JOB_STILL_PAUSING while the paused run still holds its lease (its items in flight
   * are finishing), JOB_ALREADY_RUNNING while another job is active.
   */
  async resume(jobId: string, actor: Actor = 'admin', detail?: string): Promise<JobRecord> {
    assertJobId(jobId);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryResume(jobId, actor, detail);
      } catch (error) {
        if (!(error instanceof ActiveJobLockHeldError)) throw error;
        // A stale holder is failed and the resume tried once more, as a create does.
        if (attempt > 1 || !(await this.jobs.failIfStale(error.activeJobId))) {
          throw ApiError.jobAlreadyRunning(error.activeJobId);
        }
      }
    }
  }

  private async tryResume(jobId: string, actor: Actor, detail?: string): Promise<JobRecord> {
    await this.jobs.get(jobId);
    const updated = await this.store.updateJob(jobId, (job) => {
      if (job.status !== 'paused') {
        throw refused('JOB_NOT_RESUMABLE', `Job ${jobId} is ${job.status}, not paused`, job.status);
      }
      if (pausedRunnerStillHolds(job, this.clock.now())) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'JOB_STILL_PAUSING',
          `Job ${jobId} is still finishing the items it had in flight on ${job.lease?.owner}; ` +
            'resume it once its lease is released (a few seconds)',
          { status: job.status },
          true,
        );
      }
      const now = this.clock.nowIso();
      return withAction(resume(job, now), {
        action: 'resumed',
        by: actor,
        at: now,
        detail,
        instance: this.config.instanceId,
      });
    });
    this.logger.log(`Resumed job ${jobId} (${actor})`);
    this.runner.kick();
    return updated;
  }
}

function refused(code: ErrorCode, message: string, status: JobStatus): ApiError {
  return new ApiError(HttpStatus.CONFLICT, code, message, { status });
}
