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

/**
 * analytics-generation jobs: one item per stored snapshot date (all of them, or those in
 * the job's range), id `YYYY-MM-DD`, grouped by program year. Each item reads that
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
    return new AnalyticsRun(context, this.snapshots, this.analytics, this.clock);
  }

  async preview(config: JobConfig): Promise<JobPreview> {
    const dates = await this.snapshots.listSnapshotDates(rangeOf(config) ?? {});
    const districts = new Set<string>();
    for (const date of dates) {
      for (const district of await this.snapshots.listDistrictIds(date)) districts.add(district);
    }
    const measurement = await this.analytics.getCostMeasurement();
    const notes = [
      measurement
        ? `Duration uses the measured ${measurement.secondsPerSnapshot} s per snapshot, averaged over the last ${measurement.snapshotsMeasured} snapshots analysed.`
        : `No run has been measured yet; duration assumes ${DEFAULT_SECONDS_PER_SNAPSHOT} s per snapshot.`,
      'Every selected snapshot is recomputed (skipExisting does not apply): analytics depend on the previous snapshot too, and recomputing stores identical results.',
    ];
    if (dates.length === 0)
      notes.push('No snapshot is stored in this range: the job would do nothing.');
    return {
      totalItems: dates.length,
      skippedExisting: 0,
      dateRange:
        dates.length > 0 ? { startDate: dates[0], endDate: dates[dates.length - 1] } : null,
      dates: dates.length,
      districts: [...districts].sort(),
      upstreamRequests: 0,
      estimatedDurationSeconds: estimateSeconds(dates.length, measurement),
      rateLimit: null,
      notes,
    };
  }
}

/**
 * One analytics-generation run: the generator built while planning, and the time its items
 * took, stored as the cost measurement previews use when the run closes.
 */
class AnalyticsRun implements JobRun {
  private readonly logger = new Logger('AnalyticsGeneration');
  private generator: SnapshotAnalyticsGenerator | null = null;
  private measuredMs = 0;
  private measuredSnapshots = 0;

  constructor(
    private readonly context: JobRunContext,
    private readonly snapshots: SnapshotStore,
    private readonly analytics: AnalyticsStore,
    private readonly clock: Clock,
  ) {}

  async plan(): Promise<PlannedItem[]> {
    const range = rangeOf(this.context.job.config);
    const stored = await this.snapshots.listSnapshotDates();
    this.generator = new SnapshotAnalyticsGenerator(this.snapshots, this.analytics, stored);
    const selected = range ? await this.snapshots.listSnapshotDates(range) : stored;
    return selected.map((date) => ({ id: date, group: programYearOfDate(date) }));
  }

  async processItem(item: PlannedItem): Promise<ItemResult> {
    if (!this.generator) throw new Error('analytics-generation item processed before planning');
    const started = this.clock.now();
    const result = await this.generator.generate(item.id, this.context.signal);
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
    return { snapshotsAnalysed: this.measuredSnapshots };
  }
}

/** The job's optional date range; the jobs service guarantees both ends or neither. */
function rangeOf(config: JobConfig): DateRange | null {
  if (!config.startDate && !config.endDate) return null;
  return { startDate: config.startDate, endDate: config.endDate };
}
