import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import { CreateJobResponseDto, JobDto } from '@backfill/api-client';
import { EMPTY, catchError, switchMap, tap } from 'rxjs';
import { CurrentJobComponent } from '../backfill/current-job/current-job.component';
import { ItemGridComponent } from '../backfill/item-grid/item-grid.component';
import { JobLiveService, LiveMode } from '../backfill/job-live.service';
import { apiErrorMessage } from '../core/api-client';
import { isTerminal } from '../shared/job-status';
import { JobActionLogComponent } from './job-action-log.component';
import { JobConfigComponent } from './job-config.component';
import { isJobId } from './job-id';
import { JobItemsComponent } from './job-items/job-items.component';

/**
 * One job on its own page (`/jobs/:jobId`), so it can be linked: the live view, the grid,
 * the items page by page, the action log and the config.
 */
@Component({
  selector: 'app-job-page',
  imports: [
    MatCardModule,
    MatIconModule,
    RouterLink,
    CurrentJobComponent,
    ItemGridComponent,
    JobItemsComponent,
    JobActionLogComponent,
    JobConfigComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="crumbs" aria-label="Breadcrumb">
      <a routerLink="/" data-testid="back-to-backfill"
        ><mat-icon aria-hidden="true">arrow_back</mat-icon>Backfill</a
      >
    </nav>
    <h1 data-testid="job-page-title">Job {{ shortId() }}</h1>

    @if (problem(); as problem) {
      <p class="form-error" role="alert" data-testid="job-page-error">{{ problem }}</p>
    }

    @if (job(); as job) {
      <mat-card appearance="outlined"
        ><mat-card-content>
          <app-current-job
            [job]="job"
            [mode]="mode()"
            [selected]="true"
            (cancelled)="jobState.set($event)"
          /> </mat-card-content
      ></mat-card>
      <mat-card appearance="outlined"
        ><mat-card-content>
          <app-item-grid [job]="job" (retried)="openRetry($event)" /> </mat-card-content
      ></mat-card>
      <mat-card appearance="outlined"
        ><mat-card-content> <app-job-items [job]="job" /> </mat-card-content
      ></mat-card>
      <div class="details">
        <mat-card appearance="outlined"
          ><mat-card-content> <app-job-action-log [actions]="job.actions" /> </mat-card-content
        ></mat-card>
        <mat-card appearance="outlined"
          ><mat-card-content> <app-job-config [job]="job" /> </mat-card-content
        ></mat-card>
      </div>
    } @else if (!problem()) {
      <p class="muted" role="status">Loading the job…</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    h1 {
      margin: 0;
      font-size: 1.5rem;
    }
    .crumbs a {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      color: var(--mat-sys-primary);
    }
    .details {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 16px;
      align-items: start;
    }
    @media (max-width: 960px) {
      .details {
        grid-template-columns: 1fr;
      }
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class JobPageComponent {
  private readonly live = inject(JobLiveService);
  private readonly router = inject(Router);

  /** From the route (`/jobs/:jobId`). */
  readonly jobId = input.required<string>();

  protected readonly jobState = signal<JobDto | null>(null);
  protected readonly job = this.jobState.asReadonly();
  protected readonly mode = signal<LiveMode | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly shortId = computed(() => this.jobId().slice(0, 8));

  constructor() {
    toObservable(this.jobId)
      .pipe(
        tap(() => {
          this.jobState.set(null);
          this.mode.set(null);
          this.problem.set(null);
        }),
        switchMap((jobId) => {
          // A mistyped link is answered here, without asking the API.
          if (!isJobId(jobId)) {
            this.problem.set(`"${jobId}" is not a job id (a job id is a UUID).`);
            return EMPTY;
          }
          return this.live.watch(jobId).pipe(
            tap({
              next: ({ job, mode }) => {
                this.jobState.set(job);
                this.mode.set(isTerminal(job.status) ? null : mode);
              },
              complete: () => this.mode.set(null),
            }),
            catchError((error: unknown) => {
              this.mode.set(null);
              this.problem.set(apiErrorMessage(error));
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  /** A retry is a new job: its own page. */
  protected openRetry(response: CreateJobResponseDto): void {
    void this.router.navigate(['/jobs', response.jobId]);
  }
}
