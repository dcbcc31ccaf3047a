import type { CoverageDto } from '@backfill/api-client';
import { addDays, datesInRange, IsoDate } from '../shared/utc-dates';

export type CoverageState = 'ok' | 'no-data' | 'failed' | 'superseded' | 'missing';

/** In legend order; a cell's state is its index here. */
export const COVERAGE_STATES: readonly CoverageState[] = [
  'ok',
  'superseded',
  'no-data',
  'failed',
  'missing',
];

/**
 * The API's letter, a symbol and a word for each state, so the map never relies on colour
 * alone (the symbols are the item grid's), and the colour the canvas paints.
 */
export const COVERAGE_DISPLAY: Record<
  CoverageState,
  { wire: string; symbol: string; label: string; colour: string }
> = {
  ok: { wire: 'o', symbol: '✓', label: 'stored', colour: '#2e7d32' },
  superseded: { wire: 's', symbol: '↷', label: 'closing day', colour: '#c5e1a5' },
  'no-data': { wire: 'n', symbol: '∅', label: 'no data', colour: '#b0bec5' },
  failed: { wire: 'f', symbol: '✗', label: 'failed', colour: '#c62828' },
  missing: { wire: 'm', symbol: '·', label: 'missing', colour: '#ffcc80' },
};

const STATE_INDEX_OF_WIRE = new Map(
  COVERAGE_STATES.map((state, index) => [COVERAGE_DISPLAY[state].wire, index]),
);

/** The coverage as the map needs it: a state index per cell, details on demand. */
export interface CoverageView {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly dates: readonly IsoDate[];
  readonly districts: readonly string[];
  /** `cells[row][column]`: an index into COVERAGE_STATES. */
  readonly cells: readonly Uint8Array[];
  readonly counts: Readonly<Record<CoverageState, number>>;
  /** Districts with a failed or missing cell: what "Fill gaps" collects. */
  readonly gapDistricts: readonly string[];
  stateAt(row: number, column: number): CoverageState;
  /** One line saying everything known of a cell, state in words and symbol. */
  describe(row: number, column: number): string;
}

export function coverageView(dto: CoverageDto): CoverageView {
  const dates = datesInRange(dto.from, dto.to);
  const cells = dto.rows.map((row) =>
    Uint8Array.from(row, (letter) => STATE_INDEX_OF_WIRE.get(letter) ?? stateIndex('missing')),
  );
  const collectedOn = new Map<string, IsoDate>();
  for (const group of dto.collectionDates) {
    for (const d of group.districts) collectedOn.set(`${d}|${group.date}`, group.collectionDate);
  }
  const failures = new Map<string, { collectionDate: IsoDate; reason: string }>();
  for (const group of dto.failures) {
    for (const d of group.districts) failures.set(`${d}|${group.date}`, group);
  }
  const monthEndOf = new Map<IsoDate, IsoDate>();
  for (const period of dto.closingPeriods) {
    for (const date of datesInRange(period.from, period.to)) monthEndOf.set(date, period.monthEnd);
  }
  const stateAt = (row: number, column: number) => COVERAGE_STATES[cells[row][column]];
  const gapStates = new Set([stateIndex('failed'), stateIndex('missing')]);
  return {
    from: dto.from,
    to: dto.to,
    dates,
    districts: dto.districts,
    cells,
    counts: {
      ok: dto.counts.ok,
      'no-data': dto.counts.noData,
      failed: dto.counts.failed,
      superseded: dto.counts.superseded,
      missing: dto.counts.missing,
    },
    gapDistricts: dto.districts.filter((_, row) => cells[row].some((s) => gapStates.has(s))),
    stateAt,
    describe(row, column) {
      const district = dto.districts[row];
      const date = dates[column];
      const state = stateAt(row, column);
      const { symbol, label } = COVERAGE_DISPLAY[state];
      const head = `District ${district} on ${date}: ${symbol} ${label}`;
      const key = `${row}|${date}`;
      switch (state) {
        case 'ok':
          return `${head}, collected ${collectedOn.get(key) ?? date}`;
        case 'failed': {
          const failure = failures.get(key);
          return failure
            ? `${head} (collected ${failure.collectionDate}): ${failure.reason}`
            : head;
        }
        case 'superseded': {
          const monthEnd = monthEndOf.get(date);
          return monthEnd ? `${head}: its data lives on the month end, ${monthEnd}` : head;
        }
        case 'no-data':
          return `${head}: the dashboard had none for this district`;
        case 'missing':
          return `${head}: nothing stored`;
      }
    },
  };
}

function stateIndex(state: CoverageState): number {
  return COVERAGE_STATES.indexOf(state);
}

/** A program year, July 1 to June 30, named by its first year (`2025` is 2025-2026). */
export interface ProgramYearRange {
  readonly label: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** The program year that contains the date. */
export function programYearStartOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '07-01' ? year : year - 1;
}

/**
 * A program year's dates up to yesterday (UTC): the dashboard has nothing newer, and a job
 * must end before today. Null for a year that has not started by then.
 */
export function programYearRange(startYear: number, today: IsoDate): ProgramYearRange | null {
  const from = `${startYear}-07-01`;
  const end = `${startYear + 1}-06-30`;
  const yesterday = addDays(today, -1);
  if (from > yesterday) return null;
  return { label: `${startYear}-${startYear + 1}`, from, to: end < yesterday ? end : yesterday };
}

/** Daily history starts in February 2017, in the 2016-2017 program year. */
export const FIRST_PROGRAM_YEAR = 2016;

/** The program years the selector offers, newest first. */
export function programYearsUpTo(today: IsoDate): ProgramYearRange[] {
  const years: ProgramYearRange[] = [];
  for (let year = programYearStartOf(today); year >= FIRST_PROGRAM_YEAR; year--) {
    const range = programYearRange(year, today);
    if (range) years.push(range);
  }
  return years;
}
