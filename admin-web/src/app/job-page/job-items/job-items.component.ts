import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import {
  BackfillService,
  ItemOutcome,
  JobDto,
  JobItemCountsDto,
  JobItemDto,
  ListJobItems$Params,
} from '@backfill/api-client';
import {
  EMPTY,
  asyncScheduler,
  catchError,
  combineLatest,
  distinctUntilChanged,
  switchMap,
  throttleTime,
} from 'rxjs';
import { apiErrorMessage } from '../../core/api-client';
import { formatUtc } from '../../shared/format';
import { GRID_REFRESH_MS } from '../../backfill/item-grid/item-grid.component';

/** Each outcome in words and as a symbol, so it never rests on colour. */
const OUTCOMES: { value: ItemOutcome; label: string; icon: string }[] = [
  { value: 'done', label: 'Done', icon: 'check_circle' },
  { value: 'skipped', label: 'Skipped', icon: 'skip_next' },
  { value: 'failed', label: 'Failed', icon: 'error' },
];

/** A job's finished items, one page at a time, filtered by outcome (the items endpoint). */
@Component({
  selector: 'app-job-items',
  imports: [MatFormFieldModule, MatIconModule, MatPaginatorModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './job-items.component.html',
  styleUrl: './job-items.component.scss',
})
export class JobItemsComponent {
  private readonly api = inject(BackfillService);

  readonly job = input.required<JobDto>();

  protected readonly outcomes = OUTCOMES;
  protected readonly outcomeFilter = signal<ItemOutcome | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly items = signal<JobItemDto[]>([]);
  protected readonly total = signal(0);
  protected readonly counts = signal<JobItemCountsDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly formatUtc = formatUtc;

  /** The page asked for: changed by the filter and the pager, answered at once. */
  private readonly query = computed(() => {
    const params: ListJobItems$Params = {
      jobId: this.job().jobId,
      limit: this.pageSize(),
      offset: this.pageIndex() * this.pageSize(),
    };
    const outcome = this.outcomeFilter();
    if (outcome) params.outcome = [outcome];
    return params;
  });
  /** Changes whenever the job finishes more items or changes status. */
  private readonly progress = computed(
    () => `${this.job().jobId}|${this.job().status}|${this.job().counters.processed}`,
  );

  constructor() {
    const progress$ = toObservable(this.progress).pipe(
      distinctUntilChanged(),
      // A running job changes on every item: reload at most every few seconds meanwhile.
      throttleTime(GRID_REFRESH_MS, asyncScheduler, { leading: true, trailing: true }),
    );
    combineLatest([toObservable(this.query), progress$])
      .pipe(
        switchMap(([params]) => {
          this.loading.set(true);
          return this.api.listJobItems(params).pipe(
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
        this.items.set(page.items);
        this.total.set(page.total);
        this.counts.set(page.counts);
      });
  }

  protected setOutcome(outcome: ItemOutcome | null): void {
    this.outcomeFilter.set(outcome);
    this.pageIndex.set(0);
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  protected outcomeOf(item: JobItemDto): { label: string; icon: string } {
    return OUTCOMES.find((o) => o.value === item.outcome) ?? { label: item.outcome, icon: 'help' };
  }

  /** Why it was skipped or failed, with the item that superseded it. */
  protected reasonOf(item: JobItemDto): string {
    if (!item.reason) return '—';
    return item.supersededBy ? `${item.reason} by ${item.supersededBy}` : item.reason;
  }
}
