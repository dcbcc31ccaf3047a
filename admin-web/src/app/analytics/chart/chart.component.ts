import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { ECharts } from 'echarts/core';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { ChartOption, ChartTable } from './chart-types';

let nextId = 0;

/**
 * One labelled chart: a figure with its caption (the summary figures), the chart itself,
 * reachable with Tab and read point by point with the arrow keys (Home and End for the
 * ends), and the same figures as a table for anyone who cannot see it.
 */
@Component({
  selector: 'app-chart',
  imports: [NgxEchartsDirective],
  // ECharts is loaded on first use, in a chunk of its own.
  providers: [
    provideEchartsCore({ echarts: () => import('./echarts-setup').then((m) => m.echarts) }),
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure [attr.aria-labelledby]="id + '-title'">
      <figcaption>
        <h3 [id]="id + '-title'">{{ title() }}</h3>
        <p [id]="id + '-summary'" data-testid="chart-summary">{{ summary() }}</p>
      </figcaption>
      <div
        class="chart"
        echarts
        [options]="options()"
        [autoResize]="true"
        (chartInit)="chart = $event"
        tabindex="0"
        role="img"
        [attr.aria-label]="ariaLabel()"
        [attr.aria-describedby]="id + '-summary'"
        (keydown)="onKey($event)"
        (blur)="leave()"
        [attr.data-testid]="testId()"
      ></div>
      <p class="readout" aria-live="polite" data-testid="chart-readout">{{ readout() }}</p>
      <details>
        <summary>{{ title() }}: the figures as a table</summary>
        <div class="table-wrap">
          <table class="plain">
            <caption class="visually-hidden">
              {{
                title()
              }}
            </caption>
            <thead>
              <tr>
                @for (column of table().columns; track $index) {
                  <th scope="col" [class.number]="$index > 0">{{ column }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (row of table().rows; track $index) {
                <tr>
                  @for (cell of row; track $index) {
                    @if ($first) {
                      <th scope="row">{{ cell }}</th>
                    } @else {
                      <td class="number">{{ cell }}</td>
                    }
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  `,
  styles: `
    figure {
      margin: 0;
    }
    h3 {
      margin: 0;
      font-size: 1.05rem;
    }
    figcaption p {
      margin: 2px 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .chart {
      height: 320px;
      border-radius: 8px;
    }
    .readout {
      min-height: 1.4em;
      margin: 4px 0;
      font-size: 0.9rem;
    }
    details summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
      padding: 4px 0;
    }
    .table-wrap {
      overflow-x: auto;
      max-height: 360px;
    }
  `,
})
export class ChartComponent {
  readonly title = input.required<string>();
  /** The summary figures, in words: the caption, and the chart's description. */
  readonly summary = input.required<string>();
  readonly options = input.required<ChartOption>();
  /** One row per point along the x axis, its label first. */
  readonly table = input.required<ChartTable>();
  readonly testId = input<string | null>(null);

  protected readonly id = `chart-${nextId++}`;
  protected chart: ECharts | null = null;
  /** The point the keyboard is on; -1 before the first arrow key. */
  private readonly index = signal(-1);

  protected readonly ariaLabel = computed(
    () =>
      `${this.title()}. Press the left and right arrow keys to read the figures of each ` +
      `point, Home and End for the first and the last.`,
  );

  protected readonly readout = computed(() => {
    const row = this.table().rows[this.index()];
    if (!row) return '';
    const [label, ...values] = row;
    const columns = this.table().columns.slice(1);
    return `${label}: ${values.map((v, i) => `${columns[i]} ${v}`).join(', ')}`;
  });

  protected onKey(event: KeyboardEvent): void {
    const last = this.table().rows.length - 1;
    if (last < 0) return;
    const current = this.index();
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? Math.min(last, current + 1)
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? Math.max(0, current < 0 ? last : current - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    this.index.set(next);
    // The same tooltip a pointer shows on that point.
    this.chart?.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: next });
  }

  protected leave(): void {
    this.index.set(-1);
    this.chart?.dispatchAction({ type: 'hideTip' });
  }
}
