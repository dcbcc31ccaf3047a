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
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { AnalyticsService } from '@backfill/api-client';
import { DISTRICT_ID_MESSAGE, DISTRICT_ID_PATTERN } from '../../backfill/job-rules';
import { loadOnChange } from '../../core/load-on-change';
import { countOf } from '../../shared/plural';
import { utcDateOf } from '../../shared/utc-dates';
import { ChartComponent } from '../chart/chart.component';
import { knownDistrictsSignal } from '../known-districts';
import { isProgramYear, programYearOf, recentProgramYears } from '../program-year';
import { clubHealthChart, trendChart } from './district-year-charts';

/** How many program years the picker offers, back from the newest stored summary's. */
const YEARS_OFFERED = 6;
const MAX_SUGGESTIONS = 40;

/**
 * A district's program year: membership, payments and DCP goals over time with the series
 * summary, and club health, from `GET /analytics/districts/{id}/series/{year}`. The choice
 * lives in the URL (`?district=61&year=2025-2026`), so it can be linked, and back and
 * forward move between choices.
 */
@Component({
  selector: 'app-district-year-page',
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ChartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './district-year-page.component.html',
  styleUrl: '../analytics-page.scss',
})
export class DistrictYearPageComponent {
  private readonly api = inject(AnalyticsService);
  private readonly router = inject(Router);

  /** From the query string. */
  readonly district = input<string | undefined>();
  readonly year = input<string | undefined>();

  protected readonly known = knownDistrictsSignal();
  protected readonly districtDraft = signal('');
  /** The year picked and not yet shown; null follows the URL, else the default. */
  private readonly yearChoice = signal<string | null>(null);
  /** The year the picker shows: the one picked, the URL's, or the newest summary's. */
  protected readonly yearDraft = computed(
    () =>
      this.yearChoice() ??
      this.year() ??
      programYearOf(this.known()?.snapshotDate ?? utcDateOf(Date.now())),
  );
  protected readonly formError = signal<string | null>(null);
  protected readonly years = computed(() =>
    recentProgramYears(this.known()?.snapshotDate ?? utcDateOf(Date.now()), YEARS_OFFERED),
  );
  protected readonly suggestions = computed(() => {
    const query = this.districtDraft().trim().toUpperCase();
    return (this.known()?.districts ?? [])
      .filter((d) => d.id.startsWith(query))
      .slice(0, MAX_SUGGESTIONS);
  });

  /** The two charts of the year, each with its summary in words. */
  protected readonly charts = computed(() => {
    const series = this.series();
    if (!series) return [];
    return [
      {
        title: 'Membership, payments and DCP goals',
        summary: this.trendSummary(),
        testId: 'trend-chart',
        ...trendChart(series),
      },
      {
        title: 'Club health',
        summary: this.healthSummary(),
        testId: 'health-chart',
        ...clubHealthChart(series),
      },
    ];
  });
  protected readonly trendSummary = computed(() => {
    const s = this.series()?.summary;
    if (!s) return '';
    const change = s.change > 0 ? `+${s.change}` : String(s.change);
    return (
      `Membership ${s.start.membership} on ${s.start.date} to ${s.end.membership} on ` +
      `${s.end.date} (${change}); peak ${s.peak.membership} on ${s.peak.date}, low ` +
      `${s.low.membership} on ${s.low.date}; ${countOf(s.points, 'point')}.`
    );
  });
  protected readonly healthSummary = computed(() => {
    const last = this.series()?.points.at(-1);
    if (!last) return '';
    const c = last.clubCounts;
    return (
      `On ${last.date}: ${c.thriving} thriving, ${c.vulnerable} vulnerable, ` +
      `${c.interventionRequired} needing intervention, of ${countOf(c.total, 'club')} rated.`
    );
  });

  /** The district and year asked for in the URL, when both are well formed. */
  private readonly choice = computed(() => {
    const district = this.district()?.toUpperCase();
    const year = this.year();
    return district && DISTRICT_ID_PATTERN.test(district) && isProgramYear(year)
      ? { district, year }
      : null;
  });

  private readonly loaded = loadOnChange(this.choice, (choice) =>
    choice
      ? this.api.getDistrictSeries({ districtId: choice.district, programYear: choice.year })
      : null,
  );
  protected readonly series = this.loaded.value;
  protected readonly loading = this.loaded.loading;
  protected readonly problem = this.loaded.problem;

  constructor() {
    // The pickers follow the URL (a link, back or forward): a choice not yet shown is
    // dropped when the URL changes.
    effect(() => {
      this.year();
      this.districtDraft.set(this.district() ?? '');
      this.yearChoice.set(null);
    });
  }

  protected pickYear(year: string): void {
    this.yearChoice.set(year);
  }

  protected show(): void {
    const district = this.districtDraft().trim().toUpperCase();
    const year = this.yearDraft();
    if (!DISTRICT_ID_PATTERN.test(district)) {
      this.formError.set(`Choose a district: ${DISTRICT_ID_MESSAGE}.`);
      return;
    }
    if (!isProgramYear(year)) {
      this.formError.set('Choose a program year.');
      return;
    }
    this.formError.set(null);
    void this.router.navigate([], { queryParams: { district, year } });
  }
}
