import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { Clock } from '../common/clock';
import { assertJobId } from '../common/ids';
import { utcDateOf } from '../common/utc-dates';
import { AppConfig } from '../config/app-config';
import type { RateLimitConfig } from '../domain/rate-limit-config';
import { RateLimitConfigService } from '../rate-limit/rate-limit-config.service';
import { JobStore } from '../storage/job-store';
import { dateRangeProblem } from './date-range';
import { JobHandlerRegistry } from './job-handler-registry';
import type { JobHandler, JobPreview } from './job-handler';
import { JobRunner } from './job-runner';
import { cancel, fail, isStale, newJobRecord, withAction } from './job-state';
import {
  JobConfig,
  JobOrder,
  JobRecord,
  JobStatus,
  JobType,
  isActiveStatus,
  isTerminalStatus,
  orderOf,
} from '../domain/job.model';
import type { CreateJobDto } from './dto/create-job.dto';

/** Who asked for an admin action, as recorded on the job. */
export type Actor = 'admin' | 'system' | 'schedule';

export interface JobListing {
  jobs: JobRecord[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Job lifecycle: validation of requests, the one-active-job rule (checked against storage,
 * never in memory), cancellation, the stale rule and the rate-limit config.
 */
@Injectable()
export class JobsService {
  private readonly logger = new Logger('JobsService');

  constructor(
    private readonly store: JobStore,
    private readonly registry: JobHandlerRegistry,
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly rateLimits: RateLimitConfigService = new RateLimitConfigService(store),
  ) {
    this.rateLimits.onSaved(() =>
      this.noteOnActiveJob('config-changed', 'rate-limit config saved; applies to the next job'),
    );
  }

  async create(
    request: CreateJobDto,
    actor: Actor = 'admin',
    origin: Pick<JobConfig, 'retryOfJobId' | 'scheduled'> = {},
  ) {
    const jobConfig = this.validateRequest(request);
    // Rejects overrides that are valid alone but not on top of the saved config.
    await this.effectiveRateLimit(jobConfig);
    const { retryOfJobId } = origin;
    if (retryOfJobId) jobConfig.retryOfJobId = retryOfJobId;
    if (origin.scheduled) jobConfig.scheduled = true;
    const now = this.clock.nowIso();
    const job: JobRecord = withAction(newJobRecord(request.jobType, jobConfig, now), {
      action: retryOfJobId ? 'retried' : 'created',
      by: actor,
      at: now,
      detail: retryOfJobId,
      instance: this.config.instanceId,
    });
    let result = await this.store.createJob(job);
    if (!result.created && (await this.failIfStale(result.activeJobId))) {
      result = await this.store.createJob(job);
    }
    if (!result.created) throw ApiError.jobAlreadyRunning(result.activeJobId);
    this.logger.log(`Created ${job.jobType} job ${job.id}`);
    this.runner.kick();
    return result.job;
  }

  async preview(request: CreateJobDto): Promise<JobPreview & { order: JobOrder }> {
    const jobConfig = this.validateRequest(request);
    const handler = this.handlerFor(request.jobType);
    const rateLimit = await this.effectiveRateLimit(jobConfig);
    return { ...(await handler.preview(jobConfig, rateLimit)), order: orderOf(jobConfig) };
  }

  async get(jobId: string): Promise<JobRecord> {
    assertJobId(jobId);
    const job = await this.store.getJob(jobId);
    if (!job) throw ApiError.jobNotFound(jobId);
    return job;
  }

  async list(query: {
    status?: JobStatus[];
    jobType?: JobType;
    limit?: number;
    offset?: number;
  }): Promise<JobListing> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const page = await this.store.listJobs({
      statuses: query.status,
      jobType: query.jobType,
      limit,
      offset,
    });
    return { ...page, limit, offset };
  }

  async findActive(): Promise<JobRecord | null> {
    return this.store.findActiveJob();
  }

  /**
   * Starts a new job over exactly the failed items of a finished job (same type, range,
   * districts and overrides; skip-existing off so every failed item is really redone).
   */
  async retry(jobId: string, actor: Actor = 'admin'): Promise<JobRecord> {
    const original = await this.get(jobId);
    const notRetryable = (message: string) =>
      new ApiError(HttpStatus.CONFLICT, 'JOB_NOT_RETRYABLE', message, { status: original.status });
    if (!isTerminalStatus(original.status)) {
      throw notRetryable(
        `Job ${jobId} is still ${original.status}; cancel it or wait for it to end`,
      );
    }
    const latest = new Map<string, string>();
    for (const entry of await this.store.readLedger(jobId)) latest.set(entry.item, entry.outcome);
    const failed = [...latest.values()].filter((outcome) => outcome === 'failed').length;
    if (failed === 0) throw notRetryable(`Job ${jobId} has no failed items to retry`);
    const { startDate, endDate, targetDistricts, rateLimitOverrides, closingDays, order } =
      original.config;
    return this.create(
      {
        jobType: original.jobType,
        startDate,
        endDate,
        targetDistricts,
        rateLimitOverrides,
        // The same plan as the original, so the failed items have the same ids.
        closingDays,
        order,
        skipExisting: false,
      },
      actor,
      { retryOfJobId: jobId },
    );
  }

  /** Cancels an active or paused job at once; its in-flight items finish and are counted. */
  async cancel(jobId: string, actor: Actor = 'admin'): Promise<JobRecord> {
    assertJobId(jobId);
    const existing = await this.store.getJob(jobId);
    if (!existing) throw ApiError.jobNotFound(jobId);
    const updated = await this.store.updateJob(jobId, (job) => {
      if (isTerminalStatus(job.status)) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'JOB_NOT_CANCELLABLE',
          `Job ${jobId} is already ${job.status}`,
          { status: job.status },
        );
      }
      const now = this.clock.nowIso();
      return withAction(cancel(job, now), {
        action: 'cancelled',
        by: actor,
        at: now,
        // Named so the runner, wherever it is, can say whose decision stopped it.
        instance: this.config.instanceId,
      });
    });
    this.runner.notifyCancelled(jobId);
    this.logger.log(`Cancelled job ${jobId}`);
    return updated;
  }

  /**
   * Fails the job with reason `stale` when it claims to be active but finished no item
   * for STALE_AFTER_MINUTES; returns whether it did. The update re-checks inside the
   * store's atomic update, so a job that made progress meanwhile is left alone.
   */
  async failIfStale(jobId: string): Promise<boolean> {
    const staleAfterMs = this.config.staleAfterMinutes * 60_000;
    const job = await this.store.getJob(jobId);
    if (!job || !isStale(job, this.clock.now(), staleAfterMs)) return false;
    const updated = await this.store.updateJob(jobId, (stored) =>
      isStale(stored, this.clock.now(), staleAfterMs)
        ? fail(stored, 'stale', this.clock.nowIso())
        : null,
    );
    if (updated.status === 'failed' && updated.failureReason === 'stale') {
      this.logger.warn(`Job ${jobId} made no progress for ${this.config.staleAfterMinutes} min`);
      this.runner.observe(updated);
      return true;
    }
    return false;
  }

  /** Records an admin action on the active job, if any, so its history shows it. */
  private async noteOnActiveJob(action: 'config-changed', detail: string): Promise<void> {
    const active = await this.store.findActiveJob();
    if (!active) return;
    const at = this.clock.nowIso();
    await this.store.updateJob(active.id, (job) =>
      isActiveStatus(job.status)
        ? withAction(job, { action, by: 'admin', at, detail, instance: this.config.instanceId })
        : null,
    );
  }

  /** The saved rate-limit config with the job's overrides: merged and validated in one place. */
  async effectiveRateLimit(jobConfig: JobConfig): Promise<RateLimitConfig> {
    return this.rateLimits.effective(jobConfig.rateLimitOverrides);
  }

  /** Checks what DTO validation cannot: date-range rules, handler availability and rules. */
  private validateRequest(request: CreateJobDto): JobConfig {
    const handler = this.handlerFor(request.jobType);
    const { startDate, endDate } = request;
    const problem = dateRangeProblem(
      startDate,
      endDate,
      utcDateOf(this.clock.now()),
      request.jobType === 'data-collection',
    );
    if (problem) throw ApiError.invalidDateRange(problem);
    const config: JobConfig = { skipExisting: request.skipExisting ?? true };
    if (request.jobType === 'data-collection') {
      config.closingDays = request.closingDays ?? 'last';
      config.order = request.order ?? 'oldest-first';
      if (request.analyticsAfter) config.analyticsAfter = true;
    } else {
      // Options that mean nothing for this job type are mistakes to name, not to ignore.
      const misplaced = collectionOnlyOption(request);
      if (misplaced) throw ApiError.validation(`${misplaced} applies to data-collection jobs only`);
    }
    if (request.force !== undefined && request.jobType !== 'analytics-generation') {
      throw ApiError.validation('force applies to analytics-generation jobs only');
    }
    if (request.force) config.force = true;
    if (startDate) config.startDate = startDate;
    if (endDate) config.endDate = endDate;
    if (request.targetDistricts?.length) config.targetDistricts = [...request.targetDistricts];
    if (request.rateLimitOverrides) {
      const overrides = stripUndefined({ ...request.rateLimitOverrides });
      if (Object.keys(overrides).length > 0) config.rateLimitOverrides = overrides;
    }
    const problems = handler.validate(config);
    if (problems.length > 0) throw ApiError.validation(problems[0], problems);
    return config;
  }

  private handlerFor(jobType: JobType): JobHandler {
    const handler = this.registry.get(jobType);
    if (!handler) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'JOB_TYPE_UNAVAILABLE',
        `No handler is registered for ${jobType} jobs in this deployment`,
      );
    }
    return handler;
  }
}

/** The first data-collection-only option set on another job type's request. */
function collectionOnlyOption(request: CreateJobDto): string | null {
  if (request.closingDays) return 'closingDays';
  if (request.order && request.order !== 'oldest-first') return 'order';
  if (request.analyticsAfter) return 'analyticsAfter';
  return null;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
