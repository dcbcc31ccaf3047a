import type { JobDto, JobItemDto } from '@backfill/api-client';
import { compareDistricts } from '../../shared/format';
import { isTerminal } from '../../shared/job-status';
import { datesInRange } from '../../shared/utc-dates';
import { countOf } from '../../shared/plural';

export type CellState = 'done' | 'skipped' | 'superseded' | 'no-data' | 'failed' | 'pending';

export const CELL_STATES: readonly CellState[] = [
  'done',
  'skipped',
  'superseded',
  'no-data',
  'failed',
  'pending',
];

/** A symbol and a word for each state, so the grid never relies on colour alone. */
export const CELL_DISPLAY: Record<CellState, { symbol: string; label: string }> = {
  done: { symbol: '✓', label: 'done' },
  skipped: { symbol: '–', label: 'skipped' },
  superseded: { symbol: '↷', label: 'superseded' },
  'no-data': { symbol: '∅', label: 'no data' },
  failed: { symbol: '✗', label: 'failed' },
  pending: { symbol: '·', label: 'pending' },
};

export interface GridCell {
  state: CellState;
  symbol: string;
  /** Hover text and accessible name: date, district, outcome and reason. */
  description: string;
}

export interface GridRow {
  date: string;
  cells: GridCell[];
}

export interface ItemGrid {
  groups: string[];
  rows: GridRow[];
  counts: Record<CellState, number>;
}

/** Analytics items are one per snapshot date: the grid has a single column for them. */
const ANALYTICS_COLUMN = 'snapshot';

export function cellStateOf(item: JobItemDto): CellState {
  if (item.outcome === 'failed') return 'failed';
  if (item.outcome === 'skipped') {
    if (item.reason === 'superseded') return 'superseded';
    return item.reason === 'no-data' ? 'no-data' : 'skipped';
  }
  return item.reason === 'no-data' ? 'no-data' : 'done';
}

/**
 * Dates x districts for a job. Finished cells come from the items endpoint; the cells of
 * the job's date range x districts that the ledger does not have yet are `pending`.
 */
export function buildItemGrid(job: JobDto, items: readonly JobItemDto[]): ItemGrid {
  const analytics = job.jobType === 'analytics-generation';
  const byCell = new Map<string, JobItemDto>();
  const groupSet = new Set<string>();
  const dateSet = new Set<string>();
  for (const item of items) {
    const date = item.date ?? item.id;
    const group = analytics ? ANALYTICS_COLUMN : (item.group ?? item.id.split('/')[1] ?? '?');
    byCell.set(`${date}|${group}`, item);
    groupSet.add(group);
    dateSet.add(date);
  }
  if (!analytics) {
    for (const group of Object.keys(job.progressByGroup)) groupSet.add(group);
    for (const group of job.config.targetDistricts ?? []) groupSet.add(group);
    const { startDate, endDate } = job.config;
    if (startDate && endDate)
      for (const date of datesInRange(startDate, endDate)) dateSet.add(date);
  }
  const groups = [...groupSet].sort(compareDistricts);
  const dates = [...dateSet].sort();
  // Rows in the order the job works through its dates.
  if (job.config.order === 'newest-first') dates.reverse();
  const counts: Record<CellState, number> = {
    done: 0,
    skipped: 0,
    superseded: 0,
    'no-data': 0,
    failed: 0,
    pending: 0,
  };
  const rows = dates.map((date) => ({
    date,
    cells: groups.map((group) => {
      const item = byCell.get(`${date}|${group}`);
      const state = item ? cellStateOf(item) : 'pending';
      counts[state]++;
      let description = describe(date, group, state, item, analytics);
      if (!item && isTerminal(job.status)) {
        description += ` (not processed: the job is ${job.status})`;
      }
      return { state, symbol: CELL_DISPLAY[state].symbol, description };
    }),
  }));
  return { groups, rows, counts };
}

function describe(
  date: string,
  group: string,
  state: CellState,
  item: JobItemDto | undefined,
  analytics: boolean,
): string {
  const where = analytics ? date : `${date}, district ${group}`;
  const parts = [`${where}: ${CELL_DISPLAY[state].label}`];
  if (state === 'superseded') {
    const by = item?.supersededBy?.split('/')[0];
    parts.push(
      by
        ? `a later closing day, ${by}, gives the same month-end snapshot its final figures`
        : 'a later closing day gives the same month-end snapshot its final figures',
    );
  } else if (item?.reason) parts.push(item.reason);
  if (item?.attempts) parts.push(countOf(item.attempts, 'attempt'));
  if (item?.retryable) parts.push('retryable');
  return parts.join(' — ');
}
