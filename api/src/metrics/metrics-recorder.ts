/** How an attempt ended, for metrics: `refused` is a permanent answer such as 404. */
export type AttemptOutcome = 'success' | 'throttled' | 'server-error' | 'refused' | 'aborted';

/**
 * What the features report to the service's metrics. The runner and the handlers depend on
 * this port, not on the Prometheus registry in health/, so the dependencies point down and
 * a test or benchmark can run a job with no registry at all. Calls must not throw.
 */
export abstract class MetricsRecorder {
  /** An upstream attempt, classified by the dashboard client. */
  abstract recordUpstream(report: string, outcome: AttemptOutcome, seconds: number): void;
  abstract recordItem(jobType: string, outcome: string, seconds: number): void;
  abstract recordJobFinished(jobType: string, status: string): void;
}

/** For a runner built by hand (tests, benchmarks): figures nobody scrapes are not kept. */
export class UnrecordedMetrics extends MetricsRecorder {
  recordUpstream(): void {}
  recordItem(): void {}
  recordJobFinished(): void {}
}
