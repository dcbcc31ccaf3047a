import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { BackfillService, CreateJobResponseDto, JobDto } from '@backfill/api-client';
import { EMPTY, catchError, filter, interval, map, of, startWith, switchMap, tap } from 'rxjs';
import { apiErrorMessage } from '../core/api-client';
import { LastRecoveryComponent } from '../recovery/last-recovery.component';
import { isTerminal } from '../shared/job-status';
import { CreateJobFormComponent } from './create-job/create-job-form.component';
import { CurrentJobComponent } from './current-job/current-job.component';
import { ItemGridComponent } from './item-grid/item-grid.component';
import { JobHistoryComponent } from './job-history/job-history.component';
import { JobLiveService, LiveMode } from './job-live.service';
import { RateLimitSettingsComponent } from './rate-limit-settings/rate-limit-settings.component';
import { ScheduleSummaryComponent } from './schedule-summary/schedule-summary.component';

/** How often the page looks for a job started elsewhere while it shows none running. */
export const ACTIVE_JOB_CHECK_MS = 5000;

/** Everything about backfills on one page: create, watch, grid, history, rate limits. */
@Component({
  selector: 'app-backfill-page',
  imports: [
    MatCardModule,
    MatIconModule,
    RouterLink,
    LastRecoveryComponent,
    CreateJobFormComponent,
    CurrentJobComponent,
    ItemGridComponent,
    JobHistoryComponent,
    RateLimitSettingsComponent,
    ScheduleSummaryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="visually-hidden">Backfill</h1>
    <div class="controls">
      <mat-card appearance="outlined"
        ><mat-card-content> <app-create-job-form (created)="onCreated($event)" /> </mat-card-content
      ></mat-card>
      <mat-card appearance="outlined"
        ><mat-card-content> <app-rate-limit-settings /> </mat-card-content
      ></mat-card>
    </div>

    @if (watchError(); as problem) {
      <p class="form-error" role="alert">{{ problem }}</p>
    }

    @if (job(); as job) {
      <mat-card appearance="outlined"
        ><mat-card-content>
          <app-current-job
            [job]="job"
            [mode]="mode()"
            [selected]="selected()"
            (cancelled)="onChanged($event)"
            (changed)="onChanged($event)"
          />
          <a class="open-job" [routerLink]="['/jobs', job.jobId]" data-testid="open-job-page"
            ><mat-icon aria-hidden="true">open_in_new</mat-icon>Open the job's page (items, action
            log, config)</a
          >
        </mat-card-content></mat-card
      >
      <mat-card appearance="outlined"
        ><mat-card-content>
          <app-item-grid [job]="job" (retried)="onCreated($event)" /> </mat-card-content
      ></mat-card>
    } @else {
      <mat-card appearance="outlined"
        ><mat-card-content>
          <p class="idle" data-testid="no-current-job">
            No job is running. Start one above, or pick one from the history to see its items.
          </p>
        </mat-card-content></mat-card
      >
    }

    <mat-card appearance="outlined"
      ><mat-card-content> <app-schedule-summary /> </mat-card-content
    ></mat-card>

    <mat-card appearance="outlined"
      ><mat-card-content>
        <app-job-history
          [refreshKey]="historyKey()"
          [selectedId]="watchedId()"
          (selectJob)="select($event)"
        /> </mat-card-content
    ></mat-card>

    <mat-card appearance="outlined"
      ><mat-card-content> <app-last-recovery /> </mat-card-content
    ></mat-card>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    .controls {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: 16px;
      align-items: start;
    }
    @media (max-width: 960px) {
      .controls {
        grid-template-columns: 1fr;
      }
    }
    .open-job {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      margin-top: 8px;
      color: var(--mat-sys-primary);
    }
    .idle {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class BackfillPageComponent {
  private readonly api = inject(BackfillService);
  private readonly live = inject(JobLiveService);

  protected readonly watchedId = signal<string | null>(null);
  /** True when the user picked the watched job from the history. */
  protected readonly selected = signal(false);
  protected readonly job = signal<JobDto | null>(null);
  protected readonly mode = signal<LiveMode | null>(null);
  protected readonly historyKey = signal(0);
  protected readonly watchError = signal<string | null>(null);

  constructor() {
    toObservable(this.watchedId)
      .pipe(
        switchMap((jobId) => {
          if (!jobId) return EMPTY;
          return this.live.watch(jobId).pipe(
            tap({
              next: ({ job, mode }) => {
                const before = this.job();
                this.job.set(job);
                this.mode.set(isTerminal(job.status) ? null : mode);
                this.watchError.set(null);
                // The history shows statuses too: refresh it on every transition (e.g. the end).
                if (before?.jobId === job.jobId && before.status !== job.status) {
                  this.refreshHistory();
                }
              },
              complete: () => this.mode.set(null),
            }),
            catchError((error: unknown) => {
              this.mode.set(null);
              this.watchError.set(`Live updates stopped: ${apiErrorMessage(error)}`);
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe();

    // Picks up the active job at start and any job started elsewhere while none is shown.
    // With none active and none shown yet (a reload), the newest job is shown with its
    // outcome, so a job that just ended stays on the page until a new one starts.
    interval(ACTIVE_JOB_CHECK_MS)
      .pipe(
        startWith(0),
        filter(() => !this.selected() && (this.job() === null || isTerminal(this.job()!.status))),
        switchMap(() =>
          this.api.getStatus().pipe(
            switchMap((status) =>
              status.activeJob || this.watchedId() !== null
                ? of(status.activeJob?.jobId ?? null)
                : this.api.listJobs({ limit: 1 }).pipe(map((page) => page.jobs[0]?.jobId ?? null)),
            ),
            catchError(() => EMPTY),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((jobId) => {
        if (jobId && jobId !== this.watchedId()) {
          this.watch(jobId, false);
          this.refreshHistory();
        }
      });
  }

  protected onCreated(response: CreateJobResponseDto): void {
    this.job.set(response.job);
    this.watch(response.jobId, false);
    this.refreshHistory();
  }

  /** A cancel, pause or resume answered with the job as it now is. */
  protected onChanged(job: JobDto): void {
    this.job.set(job);
    this.refreshHistory();
  }

  protected select(jobId: string): void {
    this.watch(jobId, true);
  }

  private watch(jobId: string, selected: boolean): void {
    this.selected.set(selected);
    if (this.job()?.jobId !== jobId) this.job.set(null);
    this.watchedId.set(jobId);
  }

  private refreshHistory(): void {
    this.historyKey.update((n) => n + 1);
  }
}
