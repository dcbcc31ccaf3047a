import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { addDays, datesInRange, IsoDate } from '../common/utc-dates';
import { AppConfig } from '../config/app-config';
import { MetricsRecorder } from '../metrics/metrics-recorder';
import { JobHandlerRegistry } from '../jobs/job-handler-registry';
import {
  HandlerLiveStatus,
  ItemFailure,
  ItemResult,
  JobHandler,
  JobPreview,
  JobRun,
  JobRunContext,
  PlannedItem,
} from '../jobs/job-handler';
import { JobConfig, orderOf } from '../domain/job.model';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { RateLimiterFactory } from '../rate-limit/rate-limiter.factory';
import type { RateLimitConfig } from '../domain/rate-limit-config';
import { SnapshotStore } from '../storage/snapshot-store';
import { cellsOf, supersededCells } from './closing-days';
import { estimateSeconds } from './collection-estimate';
import { countPreview } from './collection-preview-counts';
import { DATE_SLOT_STRATEGIES } from './dashboard/dashboard-urls';
import { DashboardClient } from './dashboard/dashboard-client';
import { DistrictCollector } from './snapshot/district-collector';
import { KnownDistrictsService } from './known-districts.service';
import { ReportProcessor } from './reports/report-processor';
import { SummaryPlanner, DatePlan } from './summary-planner';

/** Pseudo-district of the item that stands for a date whose summary could not be read. */
export const SUMMARY_ITEM = 'summary';
/** Skip reason of a cell whose data a later closing day of the same job replaces. */
export const SUPERSEDED = 'superseded';
/** Ten years of dates; a bigger range is almost certainly a typo. */
const MAX_RANGE_DAYS = 3660;
const EARLIEST_RELIABLE_DATE = '2017-02-06';
/**
 * How many dates back from the end date a preview on an empty data directory looks for a
 * summary with districts (the newest days may not be published yet).
 */
const PREVIEW_SUMMARY_LOOKBACK = 7;

/**
 * data-collection jobs: items are (date, district) cells, `YYYY-MM-DD/DISTRICT`. Planning
 * reads each date's summary once (from the raw store when already downloaded) to learn
 * the districts and the closing-period remap; each item then downloads its district's
 * three reports through the job's rate limiter and stores raw CSVs and the snapshot.
 */
@Injectable()
export class DataCollectionHandler extends JobHandler {
  readonly jobType = 'data-collection' as const;
  constructor(
    registry: JobHandlerRegistry,
    private readonly snapshots: SnapshotStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly processor: ReportProcessor,
    private readonly metrics: MetricsRecorder,
    private readonly knownDistricts: KnownDistrictsService,
    private readonly limiters: RateLimiterFactory,
  ) {
    super();
    registry.register(this);
  }

  override validate(config: JobConfig): string[] {
    if (!config.startDate || !config.endDate) return [];
    const days = datesInRange(config.startDate, config.endDate).length;
    return days > MAX_RANGE_DAYS
      ? [`the date range spans ${days} days; at most ${MAX_RANGE_DAYS} per job`]
      : [];
  }

  start(context: JobRunContext): CollectionRun {
    const limiter = this.limiters.create(context.rateLimit);
    // The run's stop signal ends a wait for the limiter at once (cancel, lease loss,
    // shutdown); the item that waited is left unfinished and redone on resume.
    const client = this.client(limiter, context.stopSignal);
    return new CollectionRun(context, limiter, client, this.snapshots, this.processor, this.clock);
  }

  /** A failed summary item is redone as every district that summary now lists. */
  override selectRetryItems(planned: PlannedItem[], failed: ReadonlySet<string>): PlannedItem[] {
    const failedSummaryDates = new Set(
      [...failed].filter((id) => id.endsWith(`/${SUMMARY_ITEM}`)).map((id) => id.split('/')[0]),
    );
    return planned.filter(
      (item) => failed.has(item.id) || failedSummaryDates.has(item.id.split('/')[0]),
    );
  }

  async preview(config: JobConfig, rateLimit: RateLimitConfig): Promise<JobPreview> {
    const { startDate, endDate } = config;
    if (!startDate || !endDate) throw new Error('data-collection needs startDate and endDate');
    const dates = datesInRange(startDate, endDate);
    const notes: string[] = [];
    const limiter = this.limiters.create(rateLimit);
    const client = this.client(limiter);
    const planner = new SummaryPlanner(this.snapshots, client, this.clock);
    let districts = config.targetDistricts;
    const stored = await Promise.all(dates.map((date) => planner.storedPlan(date)));
    if (!districts) {
      const found = await this.districtsForPreview(planner, stored, endDate);
      districts = found.districts;
      notes.push(
        `Districts are those listed in ${found.source} (${districts.length}); each date's own summary decides when the job runs.`,
      );
    }
    const counts = await countPreview({
      dates,
      stored,
      targetDistricts: config.targetDistricts,
      assumedDistricts: districts,
      skipExisting: config.skipExisting,
      closingDays: config.closingDays ?? 'last',
      storedCollectionDate: (snapshotDate, district) =>
        this.snapshots.districtSnapshotCollectionDate(snapshotDate, district),
      summaryRequestsAtMost: (date) => client.summaryRequestsAtMost(date),
    });
    if (counts.unclassifiedDates > 0) {
      notes.push(
        `${counts.unclassifiedDates} of ${dates.length} dates have no stored summary yet, so their ${counts.unclassifiedItems} items could not be classified: they are counted as downloads, and items to download, requests and duration are at most these figures (the job may skip some as superseded closing days or as existing).`,
      );
    }
    const upstreamRequests = counts.summaryRequests + counts.downloads * 3;
    if (startDate < EARLIEST_RELIABLE_DATE) {
      notes.push(`Daily history before ${EARLIEST_RELIABLE_DATE} is patchy on the dashboard.`);
    }
    const pause =
      rateLimit.pauseEveryRequests > 0 && rateLimit.pauseMs > 0
        ? `, a ${rateLimit.pauseMs} ms pause every ${rateLimit.pauseEveryRequests} requests`
        : '';
    if (orderOf(config) === 'newest-first' && dates.length > 1) {
      notes.push(`Dates are collected newest first: ${endDate} first, back to ${startDate}.`);
    }
    notes.push(
      `Duration assumes ${rateLimit.maxRequestsPerMinute} requests/min, ${rateLimit.maxConcurrent} in flight, ${rateLimit.minDelayMs} ms between starts${pause} and about 1.5 s per response.`,
    );
    return {
      totalItems: counts.totalItems,
      skippedExisting: counts.skippedExisting,
      superseded: counts.superseded,
      noDataItems: counts.noData,
      unclassifiedItems: counts.unclassifiedItems,
      itemsToDownload: counts.downloads,
      dateRange: { startDate, endDate },
      dates: dates.length,
      districts,
      upstreamRequests,
      estimatedDurationSeconds: estimateSeconds(upstreamRequests, rateLimit),
      rateLimit,
      notes,
    };
  }

  /**
   * The districts a job without targets would cover, from what is stored where possible: a
   * summary of the range, else the newest stored anywhere. The dashboard is asked only
   * while nothing at all is stored, and nothing it answers is stored (a dry run): the end
   * date's summary, or when the dashboard has no data for it, the nearest earlier date's.
   */
  private async districtsForPreview(
    planner: SummaryPlanner,
    stored: (DatePlan | null)[],
    endDate: IsoDate,
  ): Promise<{ districts: string[]; source: string }> {
    const inRange = stored.find((plan) => plan && plan.districts.length > 0);
    if (inRange) return { districts: inRange.districts, source: 'a stored summary of the range' };
    const newest = await this.knownDistricts.latest();
    if (newest.snapshotDate) {
      return {
        districts: newest.districts.map((d) => d.id),
        source: `the newest stored summary, of ${newest.snapshotDate}`,
      };
    }
    const tried: IsoDate[] = [];
    for (let date = endDate; tried.length < PREVIEW_SUMMARY_LOOKBACK; date = addDays(date, -1)) {
      tried.push(date);
      const plan = await planner.previewPlan(date);
      if (plan.kind === 'failed') {
        return {
          districts: [],
          source: `no summary: the dashboard failed for ${date} (${plan.reason})`,
        };
      }
      if (plan.districts.length === 0) continue;
      if (date === endDate) {
        return { districts: plan.districts, source: "the end date's summary, just downloaded" };
      }
      return {
        districts: plan.districts,
        source: `the summary of ${date}, just downloaded, since the dashboard has no data for ${describeDates(tried.slice(0, -1))}`,
      };
    }
    return {
      districts: [],
      source: `no summary: the dashboard has no data for ${describeDates(tried)}; each date's own summary decides when the job runs`,
    };
  }

  private client(limiter: RateLimiter, waitSignal?: AbortSignal): DashboardClient {
    return new DashboardClient({
      baseUrl: this.config.dashboardBaseUrl,
      userAgent: this.config.dashboardUserAgent,
      timeoutMs: this.config.dashboardTimeoutMs,
      maxAttempts: this.config.dashboardMaxAttempts,
      clock: this.clock,
      limiter,
      waitSignal,
      processor: this.processor,
      dateSlots: DATE_SLOT_STRATEGIES[this.config.dashboardDateSlots],
      onAttempt: (report, outcome, seconds) =>
        this.metrics.recordUpstream(report, outcome, seconds),
    });
  }
}

/**
 * One data-collection run: the job's rate limiter and dashboard client, and what planning
 * learnt of each date (its summary plan, the closing days a later one replaces).
 */
class CollectionRun implements JobRun {
  private readonly plans = new Map<IsoDate, DatePlan>();
  /** Cells (`date/district`) a later closing day of the range replaces, with that date. */
  private superseded = new Map<string, IsoDate>();
  private noDataDates = 0;

  constructor(
    private readonly context: JobRunContext,
    private readonly limiter: RateLimiter,
    private readonly client: DashboardClient,
    private readonly snapshots: SnapshotStore,
    private readonly processor: ReportProcessor,
    private readonly clock: Clock,
  ) {}

  waitingOnUpstream(): boolean {
    const status = this.limiter.status();
    return status.throttled || status.pausedUntil !== null;
  }

  liveStatus(): HandlerLiveStatus {
    return { rateLimiter: this.limiter.status() };
  }

  result(): Record<string, unknown> {
    return { noDataDates: this.noDataDates };
  }

  async plan(): Promise<PlannedItem[]> {
    const { context } = this;
    const { startDate, endDate, targetDistricts, closingDays } = context.job.config;
    if (!startDate || !endDate) throw new Error('data-collection needs startDate and endDate');
    const planner = new SummaryPlanner(this.snapshots, this.client, this.clock);
    const items: PlannedItem[] = [];
    const dates = datesInRange(startDate, endDate);
    if (orderOf(context.job.config) === 'newest-first') dates.reverse();
    for (const date of dates) {
      context.signal.throwIfAborted();
      const plan = await planner.planDate(date, context.signal);
      this.plans.set(date, plan);
      context.reportPlanningProgress();
      const districts = targetDistricts ?? plan.districts;
      if (plan.kind === 'failed' && !targetDistricts) {
        items.push({ id: `${date}/${SUMMARY_ITEM}`, group: SUMMARY_ITEM });
        continue;
      }
      if (plan.kind === 'no-data' && !targetDistricts) this.noDataDates++;
      for (const district of districts) items.push({ id: `${date}/${district}`, group: district });
    }
    if ((closingDays ?? 'last') === 'last') {
      this.superseded = supersededCells(cellsOf([...this.plans.values()], targetDistricts));
    }
    return items;
  }

  async processItem(item: PlannedItem): Promise<ItemResult> {
    const [date, district] = item.id.split('/');
    const plan = this.plans.get(date);
    if (!plan) throw new ItemFailure(`no plan for ${date}`, true);
    if (district === SUMMARY_ITEM) {
      // Planned only for a date whose summary failed; a retry job expands it to districts.
      // The item id carries the date, so the reason does not: failures of many dates for
      // one cause then read alike, and the commonest error of a failed job names it.
      const why = plan.kind === 'failed' ? plan.reason : 'it was unavailable while planning';
      throw new ItemFailure(`the summary could not be read: ${why}`, true);
    }
    const supersedingDate = this.superseded.get(item.id);
    if (supersedingDate) {
      return {
        outcome: 'skipped',
        reason: SUPERSEDED,
        supersededBy: `${supersedingDate}/${district}`,
      };
    }
    const collector = new DistrictCollector(
      this.snapshots,
      this.client,
      this.processor,
      this.clock,
    );
    const { skipExisting } = this.context.job.config;
    return collector.collect(date, district, plan, skipExisting, this.context.signal);
  }
}

/** Newest-first dates as one phrase: `2025-09-07` or `2025-09-05..2025-09-07`. */
function describeDates(newestFirst: IsoDate[]): string {
  const newest = newestFirst[0];
  const oldest = newestFirst[newestFirst.length - 1];
  return newest === oldest ? newest : `${oldest}..${newest}`;
}
