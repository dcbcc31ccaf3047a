import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSortModule, Sort } from '@angular/material/sort';
import { Router } from '@angular/router';
import { AnalyticsService } from '@backfill/api-client';
import { loadOnChange } from '../../core/load-on-change';
import { formatUtc } from '../../shared/format';
import { countOf } from '../../shared/plural';
import { isIsoDate } from '../../shared/utc-dates';
import { knownDistrictsSignal } from '../known-districts';
import { RankingColumn, SortDirection, sortRanking } from './ranking-sort';

/**
 * One snapshot date's analytics from `GET /analytics/snapshots/{date}`: the Borda ranking
 * as a sortable table, and each district's club health and distinguished clubs. The date
 * lives in the URL (`?date=2025-03-14`).
 */
@Component({
  selector: 'app-snapshot-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSortModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './snapshot-page.component.html',
  styleUrl: '../analytics-page.scss',
})
export class SnapshotPageComponent {
  private readonly api = inject(AnalyticsService);
  private readonly router = inject(Router);

  /** From the query string. */
  readonly date = input<string | undefined>();

  protected readonly known = knownDistrictsSignal();
  /** The date typed and not yet shown; null follows the URL, else the newest summary's. */
  private readonly dateChoice = signal<string | null>(null);
  protected readonly dateDraft = computed(
    () => this.dateChoice() ?? this.date() ?? this.known()?.snapshotDate ?? '',
  );
  protected readonly formError = signal<string | null>(null);
  private readonly loaded = loadOnChange(this.date, (date) =>
    date && isIsoDate(date) ? this.api.getSnapshotAnalytics({ date }) : null,
  );
  protected readonly analytics = this.loaded.value;
  protected readonly loading = this.loaded.loading;
  protected readonly problem = this.loaded.problem;
  protected readonly sort = signal<{ column: RankingColumn; direction: SortDirection }>({
    column: 'rank',
    direction: 'asc',
  });
  protected readonly formatUtc = formatUtc;
  protected readonly countOf = countOf;

  protected readonly ranking = computed(() => {
    const rows = this.analytics()?.ranking ?? [];
    const { column, direction } = this.sort();
    return sortRanking(rows, column, direction);
  });

  constructor() {
    // The picker follows the URL (a link, back or forward): a date typed and not yet shown
    // is dropped when the URL changes.
    effect(() => {
      this.date();
      this.dateChoice.set(null);
    });
  }

  protected typeDate(date: string): void {
    this.dateChoice.set(date);
  }

  protected show(): void {
    const date = this.dateDraft().trim();
    if (!isIsoDate(date)) {
      this.formError.set('Enter a date as YYYY-MM-DD.');
      return;
    }
    this.formError.set(null);
    void this.router.navigate([], { queryParams: { date } });
  }

  protected onSort(sort: Sort): void {
    this.sort.set(
      sort.direction
        ? { column: sort.active as RankingColumn, direction: sort.direction }
        : { column: 'rank', direction: 'asc' },
    );
  }

  /** `12.5%`: the categories are percentages. */
  protected percent(value: number): string {
    return `${Math.round(value * 100) / 100}%`;
  }
}
