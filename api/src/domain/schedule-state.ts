/**
 * The daily collection schedule's persisted state: which tick ran last, what it did, and
 * the sequence it is in the middle of. Stored, so a crash mid-sequence is picked up by the
 * restarted service (or another instance) where it stopped.
 */
export const SCHEDULE_TICK_OUTCOMES = ['started', 'skipped', 'completed', 'failed'] as const;
export type ScheduleTickOutcome = (typeof SCHEDULE_TICK_OUTCOMES)[number];

export const SCHEDULE_PHASES = ['pausing', 'collecting', 'analysing', 'resuming'] as const;
export type SchedulePhase = (typeof SCHEDULE_PHASES)[number];

export interface ScheduleTick {
  /** The instant the tick was due. */
  at: string;
  outcome: ScheduleTickOutcome;
  message: string;
  collectionJobId: string | null;
  analyticsJobId: string | null;
  /** The job the tick paused to run its own, resumed when they are over. */
  pausedJobId: string | null;
}

/** The steps of one tick still to do, and the jobs of the steps done. */
export interface ScheduleSequence {
  /** The tick it belongs to. */
  tickAt: string;
  phase: SchedulePhase;
  startDate: string;
  endDate: string;
  pausedJobId: string | null;
  collectionJobId: string | null;
  analyticsJobId: string | null;
}

export interface ScheduleState {
  lastTick: ScheduleTick | null;
  sequence: ScheduleSequence | null;
}

/** Atomic read-modify-write of the schedule state; null leaves it unchanged. */
export type ScheduleMutation = (current: ScheduleState) => ScheduleState | null;

export const EMPTY_SCHEDULE_STATE: ScheduleState = { lastTick: null, sequence: null };

export function isScheduleState(value: unknown): value is ScheduleState {
  if (typeof value !== 'object' || value === null) return false;
  const { lastTick, sequence } = value as Record<string, unknown>;
  const tickOk =
    lastTick === null ||
    (typeof lastTick === 'object' &&
      typeof (lastTick as Record<string, unknown>).at === 'string' &&
      (SCHEDULE_TICK_OUTCOMES as readonly unknown[]).includes(
        (lastTick as Record<string, unknown>).outcome,
      ));
  const sequenceOk =
    sequence === null ||
    (typeof sequence === 'object' &&
      (SCHEDULE_PHASES as readonly unknown[]).includes(
        (sequence as Record<string, unknown>).phase,
      ));
  return tickOk && sequenceOk;
}
