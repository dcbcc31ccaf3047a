import {
  AfterViewInit,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { COVERAGE_DISPLAY, COVERAGE_STATES, CoverageView } from './coverage-view.model';

/** Left margin for the district labels and top margin for the month labels, in CSS px. */
const LABEL_WIDTH = 40;
const AXIS_HEIGHT = 18;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const COLOURS = COVERAGE_STATES.map((state) => COVERAGE_DISPLAY[state].colour);

interface Cell {
  row: number;
  column: number;
}

interface Layout {
  cellWidth: number;
  cellHeight: number;
  width: number;
  height: number;
}

/**
 * Districts as rows, dates as columns, on one canvas: 128 x 366 cells are a few hundred
 * rectangles (runs of one state), not 47,000 elements. A second canvas on top draws only
 * the hovered or focused cell, so moving over the map never repaints it. The state of the
 * cell under the pointer or the keyboard focus is written out below, in words and symbol.
 */
@Component({
  selector: 'app-heat-map',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="frame" #frame>
      <canvas #base aria-hidden="true"></canvas>
      <canvas
        #overlay
        class="overlay"
        tabindex="0"
        role="application"
        aria-roledescription="heat map"
        [attr.aria-label]="label()"
        aria-describedby="cell-details"
        data-testid="heat-map"
        (mousemove)="hover($event)"
        (mouseleave)="hovered.set(null)"
        (keydown)="move($event)"
        (focus)="focused.set(focused() ?? { row: 0, column: 0 })"
      ></canvas>
    </div>
    <p id="cell-details" class="details" aria-live="polite" data-testid="cell-details">
      {{ details() }}
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .frame {
      position: relative;
      overflow-x: auto;
      /* Room for the focus ring, which the scrolling frame would otherwise clip. */
      padding: 4px;
    }
    canvas {
      display: block;
    }
    .overlay {
      position: absolute;
      top: 4px;
      left: 4px;
      cursor: crosshair;
    }
    .overlay:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .details {
      min-height: 1.5em;
      margin: 8px 0 0;
      font-size: 0.9rem;
    }
  `,
})
export class HeatMapComponent implements AfterViewInit {
  readonly view = input.required<CoverageView>();

  private readonly frame = viewChild.required<ElementRef<HTMLElement>>('frame');
  private readonly base = viewChild.required<ElementRef<HTMLCanvasElement>>('base');
  private readonly overlay = viewChild.required<ElementRef<HTMLCanvasElement>>('overlay');
  private readonly width = signal(0);

  protected readonly hovered = signal<Cell | null>(null);
  protected readonly focused = signal<Cell | null>(null);
  private readonly active = computed(() => this.hovered() ?? this.focused());

  protected readonly label = computed(() => {
    const view = this.view();
    return (
      `Coverage of ${view.districts.length} districts over ${view.dates.length} dates, ` +
      `${view.from} to ${view.to}. Arrow keys move between cells; Home and End go to the ` +
      `first and last date, Control+Home and Control+End to the first and last cell.`
    );
  });

  protected readonly details = computed(() => {
    const cell = this.active();
    const view = this.view();
    if (!cell || view.districts.length === 0) {
      return view.districts.length === 0
        ? 'No district has anything stored in this program year.'
        : 'Point at a cell, or focus the map and use the arrow keys, to see its details.';
    }
    return view.describe(cell.row, cell.column);
  });

  private readonly layout = computed((): Layout => {
    const view = this.view();
    const columns = Math.max(1, view.dates.length);
    const cellWidth = Math.max(2, Math.floor((this.width() - LABEL_WIDTH) / columns));
    const cellHeight = view.districts.length > 60 ? 9 : 14;
    return {
      cellWidth,
      cellHeight,
      width: LABEL_WIDTH + cellWidth * columns,
      height: AXIS_HEIGHT + cellHeight * view.districts.length,
    };
  });

  constructor() {
    effect(() => this.drawBase(this.view(), this.layout()));
    effect(() => this.drawActive(this.active(), this.layout()));
    // A new program year starts without a highlighted cell.
    effect(() => {
      this.view();
      this.hovered.set(null);
      this.focused.set(null);
    });
    inject(DestroyRef).onDestroy(() => this.resizeObserver?.disconnect());
  }

  private resizeObserver: ResizeObserver | null = null;

  ngAfterViewInit(): void {
    const frame = this.frame().nativeElement;
    const width = () => Math.max(0, frame.clientWidth - 8);
    this.width.set(width());
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.width.set(width()));
      this.resizeObserver.observe(frame);
    }
  }

  protected hover(event: MouseEvent): void {
    this.hovered.set(this.cellAt(event.offsetX, event.offsetY));
  }

  protected move(event: KeyboardEvent): void {
    const view = this.view();
    const rows = view.districts.length;
    const columns = view.dates.length;
    if (rows === 0) return;
    const { row, column } = this.focused() ?? { row: 0, column: 0 };
    const next: Record<string, Cell> = {
      ArrowLeft: { row, column: Math.max(0, column - 1) },
      ArrowRight: { row, column: Math.min(columns - 1, column + 1) },
      ArrowUp: { row: Math.max(0, row - 1), column },
      ArrowDown: { row: Math.min(rows - 1, row + 1), column },
      Home: { row: event.ctrlKey ? 0 : row, column: 0 },
      End: { row: event.ctrlKey ? rows - 1 : row, column: columns - 1 },
    };
    const cell = next[event.key];
    if (!cell) return;
    event.preventDefault();
    this.hovered.set(null);
    this.focused.set(cell);
  }

  private cellAt(x: number, y: number): Cell | null {
    const { cellWidth, cellHeight } = this.layout();
    const view = this.view();
    const column = Math.floor((x - LABEL_WIDTH) / cellWidth);
    const row = Math.floor((y - AXIS_HEIGHT) / cellHeight);
    if (x < LABEL_WIDTH || y < AXIS_HEIGHT) return null;
    if (row >= view.districts.length || column >= view.dates.length) return null;
    return { row, column };
  }

  /** Sizes a canvas for the device's pixel ratio; null where there is no 2D context (jsdom). */
  private prepare(canvas: HTMLCanvasElement, layout: Layout): CanvasRenderingContext2D | null {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(layout.width * ratio);
    canvas.height = Math.round(layout.height * ratio);
    canvas.style.width = `${layout.width}px`;
    canvas.style.height = `${layout.height}px`;
    const context = canvas.getContext?.('2d') ?? null;
    context?.setTransform(ratio, 0, 0, ratio, 0, 0);
    return context;
  }

  private drawBase(view: CoverageView, layout: Layout): void {
    // Nothing to paint before the frame has a width (and never in jsdom, which has no layout).
    if (this.width() === 0) return;
    const context = this.prepare(this.base().nativeElement, layout);
    if (!context) return;
    const { cellWidth, cellHeight } = layout;
    const gap = cellHeight > 4 ? 1 : 0;
    context.font = `${cellHeight - 1}px Roboto, sans-serif`;
    context.textBaseline = 'middle';
    context.fillStyle = '#37474f';
    view.districts.forEach((district, row) => {
      context.fillText(
        district,
        2,
        AXIS_HEIGHT + row * cellHeight + cellHeight / 2,
        LABEL_WIDTH - 4,
      );
    });
    context.font = '11px Roboto, sans-serif';
    view.dates.forEach((date, column) => {
      if (column > 0 && !date.endsWith('-01')) return;
      const x = LABEL_WIDTH + column * cellWidth;
      context.fillRect(x, 2, 1, AXIS_HEIGHT - 4);
      context.fillText(MONTHS[Number(date.slice(5, 7)) - 1], x + 3, AXIS_HEIGHT / 2);
    });
    // One rectangle per run of equal states in a row.
    view.cells.forEach((states, row) => {
      const y = AXIS_HEIGHT + row * cellHeight;
      let start = 0;
      for (let column = 1; column <= states.length; column++) {
        if (column < states.length && states[column] === states[start]) continue;
        context.fillStyle = COLOURS[states[start]];
        context.fillRect(
          LABEL_WIDTH + start * cellWidth,
          y,
          (column - start) * cellWidth,
          cellHeight - gap,
        );
        start = column;
      }
    });
  }

  private drawActive(cell: Cell | null, layout: Layout): void {
    if (this.width() === 0) return;
    const canvas = this.overlay().nativeElement;
    const sized =
      canvas.style.width === `${layout.width}px` && canvas.style.height === `${layout.height}px`;
    const context = sized ? (canvas.getContext?.('2d') ?? null) : this.prepare(canvas, layout);
    if (!context) return;
    context.clearRect(0, 0, layout.width, layout.height);
    if (!cell) return;
    const { cellWidth, cellHeight } = layout;
    const x = LABEL_WIDTH + cell.column * cellWidth;
    const y = AXIS_HEIGHT + cell.row * cellHeight;
    // The row and the column faintly, the cell itself boldly.
    context.fillStyle = 'rgba(0, 0, 0, 0.08)';
    context.fillRect(LABEL_WIDTH, y, layout.width - LABEL_WIDTH, cellHeight);
    context.fillRect(x, AXIS_HEIGHT, cellWidth, layout.height - AXIS_HEIGHT);
    context.strokeStyle = '#000';
    context.lineWidth = 2;
    context.strokeRect(x - 1, y - 1, cellWidth + 2, cellHeight + 1);
  }
}
