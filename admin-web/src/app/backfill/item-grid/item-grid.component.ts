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
import { MatIconModule } from '@angular/material/icon';
import {
  BackfillService,
  CreateJobResponseDto,
  JobDto,
  JobItemDto,
  JobItemPageDto,
} from '@backfill/api-client';
import {
  EMPTY,
  Observable,
  catchError,
  distinctUntilChanged,
  expand,
  map,
  reduce,
  switchMap,
  throttleTime,
  asyncScheduler,
} from 'rxjs';
import { apiErrorMessage } from '../../core/api-client';
import { isTerminal } from '../../shared/job-status';
import { CELL_DISPLAY, CELL_STATES, buildItemGrid } from './item-grid.model';
import { countOf } from '../../shared/plural';

const PAGE_SIZE = 1000;
const DATES_PER_PAGE = 31;
/** While a job runs the grid reloads at most this often. */
export const GRID_REFRESH_MS = 3000;

/** Dates x districts of a job, one cell per item, coloured and labelled by outcome. */
@Component({
  selector: 'app-item-grid',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './item-grid.component.html',
  styleUrl: './item-grid.component.scss',
})
export class ItemGridComponent {
  private readonly api = inject(BackfillService);

  readonly job = input.required<JobDto>();
  readonly retried = output<CreateJobResponseDto>();

  protected readonly items = signal<JobItemDto[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly retrying = signal(false);
  protected readonly datePage = signal(0);
  protected readonly states = CELL_STATES;
  protected readonly display = CELL_DISPLAY;
  protected readonly countOf = countOf;

  protected readonly grid = computed(() => buildItemGrid(this.job(), this.items()));
  protected readonly pageCount = computed(() =>
    Math.max(1, Math.ceil(this.grid().rows.length / DATES_PER_PAGE)),
  );
  protected readonly rows = computed(() => {
    const page = Math.min(this.datePage(), this.pageCount() - 1);
    return this.grid().rows.slice(page * DATES_PER_PAGE, (page + 1) * DATES_PER_PAGE);
  });
  protected readonly failedItems = computed(() =>
    this.items().filter((item) => item.outcome === 'failed'),
  );
  protected readonly canRetry = computed(
    () => isTerminal(this.job().status) && this.failedItems().length > 0,
  );

  constructor() {
    toObservable(this.job)
      .pipe(
        map((job) => ({
          id: job.jobId,
          key: `${job.jobId}|${job.status}|${job.counters.processed}`,
        })),
        distinctUntilChanged((a, b) => a.key === b.key),
        throttleTime(GRID_REFRESH_MS, asyncScheduler, { leading: true, trailing: true }),
        switchMap(({ id }) =>
          this.loadAll(id).pipe(
            catchError((error: unknown) => {
              this.error.set(apiErrorMessage(error));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((items) => {
        this.error.set(null);
        this.items.set(items);
      });
    toObservable(computed(() => this.job().jobId))
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        this.datePage.set(0);
        this.items.set([]);
      });
  }

  protected retry(): void {
    this.retrying.set(true);
    this.error.set(null);
    this.api.retryJob({ jobId: this.job().jobId }).subscribe({
      next: (response) => {
        this.retrying.set(false);
        this.retried.emit(response);
      },
      error: (error: unknown) => {
        this.retrying.set(false);
        this.error.set(apiErrorMessage(error));
      },
    });
  }

  protected page(delta: number): void {
    this.datePage.update((p) => Math.min(this.pageCount() - 1, Math.max(0, p + delta)));
  }

  private loadAll(jobId: string): Observable<JobItemDto[]> {
    const fetch = (offset: number) => this.api.listJobItems({ jobId, limit: PAGE_SIZE, offset });
    return fetch(0).pipe(
      expand((page: JobItemPageDto) =>
        page.offset + page.items.length < page.total && page.items.length > 0
          ? fetch(page.offset + page.items.length)
          : EMPTY,
      ),
      reduce((all, page) => all.concat(page.items), [] as JobItemDto[]),
    );
  }
}
