import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  BackfillService,
  JobStatus,
  JobSummaryDto,
  JobType,
  ListJobs$Params,
} from '@backfill/api-client';
import { EMPTY, catchError, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-client';
import { formatDateRange, formatDuration, formatUtc } from '../../shared/format';
import { JOB_STATUSES, JOB_TYPES, STATUS_DISPLAY, TYPE_LABEL } from '../../shared/job-status';
import { StatusChipComponent } from '../../shared/status-chip.component';

/** Job history, newest first: filter by status and type, paged, refreshed on demand. */
@Component({
  selector: 'app-job-history',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTableModule,
    RouterLink,
    StatusChipComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './job-history.component.html',
  styleUrl: './job-history.component.scss',
})
export class JobHistoryComponent {
  private readonly api = inject(BackfillService);

  /** Bumped by the page when the history has changed (a job was created or ended). */
  readonly refreshKey = input(0);
  readonly selectedId = input<string | null>(null);
  readonly selectJob = output<string>();

  protected readonly statuses = JOB_STATUSES;
  protected readonly types = JOB_TYPES;
  protected readonly statusDisplay = STATUS_DISPLAY;
  protected readonly typeLabel = TYPE_LABEL;
  protected readonly columns = [
    'jobType',
    'status',
    'dates',
    'startedAt',
    'duration',
    'processed',
    'errors',
    'view',
  ];

  protected readonly statusFilter = signal<JobStatus[]>([]);
  protected readonly typeFilter = signal<JobType | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(10);
  private readonly manualRefresh = signal(0);

  protected readonly jobs = signal<JobSummaryDto[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly query = computed(() => {
    this.refreshKey();
    this.manualRefresh();
    const params: ListJobs$Params = {
      limit: this.pageSize(),
      offset: this.pageIndex() * this.pageSize(),
    };
    const status = this.statusFilter();
    const jobType = this.typeFilter();
    if (status.length) params.status = status;
    if (jobType) params.jobType = jobType;
    return params;
  });

  constructor() {
    toObservable(this.query)
      .pipe(
        switchMap((params) => {
          this.loading.set(true);
          return this.api.listJobs(params).pipe(
            catchError((error: unknown) => {
              this.loading.set(false);
              this.error.set(apiErrorMessage(error));
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.loading.set(false);
        this.error.set(null);
        this.jobs.set(page.jobs);
        this.total.set(page.total);
      });
  }

  protected setStatuses(statuses: JobStatus[]): void {
    this.statusFilter.set(statuses);
    this.pageIndex.set(0);
  }

  protected setType(type: JobType | null): void {
    this.typeFilter.set(type);
    this.pageIndex.set(0);
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  protected refresh(): void {
    this.manualRefresh.update((n) => n + 1);
  }

  protected typeName(job: JobSummaryDto): string {
    return TYPE_LABEL[job.jobType];
  }

  protected dates(job: JobSummaryDto): string {
    return formatDateRange(job.config.startDate, job.config.endDate);
  }

  protected duration(job: JobSummaryDto): string {
    return job.durationMs === null ? '—' : formatDuration(job.durationMs / 1000);
  }

  protected started(job: JobSummaryDto): string {
    return formatUtc(job.startedAt);
  }

  protected errorSummary(job: JobSummaryDto): string {
    const parts: string[] = [];
    if (job.failureReason) parts.push(job.failureReason);
    if (job.counters.failed) parts.push(`${job.counters.failed} failed`);
    if (job.lastError) parts.push(`last: ${job.lastError}`);
    return parts.join('; ') || '—';
  }
}
