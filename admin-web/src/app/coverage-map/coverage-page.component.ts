import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { BackfillService, CoverageService, CreateJobDto } from '@backfill/api-client';
import { EMPTY, catchError, filter, finalize, map, switchMap, tap } from 'rxjs';
import { apiErrorMessage } from '../core/api-client';
import {
  PreviewDialogComponent,
  PreviewDialogData,
} from '../backfill/preview-dialog/preview-dialog.component';
import { countOf } from '../shared/plural';
import { utcDateOf } from '../shared/utc-dates';
import {
  COVERAGE_DISPLAY,
  COVERAGE_STATES,
  CoverageView,
  ProgramYearRange,
  coverageView,
  programYearsUpTo,
} from './coverage-view.model';
import { HeatMapComponent } from './heat-map.component';

/**
 * What is stored across a program year, district by district and day by day, and a way to
 * collect exactly what is missing: "Fill gaps in view" previews a skip-existing collection
 * job over the visible range and the districts with gaps, and starts it from the preview.
 */
@Component({
  selector: 'app-coverage-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    HeatMapComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined"
      ><mat-card-content>
        <header>
          <h1>Coverage</h1>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Program year</mat-label>
            <mat-select
              data-testid="program-year"
              [value]="year()"
              (valueChange)="year.set($event)"
            >
              @for (option of years; track option.label) {
                <mat-option [value]="option">{{ option.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <span class="spacer"></span>
          <button
            mat-flat-button
            type="button"
            data-testid="fill-gaps"
            [disabled]="!view() || busy()"
            (click)="fillGaps()"
          >
            <mat-icon aria-hidden="true">auto_fix_high</mat-icon>
            Fill gaps in view
          </button>
        </header>

        @if (error(); as problem) {
          <p class="form-error" role="alert" data-testid="coverage-error">{{ problem }}</p>
        }

        @if (view(); as v) {
          <ul class="legend" aria-label="Legend">
            @for (state of states; track state) {
              <li [attr.data-testid]="'legend-' + state">
                <span class="swatch" [style.background]="display[state].colour"></span>
                <span class="symbol" aria-hidden="true">{{ display[state].symbol }}</span>
                {{ display[state].label }}: <strong>{{ v.counts[state] }}</strong>
              </li>
            }
          </ul>
          <p role="status" data-testid="coverage-summary">{{ summary() }}</p>
          <app-heat-map [view]="v" />
        } @else if (!error()) {
          <p role="status" data-testid="coverage-loading">Reading what is stored…</p>
        }
      </mat-card-content></mat-card
    >
  `,
  styles: `
    header {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px 16px;
    }
    h1 {
      margin: 0;
      font-size: 1.4rem;
    }
    .spacer {
      flex: 1;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 20px;
      list-style: none;
      padding: 0;
      font-size: 0.9rem;
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .swatch {
      display: inline-block;
      width: 16px;
      height: 16px;
      border-radius: 3px;
      border: 1px solid rgba(0, 0, 0, 0.3);
    }
    .symbol {
      font-weight: 700;
    }
  `,
})
export class CoveragePageComponent {
  private readonly coverage = inject(CoverageService);
  private readonly backfill = inject(BackfillService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  protected readonly states = COVERAGE_STATES;
  protected readonly display = COVERAGE_DISPLAY;
  protected readonly years = programYearsUpTo(utcDateOf(Date.now()));
  protected readonly year = signal<ProgramYearRange>(this.years[0]);
  protected readonly view = signal<CoverageView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected readonly summary = computed(() => {
    const v = this.view();
    if (!v) return '';
    const counts = COVERAGE_STATES.map(
      (state) => `${v.counts[state]} ${COVERAGE_DISPLAY[state].label}`,
    ).join(', ');
    const gaps =
      v.gapDistricts.length === 0
        ? 'no district has gaps'
        : `${countOf(v.gapDistricts.length, 'district')} with gaps`;
    return (
      `${countOf(v.districts.length, 'district')} × ${countOf(v.dates.length, 'date')}, ` +
      `${v.from} to ${v.to}: ${counts}; ${gaps}.`
    );
  });

  constructor() {
    toObservable(this.year)
      .pipe(
        tap(() => {
          this.view.set(null);
          this.error.set(null);
        }),
        switchMap(({ from, to }) =>
          this.coverage.getCoverage({ from, to }).pipe(
            map(coverageView),
            catchError((error: unknown) => {
              this.error.set(apiErrorMessage(error));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((view) => this.view.set(view));
  }

  /**
   * A skip-existing job over the visible range: for the districts with a failed or missing
   * cell, or every district of each date's summary when all have gaps or none is stored yet
   * (which also brings in districts the store has never seen).
   */
  protected fillGaps(): void {
    const v = this.view();
    if (!v || this.busy()) return;
    const body: CreateJobDto = {
      jobType: 'data-collection',
      startDate: v.from,
      endDate: v.to,
      skipExisting: true,
    };
    const everyDistrict = v.districts.length === 0 || v.gapDistricts.length === v.districts.length;
    if (!everyDistrict) body.targetDistricts = [...v.gapDistricts];
    this.busy.set(true);
    this.error.set(null);
    this.backfill
      .previewJob({ body })
      .pipe(
        switchMap((preview) =>
          this.dialog
            .open<PreviewDialogComponent, PreviewDialogData, boolean>(PreviewDialogComponent, {
              data: { preview, body },
              width: '560px',
              ariaLabelledBy: 'preview-title',
            })
            .afterClosed(),
        ),
        filter((start) => start === true),
        switchMap(() => this.backfill.createJob({ body })),
        finalize(() => this.busy.set(false)),
      )
      .subscribe({
        next: () => void this.router.navigate(['/']),
        error: (error: unknown) => this.error.set(apiErrorMessage(error)),
      });
  }
}
