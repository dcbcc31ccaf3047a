import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { JobHandlerRegistry } from '../jobs/job-handler-registry';
import {
  ItemResult,
  JobHandler,
  JobPreview,
  JobRun,
  JobRunContext,
  PlannedItem,
} from '../jobs/job-handler';
import type { JobConfig } from '../domain/job.model';
import { AnalyticsStore } from '../storage/analytics-store';
import { DateRange, SnapshotStore } from '../storage/snapshot-store';
import {
  DEFAULT_SECONDS_PER_SNAPSHOT,
  estimateSeconds,
  mergeCostMeasurement,
} from './analytics-cost';
import { programYearOfDate } from '../domain/program-year';
import { SnapshotAnalyticsGenerator } from './snapshot-analytics.generator';
import { errorMessage } from '../common/error-message';
import { inputFingerprints } from './analytics-inputs';
import { DistrictFiguresProcessor } from './district-figures-processor';

/**
 * analytics-generation jobs: one item per stored snapshot date (all of them, or those in
 * the job's range) whose analytics are not up to date (all of them with `force`), id
 * `YYYY-MM-DD`, grouped by program year. Each item reads that
 * date's district snapshots and summary, validates them, computes the analytics and
 * stores the date's document and one series point per district.
 */
@Injectable()
export class AnalyticsGenerationHandler extends JobHandler {
  readonly jobType = 'analytics-generation' as const;

  constructor(
    registry: JobHandlerRegistry,
    private readonly snapshots: SnapshotStore,
    private readonly analytics: AnalyticsStore,
    private readonly clock: Clock,
    private readonly processor: DistrictFiguresProcessor,
  ) {
    super();
    registry.register(this);
  }

  override validate(config: JobConfig): string[] {
    return config.targetDistricts
      ? [
          'analytics-generation computes every district of each snapshot (the ranking needs them all); targetDistricts is not supported',
        ]
      : [];
  }

  /**
   * One date at a time, in date order: the work is local I/O, not upstream requests, and
   * date order lets each item reuse the memberships of the date before.
   */
  override concurrency(): number {
    return 1;
  }

  start(context: JobRunContext): AnalyticsRun {
    return new AnalyticsRun(context, this.snapshots, this.analytics, this.clock, this.processor);
  }

  async preview(config: JobConfig): Promise<JobPreview> {
    const { selected, toCompute } = await planDates(this.snapshots, this.analytics, config);
    const districts = new Set<string>();
    for (const date of selected) {
      for (const district of await this.snapshots.listDistrictIds(date)) districts.add(district);
    }
    const measurement = await this.analytics.getCostMeasurement();
    const upToDate = selected.length - toCompute.length;
    const notes = [
      measurement
        ? `Duration uses the measured ${measurement.secondsPerSnapshot} s per snapshot, averaged over the last ${measurement.snapshotsMeasured} snapshots analysed.`
        : `No run has been measured yet; duration assumes ${DEFAULT_SECONDS_PER_SNAPSHOT} s per snapshot.`,
      config.force
        ? 'force: every selected snapshot date is recomputed, up to date or not.'
        : `${upToDate} of ${selected.length} snapshot dates are up to date (their analytics were computed from the snapshots stored now) and are skipped; force recomputes them too.`,
    ];
    if (selected.length === 0)
      notes.push('No snapshot is stored in this range: the job would do nothing.');
    return {
      totalItems: toCompute.length,
      skippedExisting: 0,
      upToDate,
      dateRange:
        selected.length > 0
          ? { startDate: selected[0], endDate: selected[selected.length - 1] }
          : null,
      dates: selected.length,
      districts: [...districts].sort(),
      upstreamRequests: 0,
      estimatedDurationSeconds: estimateSeconds(toCompute.length, measurement),
      rateLimit: null,
      notes,
    };
  }
}

interface DatePlan {
  /** Every stored snapshot date, ascending, whatever the range. */
  readonly stored: string[];
  /** The stored dates in the job's range. */
  readonly selected: string[];
  /** The selected dates to compute: all with force, else those not up to date. */
  readonly toCompute: string[];
  /** The input fingerprint of each selected date, stored with its analytics. */
  readonly fingerprints: ReadonlyMap<string, string>;
}

/**
 * Which dates a job computes. A date is up to date when the fingerprint stored with its
 * analytics equals the fingerprint of the snapshots stored now: both are read cheaply
 * (manifests, listings, document heads), never a snapshot body.
 */
async function planDates(
  snapshots: SnapshotStore,
  analytics: AnalyticsStore,
  config: JobConfig,
): Promise<DatePlan> {
  const range = rangeOf(config);
  const stored = await snapshots.listSnapshotDates();
  const selected = range ? await snapshots.listSnapshotDates(range) : stored;
  const fingerprints = await inputFingerprints(snapshots, stored, selected);
  if (config.force) return { stored, selected, toCompute: selected, fingerprints };
  const current = await analytics.getInputFingerprints(selected);
  const toCompute = selected.filter((date) => current.get(date) !== fingerprints.get(date));
  return { stored, selected, toCompute, fingerprints };
}

/**
 * One analytics-generation run: the generator built while planning, and the time its items
 * took, stored as the cost measurement previews use when the run closes.
 */
class AnalyticsRun implements JobRun {
  private readonly logger = new Logger('AnalyticsGeneration');
  private generator: SnapshotAnalyticsGenerator | null = null;
  private fingerprints: ReadonlyMap<string, string> = new Map();
  /** The planned date after each one (items run one at a time, in date order). */
  private nextDates: ReadonlyMap<string, string | undefined> = new Map();
  private upToDate = 0;
  private measuredMs = 0;
  private measuredSnapshots = 0;

  constructor(
    private readonly context: JobRunContext,
    private readonly snapshots: SnapshotStore,
    private readonly analytics: AnalyticsStore,
    private readonly clock: Clock,
    private readonly processor: DistrictFiguresProcessor,
  ) {}

  async plan(): Promise<PlannedItem[]> {
    const plan = await planDates(this.snapshots, this.analytics, this.context.job.config);
    this.generator = new SnapshotAnalyticsGenerator(
      this.snapshots,
      this.analytics,
      plan.stored,
      this.processor,
    );
    this.fingerprints = plan.fingerprints;
    this.nextDates = new Map(plan.toCompute.map((date, i) => [date, plan.toCompute[i + 1]]));
    this.upToDate = plan.selected.length - plan.toCompute.length;
    return plan.toCompute.map((date) => ({ id: date, group: programYearOfDate(date) }));
  }

  async processItem(item: PlannedItem): Promise<ItemResult> {
    if (!this.generator) throw new Error('analytics-generation item processed before planning');
    const started = this.clock.now();
    const result = await this.generator.generate(
      item.id,
      this.context.signal,
      this.fingerprints.get(item.id),
      this.nextDates.get(item.id),
    );
    if (result.outcome === 'done') {
      this.measuredMs += this.clock.now() - started;
      this.measuredSnapshots++;
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.measuredSnapshots === 0) return;
    try {
      const previous = await this.analytics.getCostMeasurement();
      const merged = mergeCostMeasurement(previous, this.measuredMs, this.measuredSnapshots);
      if (merged) await this.analytics.saveCostMeasurement(merged);
    } catch (error) {
      // Only previews lose by it; the results are stored.
      this.logger.warn(`Could not store the measured analytics cost: ${errorMessage(error)}`);
    }
  }

  result(): Record<string, unknown> {
    return { snapshotsAnalysed: this.measuredSnapshots, snapshotsUpToDate: this.upToDate };
  }
}

/** The job's optional date range; the jobs service guarantees both ends or neither. */
function rangeOf(config: JobConfig): DateRange | null {
  if (!config.startDate && !config.endDate) return null;
  return { startDate: config.startDate, endDate: config.endDate };
}
