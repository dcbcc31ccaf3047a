import { addDays, datesInRange, IsoDate } from '../common/utc-dates';
import {
  COVERAGE_STATES,
  COVERAGE_SYMBOLS,
  CoverageCell,
  CoverageCounts,
  CoverageGrid,
  CoverageState,
  SummaryCoverage,
} from '../domain/coverage';

/** A run of closing days whose data lives on one month end. */
export interface ClosingPeriod {
  monthEnd: IsoDate;
  from: IsoDate;
  to: IsoDate;
}

/** `ok` cells of one date collected on another day (a month end's closing day). */
export interface CollectionDateGroup {
  date: IsoDate;
  collectionDate: IsoDate;
  /** Indexes into `districts`, ascending. */
  districts: number[];
}

/** `failed` cells of one date with the same collection date and reason. */
export interface FailureGroup extends CollectionDateGroup {
  reason: string;
}

/** A date whose stored summary was collected on another day. */
export interface SummaryCollectionDate {
  date: IsoDate;
  collectionDate: IsoDate;
}

/**
 * The grid as sent: one string of state symbols per district and one for the summaries,
 * with side tables only for what the symbols cannot say. A cell costs one character;
 * `ok` cells collected on their own date (nearly all) cost nothing more.
 */
export interface EncodedCoverage {
  from: IsoDate;
  to: IsoDate;
  days: number;
  districts: string[];
  /** `rows[d][i]`: the symbol of district `districts[d]` on date `from + i`. */
  rows: string[];
  summary: string;
  closingPeriods: ClosingPeriod[];
  collectionDates: CollectionDateGroup[];
  summaryCollectionDates: SummaryCollectionDate[];
  failures: FailureGroup[];
  counts: CoverageCounts;
  summaryCounts: CoverageCounts;
}

const STATE_OF_SYMBOL = new Map<string, CoverageState>(
  COVERAGE_STATES.map((state) => [COVERAGE_SYMBOLS[state], state]),
);

export function emptyCounts(): CoverageCounts {
  return { ok: 0, 'no-data': 0, failed: 0, superseded: 0, missing: 0 };
}

/** Encodes a grid of at least one date. */
export function encodeCoverage(grid: CoverageGrid): EncodedCoverage {
  const { dates, districts, cells, summaries } = grid;
  const counts = emptyCounts();
  const summaryCounts = emptyCounts();
  const collections = new Groups<CollectionDateGroup>();
  const failures = new Groups<FailureGroup>();
  const rows = cells.map((row, d) =>
    row
      .map((cell, i) => {
        counts[cell.state]++;
        const date = dates[i];
        if (cell.state === 'ok' && cell.collectionDate !== date) {
          const key = `${date}|${cell.collectionDate}`;
          collections.add(key, d, () => ({ date, collectionDate: cell.collectionDate }));
        } else if (cell.state === 'failed') {
          const key = `${date}|${cell.collectionDate}|${cell.reason}`;
          failures.add(key, d, () => ({
            date,
            collectionDate: cell.collectionDate,
            reason: cell.reason,
          }));
        }
        return COVERAGE_SYMBOLS[cell.state];
      })
      .join(''),
  );
  const summaryCollectionDates: SummaryCollectionDate[] = [];
  summaries.forEach((summary, i) => {
    summaryCounts[summary.state]++;
    if (summary.state === 'ok' && summary.collectionDate !== dates[i]) {
      summaryCollectionDates.push({ date: dates[i], collectionDate: summary.collectionDate });
    }
  });
  return {
    from: dates[0],
    to: dates[dates.length - 1],
    days: dates.length,
    districts: [...districts],
    rows,
    summary: summaries.map((s) => COVERAGE_SYMBOLS[s.state]).join(''),
    closingPeriods: closingPeriodsOf(dates, summaries),
    collectionDates: collections.list(),
    summaryCollectionDates,
    failures: failures.list(),
    counts,
    summaryCounts,
  };
}

/** The inverse of encodeCoverage (clients and tests); throws on a malformed answer. */
export function decodeCoverage(encoded: EncodedCoverage): CoverageGrid {
  const dates = datesInRange(encoded.from, encoded.to);
  const livesOn = new Map<IsoDate, IsoDate>();
  for (const period of encoded.closingPeriods) {
    for (const date of datesInRange(period.from, period.to)) livesOn.set(date, period.monthEnd);
  }
  const summaryCollected = new Map(
    encoded.summaryCollectionDates.map((s) => [s.date, s.collectionDate]),
  );
  const summaries = [...encoded.summary].map((symbol, i): SummaryCoverage => {
    const date = dates[i];
    const state = stateOf(symbol);
    switch (state) {
      case 'ok':
        return { state, collectionDate: summaryCollected.get(date) ?? date };
      case 'superseded':
        return { state, snapshotDate: required(livesOn.get(date), `closing period of ${date}`) };
      case 'no-data':
      case 'missing':
        return { state };
      case 'failed':
        throw new Error(`a summary is never failed (${date})`);
    }
  });
  const collected = cellTable(encoded.collectionDates, (g) => g.collectionDate);
  const failed = cellTable(encoded.failures, (g) => g);
  const cells = encoded.rows.map((row, d) =>
    [...row].map((symbol, i): CoverageCell => {
      const state = stateOf(symbol);
      const key = `${d}|${dates[i]}`;
      switch (state) {
        case 'ok':
          return { state, collectionDate: collected.get(key) ?? dates[i] };
        case 'failed': {
          const group = required(failed.get(key), `failure of ${key}`);
          return { state, collectionDate: group.collectionDate, reason: group.reason };
        }
        case 'no-data':
        case 'superseded':
        case 'missing':
          return { state };
      }
    }),
  );
  return { dates, districts: [...encoded.districts], cells, summaries };
}

function stateOf(symbol: string): CoverageState {
  return required(STATE_OF_SYMBOL.get(symbol), `state symbol "${symbol}"`);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`malformed coverage: no ${what}`);
  return value;
}

/** `district index|date` -> what a side-table group says of that cell. */
function cellTable<G extends CollectionDateGroup, V>(
  groups: readonly G[],
  value: (group: G) => V,
): Map<string, V> {
  const table = new Map<string, V>();
  for (const group of groups) {
    for (const d of group.districts) table.set(`${d}|${group.date}`, value(group));
  }
  return table;
}

/** Consecutive superseded dates landing on the same month end, as one period each. */
function closingPeriodsOf(
  dates: readonly IsoDate[],
  summaries: readonly SummaryCoverage[],
): ClosingPeriod[] {
  const periods: ClosingPeriod[] = [];
  summaries.forEach((summary, i) => {
    if (summary.state !== 'superseded') return;
    const last = periods[periods.length - 1];
    if (last && last.monthEnd === summary.snapshotDate && addDays(last.to, 1) === dates[i]) {
      last.to = dates[i];
    } else {
      periods.push({ monthEnd: summary.snapshotDate, from: dates[i], to: dates[i] });
    }
  });
  return periods;
}

/** Side-table groups by key (which starts with the date), each listing its district indexes. */
class Groups<G extends { districts: number[] }> {
  private readonly byKey = new Map<string, G>();

  add(key: string, district: number, create: () => Omit<G, 'districts'>): void {
    let group = this.byKey.get(key);
    if (!group) {
      group = { ...create(), districts: [] } as unknown as G;
      this.byKey.set(key, group);
    }
    group.districts.push(district);
  }

  list(): G[] {
    return [...this.byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, group]) => group);
  }
}
