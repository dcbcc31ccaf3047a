import type { ItemOutcome, LedgerEntry } from '../domain/job.model';

export type { ItemOutcome } from '../domain/job.model';

export const ITEM_OUTCOMES = [
  'done',
  'skipped',
  'failed',
] as const satisfies readonly ItemOutcome[];

export interface JobItem {
  id: string;
  date: string | null;
  group: string | null;
  outcome: ItemOutcome;
  reason: string | null;
  attempts: number | null;
  retryable: boolean | null;
  supersededBy: string | null;
  at: string;
}

export interface JobItemPage {
  items: JobItem[];
  total: number;
  limit: number;
  offset: number;
  counts: Record<ItemOutcome, number>;
}

export interface JobItemQuery {
  outcome?: readonly ItemOutcome[];
  limit: number;
  offset: number;
}

const LEADING_DATE = /^(\d{4}-\d{2}-\d{2})(?:\/|$)/;

/**
 * Folds an append-only ledger to the latest entry per item (a retried or resumed item can
 * appear more than once), ordered by item id so pages are stable between calls.
 */
export function latestItems(ledger: readonly LedgerEntry[]): JobItem[] {
  const latest = new Map<string, LedgerEntry>();
  for (const entry of ledger) latest.set(entry.item, entry);
  return [...latest.values()]
    .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
    .map((entry) => ({
      id: entry.item,
      date: LEADING_DATE.exec(entry.item)?.[1] ?? null,
      group: entry.group ?? null,
      outcome: entry.outcome,
      reason: entry.reason ?? null,
      attempts: entry.attempts ?? null,
      retryable: entry.outcome === 'failed' ? (entry.retryable ?? false) : null,
      supersededBy: entry.supersededBy ?? null,
      at: entry.at,
    }));
}

export function pageItems(items: readonly JobItem[], query: JobItemQuery): JobItemPage {
  const counts: Record<ItemOutcome, number> = { done: 0, skipped: 0, failed: 0 };
  for (const item of items) counts[item.outcome]++;
  const wanted = query.outcome?.length ? new Set(query.outcome) : null;
  const matching = wanted ? items.filter((item) => wanted.has(item.outcome)) : items;
  return {
    items: matching.slice(query.offset, query.offset + query.limit),
    total: matching.length,
    limit: query.limit,
    offset: query.offset,
    counts,
  };
}
