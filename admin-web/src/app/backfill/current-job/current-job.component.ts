import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  AllowedRateReason,
  BackfillService,
  JobDto,
  LimiterWait,
  RateLimitConfigDto,
} from '@backfill/api-client';
import { Observable, filter, map, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-client';
import { ConfirmDialogComponent, ConfirmDialogData } from '../../shared/confirm-dialog.component';
import { compareDistricts, formatDateRange, formatDuration, formatUtc } from '../../shared/format';
import { TYPE_LABEL, isActive, isTerminal } from '../../shared/job-status';
import { StatusChipComponent } from '../../shared/status-chip.component';
import type { LiveMode } from '../job-live.service';
import { countOf } from '../../shared/plural';

/** Why the limiter allows the rate it does, in the console's words. */
const RATE_REASON_LABEL: Record<AllowedRateReason, string> = {
  'configured-maximum': 'the configured maximum',
  'lowered-after-throttle': 'lowered after a 429, rising again',
  'lowered-after-server-error': 'lowered after a server error, rising again',
};

/** What the next request waits for. */
const WAIT_LABEL: Record<LimiterWait, string> = {
  'retry-after': "the dashboard's Retry-After",
  pause: 'the periodic pause',
  window: 'the per-minute limit',
  'allowed-rate': 'the allowed rate',
  'min-delay': 'the minimum delay',
  concurrency: 'a request in flight',
};

/** The job being watched: progress, counters, pace, limiter, breakdown, cancel. */
@Component({
  selector: 'app-current-job',
  imports: [
    MatButtonModule,
    MatExpansionModule,
    MatIconModule,
    MatProgressBarModule,
    StatusChipComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './current-job.component.html',
  styleUrl: './current-job.component.scss',
})
export class CurrentJobComponent {
  private readonly api = inject(BackfillService);
  private readonly dialog = inject(MatDialog);

  readonly job = input.required<JobDto>();
  /** How updates arrive; null once the job is over. */
  readonly mode = input<LiveMode | null>(null);
  /** A job picked from the history rather than the active one. */
  readonly selected = input(false);
  readonly cancelled = output<JobDto>();
  /** A pause or a resume changed the job. */
  readonly changed = output<JobDto>();

  /** Which of pause or resume is under way. */
  protected readonly busy = signal<'pause' | 'resume' | null>(null);
  protected readonly pausable = computed(() => isActive(this.job().status));
  /** Paused, but its runner still finishes items in flight: a resume waits for it. */
  protected readonly stillPausing = computed(
    () => this.job().status === 'paused' && this.job().lease !== null,
  );

  protected readonly cancelling = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly typeLabel = TYPE_LABEL;
  protected readonly countOf = countOf;
  protected readonly formatUtc = formatUtc;
  protected readonly rateReasonLabel = RATE_REASON_LABEL;
  protected readonly waitLabel = WAIT_LABEL;

  /** `120/min, 2 at once, a 5 s pause every 100`: the limits the running job obeys. */
  protected describeLimit(config: RateLimitConfigDto): string {
    const base = `${config.maxRequestsPerMinute}/min, ${config.maxConcurrent} at once`;
    return config.pauseEveryRequests > 0
      ? `${base}, a ${config.pauseMs / 1000} s pause every ${config.pauseEveryRequests}`
      : base;
  }

  protected readonly active = computed(() => !isTerminal(this.job().status));
  protected readonly percent = computed(() => this.job().throughput.percentComplete);
  protected readonly range = computed(() =>
    formatDateRange(this.job().config.startDate, this.job().config.endDate),
  );
  protected readonly eta = computed(() =>
    this.active() ? formatDuration(this.job().throughput.etaSeconds) : '—',
  );
  protected readonly duration = computed(() =>
    this.job().durationMs === null ? null : formatDuration((this.job().durationMs ?? 0) / 1000),
  );
  protected readonly groups = computed(() =>
    Object.entries(this.job().progressByGroup)
      .sort(([a], [b]) => compareDistricts(a, b))
      .map(([name, c]) => ({
        name,
        ...c,
        percent: c.total > 0 ? Math.round((c.processed / c.total) * 100) : 0,
      })),
  );
  protected readonly recentErrors = computed(() => this.job().errors.slice(-10).reverse());

  protected confirmPause(): void {
    const job = this.job();
    this.confirmThen(
      {
        title: 'Pause this job?',
        message:
          'No new items will start and items in flight finish; another job can then run. ' +
          `Resume it later: it continues with the ${countOf(job.counters.total - job.counters.processed, 'item')} not yet done.`,
        confirm: 'Pause job',
        cancel: 'Keep running',
      },
      'pause',
      () => this.api.pauseJob({ jobId: job.jobId }),
    );
  }

  protected confirmResume(): void {
    const job = this.job();
    this.confirmThen(
      {
        title: 'Resume this job?',
        message: 'It continues from where it stopped; items already done are not done again.',
        confirm: 'Resume job',
        cancel: 'Keep paused',
      },
      'resume',
      () => this.api.resumeJob({ jobId: job.jobId }).pipe(map((response) => response.job)),
    );
  }

  private confirmThen(
    data: ConfirmDialogData,
    action: 'pause' | 'resume',
    call: () => Observable<JobDto>,
  ): void {
    this.error.set(null);
    this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, { data })
      .afterClosed()
      .pipe(
        filter((yes) => yes === true),
        switchMap(() => {
          this.busy.set(action);
          return call();
        }),
      )
      .subscribe({
        next: (updated) => {
          this.busy.set(null);
          this.changed.emit(updated);
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.error.set(apiErrorMessage(error));
        },
      });
  }

  protected confirmCancel(): void {
    const job = this.job();
    const data: ConfirmDialogData = {
      title: 'Cancel this job?',
      message:
        `No new items will start; the ${countOf(job.counters.total - job.counters.processed, 'item')} ` +
        'not yet done stay undone (retry or start again later). Items in flight finish.',
      confirm: 'Cancel job',
      cancel: 'Keep running',
    };
    this.error.set(null);
    this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, { data })
      .afterClosed()
      .pipe(
        filter((yes) => yes === true),
        switchMap(() => {
          this.cancelling.set(true);
          return this.api.cancelJob({ jobId: job.jobId });
        }),
      )
      .subscribe({
        next: (updated) => {
          this.cancelling.set(false);
          this.cancelled.emit(updated);
        },
        error: (error: unknown) => {
          this.cancelling.set(false);
          this.error.set(apiErrorMessage(error));
        },
      });
  }
}
