import { Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { AdminAction, JobRecord, isActiveStatus } from '../domain/job.model';
import type { JobStore, Unwatch } from '../storage/job-store';

/** How a stored state of the job reached the run. */
export type HeardVia = 'listener' | 'item check' | 'heartbeat';

const HEARD_VIA_TEXT: Record<HeardVia, string> = {
  listener: 'through the job listener',
  'item check': 'by the check before an item',
  heartbeat: 'at a heartbeat',
};

/** A decision stored on the job that ends its run here, and who made it. */
export interface StopDecision {
  /** The stored status that decided it (`cancelled`, `paused`, `failed (stale)`), or `lease lost`. */
  decision: string;
  /** `admin` or `system`; null when the record does not say. */
  by: string | null;
  /** The instance that took the request, or now holds the lease; null when not recorded. */
  instance: string | null;
  at: string | null;
}

/**
 * What a stored record of the job says about its run on `instanceId`: null while the run
 * may go on (active and leased to it), otherwise the decision that ends it, named by the
 * stored status. A status that someone asked for (cancelled or paused) is
 * recorded with an admin action of the same name, which names who and where. A record the
 * runner itself ended (completed, or failed by its own rules) is no one else's decision: null.
 */
export function stopDecisionOf(stored: JobRecord, instanceId: string): StopDecision | null {
  if (isActiveStatus(stored.status)) {
    const owner = stored.lease?.owner ?? null;
    if (owner === instanceId) return null;
    const takeover = owner ? latestAction(stored, 'resumed', owner) : undefined;
    return {
      decision: 'lease lost',
      by: takeover?.by ?? null,
      instance: owner,
      at: takeover?.at ?? null,
    };
  }
  const asked = latestAction(stored, stored.status);
  if (asked) {
    return {
      decision: stored.status,
      by: asked.by,
      instance: asked.instance ?? null,
      at: asked.at,
    };
  }
  if (stored.status === 'failed' && stored.failureReason === 'stale') {
    return { decision: 'failed (stale)', by: 'system', instance: null, at: stored.completedAt };
  }
  return null;
}

/** One line for a person: what was decided, by whom, where and when. */
export function describeStop(decision: StopDecision): string {
  if (decision.decision === 'lease lost') {
    const holder = decision.instance ? `now held by ${decision.instance}` : 'now held by nobody';
    return `lease lost, ${holder}${decision.at ? ` since ${decision.at}` : ''}`;
  }
  const by = decision.by ? ` by ${decision.by}` : '';
  const on = decision.instance ? ` on ${decision.instance}` : ' (instance not recorded)';
  const at = decision.at ? ` at ${decision.at}` : '';
  return `${decision.decision}${by}${on}${at}`;
}

function latestAction(job: JobRecord, kind: string, instance?: string): AdminAction | undefined {
  return job.actions.findLast(
    (action) => action.action === kind && (instance === undefined || action.instance === instance),
  );
}

/** What the watch needs of the run it guards (`ActiveRun`). */
export interface WatchedRun {
  readonly job: { readonly id: string };
  /** Set once the run was told to stop, for whatever reason. */
  readonly stopReason: string | null;
  /** Stops the run when the stored record says so; the one place that maps states to stops. */
  checkOwnership(stored: JobRecord): void;
  requestStop(reason: 'lost'): void;
}

/** Reasons of the run's own making, which no stored decision explains. */
const LOCAL_STOP_REASONS: readonly string[] = ['shutdown', 'storage'];

/**
 * Makes a decision stored on a running job anywhere (a cancel or a pause taken by any
 * instance, a takeover of its lease, the stale rule) reach its run at once, instead of at
 * the runner's next heartbeat or progress flush:
 *
 * - it watches the job's stored record (`JobStore.watchJob`: a Firestore listener, or the
 *   local driver's in-process notification) and hands every state to the run;
 * - before each item starts it reads the record, so no item starts after a stop is stored;
 * - when the listener fails it says so once and the run goes on: the heartbeat and the
 *   check before each item still hear every decision, only later;
 * - it logs one line when a stored decision stops the run: the job, the decision, and the
 *   instance that made it when the record names it.
 */
export class RunStopWatch {
  private unwatch: Unwatch | null = null;
  /** Set once the run takes no more work: what it writes after that is its own doing. */
  private closed = false;
  /** The one log line of a stop has been written. */
  private reported = false;
  /** A failed read before an item is logged once per run, not once per item. */
  private checkFailed = false;
  private readonly logger = new Logger('JobRunner');

  constructor(
    private readonly run: WatchedRun,
    private readonly store: JobStore,
    private readonly instanceId: string,
  ) {}

  /** Starts listening to the job's stored record. */
  start(): this {
    const listenerFailed = (error: unknown): void => {
      this.unwatch = null;
      if (this.closed) return;
      this.logger.warn(
        `Job ${this.run.job.id}: the listener on its stored record failed ` +
          `(${errorMessage(error)}); a cancel, pause or takeover decided elsewhere now ` +
          'reaches this run before its next item or at its next heartbeat',
      );
    };
    try {
      this.unwatch = this.store.watchJob(this.run.job.id, {
        changed: (job) => this.seen(job, 'listener'),
        failed: listenerFailed,
      });
    } catch (error) {
      listenerFailed(error);
    }
    return this;
  }

  /** A stored state of the job, however it was heard: stops the run when it says so. */
  seen(stored: JobRecord, via: HeardVia): void {
    if (!this.closed) {
      const decision = stopDecisionOf(stored, this.instanceId);
      if (decision) this.report(decision, via);
    }
    this.run.checkOwnership(stored);
  }

  /**
   * Whether the next item may start: reads the stored record, so a stop stored before
   * this moment, by any instance, is obeyed even if the listener has not delivered it yet.
   * When the read fails the item starts on what the run knows (the listener and the
   * heartbeat still guard it); storage trouble is the item's to report.
   */
  async mayStart(): Promise<boolean> {
    if (this.run.stopReason) return false;
    try {
      const stored = await this.store.getJob(this.run.job.id);
      if (stored) this.seen(stored, 'item check');
      else this.run.requestStop('lost');
    } catch (error) {
      if (!this.checkFailed) {
        this.logger.warn(
          `Job ${this.run.job.id}: could not read its stored record before an item ` +
            `(${errorMessage(error)}); going on with what this run knows`,
        );
      }
      this.checkFailed = true;
    }
    return !this.run.stopReason;
  }

  /**
   * Stops watching once the run takes no more work (before the runner writes the job's
   * end itself). When a stored decision stopped the run by a way this watch did not see
   * (a progress flush, or this instance's own cancel), the record is read once to log it.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unwatch?.();
    this.unwatch = null;
    const reason = this.run.stopReason;
    if (this.reported || reason === null || LOCAL_STOP_REASONS.includes(reason)) return;
    this.store.getJob(this.run.job.id).then(
      (stored) => {
        const decision = stored ? stopDecisionOf(stored, this.instanceId) : null;
        if (decision) this.report(decision, null);
      },
      (error: unknown) =>
        this.logger.warn(
          `Job ${this.run.job.id}: stopped here (${reason}); its record could not be read ` +
            `to say who decided: ${errorMessage(error)}`,
        ),
    );
  }

  private report(decision: StopDecision, via: HeardVia | null): void {
    if (this.reported) return;
    this.reported = true;
    const heard = via ? ` (heard ${HEARD_VIA_TEXT[via]})` : '';
    this.logger.warn(
      `Job ${this.run.job.id}: stopping its run on ${this.instanceId}: ` +
        `${describeStop(decision)}${heard}`,
    );
  }
}
