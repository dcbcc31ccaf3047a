import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { ApiError } from '../../common/api-error';
import { Clock } from '../../common/clock';
import { errorMessage } from '../../common/error-message';
import { addDays, utcDateOf } from '../../common/utc-dates';
import { AppConfig } from '../../config/app-config';
import { isActiveStatus } from '../../domain/job.model';
import {
  ScheduleSequence,
  ScheduleState,
  ScheduleTick,
  ScheduleTickOutcome,
} from '../../domain/schedule-state';
import { JobStore } from '../../storage/job-store';
import { JobChainService } from '../job-chain.service';
import { JobPauseService } from '../job-pause.service';
import { JobRunner } from '../job-runner';
import { pausedRunnerStillHolds } from '../job-state';
import { JobsService } from '../jobs.service';

const CRON_NAME = 'collect-schedule';
const ADVANCE_NAME = 'collect-schedule-advance';
const PAUSE_DETAIL = 'paused by the daily schedule to run its own jobs; resumed after them';
const RESUME_DETAIL = "the daily schedule's jobs are over";

/** A step's answer: the sequence's next state, `done`, or `wait` (try again later). */
type Step = ScheduleSequence | 'done' | 'wait';

export interface ScheduleStatus {
  expression: string | null;
  lookbackDays: number;
  nextTickAt: string | null;
  lastTick: ScheduleTick | null;
  inProgress: ScheduleSequence | null;
}

/**
 * The daily collection (COLLECT_SCHEDULE, cron in UTC). Each tick collects [yesterday -
 * lookback + 1, yesterday] with skip-existing, then analyses the snapshot dates it wrote
 * (`analyticsAfter`). A job running at the tick is paused first and resumed once the
 * schedule's jobs are over. Every step is kept in the stored schedule state, so any
 * instance (a restarted one too) continues a sequence where it stopped; the tick itself is
 * claimed by an atomic update of that state, so only one instance runs it.
 */
@Injectable()
export class CollectSchedule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CollectSchedule');
  private cron: CronJob | null = null;
  private advancing: Promise<void> | null = null;
  private advanceAgain = false;

  constructor(
    private readonly store: JobStore,
    private readonly jobs: JobsService,
    private readonly pauses: JobPauseService,
    private readonly chain: JobChainService,
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onModuleInit(): void {
    const expression = this.config.collectSchedule;
    if (!expression) return;
    this.cron = CronJob.from({
      cronTime: expression,
      timeZone: 'UTC',
      start: true,
      onTick: () => void this.tick(this.clock.now()),
    });
    this.scheduler.addCronJob(CRON_NAME, this.cron);
    this.logger.log(`Daily collection at "${expression}" (UTC), next ${this.nextTickAt()}`);
  }

  /** After every module's init, so the chain's completion listener runs before this one. */
  onApplicationBootstrap(): void {
    this.runner.onJobCompleted(() => {
      void this.advance();
      return Promise.resolve();
    });
    // A crash mid-sequence is picked up at start, even with the schedule since turned off.
    void this.advance();
    if (!this.config.collectSchedule) return;
    // A job of the sequence that ended on another instance: picked up here.
    const timer = setInterval(() => void this.advance(), this.config.heartbeatSeconds * 1000);
    timer.unref();
    this.scheduler.addInterval(ADVANCE_NAME, timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('cron', CRON_NAME)) this.scheduler.deleteCronJob(CRON_NAME);
    if (this.scheduler.doesExist('interval', ADVANCE_NAME)) {
      this.scheduler.deleteInterval(ADVANCE_NAME);
    }
  }

  async status(): Promise<ScheduleStatus> {
    const state = await this.read();
    return {
      expression: this.config.collectSchedule ?? null,
      lookbackDays: this.config.collectLookbackDays,
      nextTickAt: this.nextTickAt(),
      lastTick: state.lastTick,
      inProgress: state.sequence,
    };
  }

  /**
   * One tick, due at `atMs` (the cron passes its clock's now; tests pass any instant).
   * Resolves once the tick has started its sequence (or decided to do nothing).
   */
  async tick(atMs: number): Promise<ScheduleTick | null> {
    const at = new Date(atMs).toISOString();
    const endDate = addDays(utcDateOf(atMs), -1);
    const startDate = addDays(endDate, 1 - this.config.collectLookbackDays);
    try {
      const active = await this.store.findActiveJob();
      let claimed: ScheduleTick | null = null;
      await this.store.updateScheduleState((state) => {
        // Another instance claimed this tick (or a later one) first.
        if (state.lastTick && state.lastTick.at >= at) return null;
        const busy = state.sequence
          ? `its previous run is still ${state.sequence.phase}`
          : active?.config.scheduled
            ? `its previous job ${active.id} is still ${active.status}`
            : null;
        if (busy) {
          claimed = tickRecord(at, 'skipped', `Nothing started: ${busy}`);
          return { ...state, lastTick: claimed };
        }
        const sequence: ScheduleSequence = {
          tickAt: at,
          phase: 'pausing',
          startDate,
          endDate,
          pausedJobId: active?.id ?? null,
          collectionJobId: null,
          analyticsJobId: null,
        };
        claimed = tickRecord(at, 'started', describe(sequence), sequence);
        return { lastTick: claimed, sequence };
      });
      if (!claimed) return null;
      const tick: ScheduleTick = claimed;
      this.logger.log(`Tick ${at}: ${tick.message}`);
      await this.advance();
      return tick;
    } catch (error) {
      this.logger.error(`Tick ${at} failed: ${errorMessage(error)}`);
      return null;
    }
  }

  /** Takes the stored sequence as far as it can go now; safe to call any time, anywhere. */
  advance(): Promise<void> {
    if (this.advancing) {
      this.advanceAgain = true;
      return this.advancing;
    }
    this.advancing = this.advanceAll()
      .catch((error: unknown) => this.logger.error(`Schedule: ${errorMessage(error)}`))
      .finally(() => {
        this.advancing = null;
        if (this.advanceAgain) {
          this.advanceAgain = false;
          void this.advance();
        }
      });
    return this.advancing;
  }

  private async advanceAll(): Promise<void> {
    for (;;) {
      const sequence = (await this.read()).sequence;
      if (!sequence) return;
      const next = await this.step(sequence);
      if (next === 'wait') return;
      const moved = await this.store.updateScheduleState((state) => {
        // Someone else moved it on meanwhile: theirs stands, and this loop reads it again.
        if (!sameStep(state.sequence, sequence)) return null;
        const done = next === 'done';
        const tick = state.lastTick?.at === sequence.tickAt ? state.lastTick : null;
        const outcome: ScheduleTickOutcome = done ? 'completed' : 'started';
        const lastTick = tick
          ? tickRecord(
              tick.at,
              outcome,
              done ? finished(sequence) : describe(next),
              done ? sequence : next,
            )
          : state.lastTick;
        return { lastTick, sequence: done ? null : next };
      });
      if (!sameStep(moved.sequence, next === 'done' ? null : next)) return;
    }
  }

  private async step(sequence: ScheduleSequence): Promise<Step> {
    switch (sequence.phase) {
      case 'pausing':
        return this.pauseThenCollect(sequence);
      case 'collecting':
        return this.afterCollection(sequence);
      case 'analysing':
        return this.afterAnalytics(sequence);
      case 'resuming':
        return this.resumePaused(sequence);
    }
  }

  private async pauseThenCollect(sequence: ScheduleSequence): Promise<Step> {
    if (sequence.pausedJobId) {
      const ready = await this.pauseAndWait(sequence.pausedJobId);
      if (!ready) return 'wait';
    }
    try {
      const collection = await this.jobs.create(
        {
          jobType: 'data-collection',
          startDate: sequence.startDate,
          endDate: sequence.endDate,
          skipExisting: true,
          analyticsAfter: true,
        },
        'schedule',
        { scheduled: true },
      );
      return { ...sequence, phase: 'collecting', collectionJobId: collection.id };
    } catch (error) {
      const activeJobId = activeJobOf(error);
      if (!activeJobId) throw error;
      // Created before a crash, or by another instance meanwhile: that job is this tick's.
      const active = await this.store.getJob(activeJobId);
      if (active?.config.scheduled) {
        return { ...sequence, phase: 'collecting', collectionJobId: active.id };
      }
      return 'wait';
    }
  }

  /** Pauses the job (when still active); true once its runner has let go of it. */
  private async pauseAndWait(jobId: string): Promise<boolean> {
    let job = await this.store.getJob(jobId);
    if (job && isActiveStatus(job.status)) {
      try {
        job = await this.pauses.pause(jobId, 'schedule', PAUSE_DETAIL);
      } catch (error) {
        // It ended or was paused meanwhile: what it is now decides.
        if (!(error instanceof ApiError)) throw error;
        job = await this.store.getJob(jobId);
      }
    }
    if (!job || job.status !== 'paused') return true;
    await this.runner.whenStopped(jobId);
    const now = await this.store.getJob(jobId);
    return !now || !pausedRunnerStillHolds(now, this.clock.now());
  }

  private async afterCollection(sequence: ScheduleSequence): Promise<Step> {
    const job = sequence.collectionJobId ? await this.store.getJob(sequence.collectionJobId) : null;
    if (job && (isActiveStatus(job.status) || job.status === 'paused')) return 'wait';
    if (job?.status !== 'completed') return { ...sequence, phase: 'resuming' };
    const analyticsJobId =
      job.followUpJobId ?? (await this.chain.followUp(job, 'schedule'))?.id ?? null;
    return analyticsJobId
      ? { ...sequence, phase: 'analysing', analyticsJobId }
      : { ...sequence, phase: 'resuming' };
  }

  private async afterAnalytics(sequence: ScheduleSequence): Promise<Step> {
    const job = sequence.analyticsJobId ? await this.store.getJob(sequence.analyticsJobId) : null;
    if (job && (isActiveStatus(job.status) || job.status === 'paused')) return 'wait';
    return { ...sequence, phase: 'resuming' };
  }

  private async resumePaused(sequence: ScheduleSequence): Promise<Step> {
    if (!sequence.pausedJobId) return 'done';
    try {
      await this.pauses.resume(sequence.pausedJobId, 'schedule', RESUME_DETAIL);
      return 'done';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Another job holds the lock, or the runner is still letting go: its turn comes later.
      if (error.code === 'JOB_ALREADY_RUNNING' || error.code === 'JOB_STILL_PAUSING') {
        return 'wait';
      }
      // Cancelled, resumed by someone, or gone meanwhile: nothing left to resume.
      this.logger.log(`Job ${sequence.pausedJobId} not resumed: ${error.message}`);
      return 'done';
    }
  }

  private read(): Promise<ScheduleState> {
    return this.store.updateScheduleState(() => null);
  }

  private nextTickAt(): string | null {
    return this.cron ? this.cron.nextDate().toUTC().toISO() : null;
  }
}

function tickRecord(
  at: string,
  outcome: ScheduleTickOutcome,
  message: string,
  sequence?: ScheduleSequence,
): ScheduleTick {
  return {
    at,
    outcome,
    message,
    collectionJobId: sequence?.collectionJobId ?? null,
    analyticsJobId: sequence?.analyticsJobId ?? null,
    pausedJobId: sequence?.pausedJobId ?? null,
  };
}

function describe(sequence: ScheduleSequence): string {
  const range = `${sequence.startDate}..${sequence.endDate}`;
  switch (sequence.phase) {
    case 'pausing':
      return sequence.pausedJobId
        ? `Pausing job ${sequence.pausedJobId} to collect ${range}`
        : `Collecting ${range}`;
    case 'collecting':
      return `Collecting ${range}`;
    case 'analysing':
      return `Analysing the snapshots collected for ${range}`;
    case 'resuming':
      return `Resuming job ${sequence.pausedJobId ?? ''}`;
  }
}

function finished(sequence: ScheduleSequence): string {
  const resumed = sequence.pausedJobId ? `; resumed job ${sequence.pausedJobId}` : '';
  const analysed = sequence.analyticsJobId ? ' and analysed' : '';
  return `Collected${analysed} ${sequence.startDate}..${sequence.endDate}${resumed}`;
}

function sameStep(a: ScheduleSequence | null, b: ScheduleSequence | null): boolean {
  return a === b || (!!a && !!b && a.tickAt === b.tickAt && a.phase === b.phase);
}

function activeJobOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'JOB_ALREADY_RUNNING') return null;
  const details = error.details as { activeJobId?: string } | undefined;
  return details?.activeJobId ?? null;
}
