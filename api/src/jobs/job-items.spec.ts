import fc from 'fast-check';
import type { LedgerEntry } from '../domain/job.model';
import { ITEM_OUTCOMES, latestItems, pageItems } from './job-items';

const at = '2026-01-05T10:00:00.000Z';

describe('latestItems', () => {
  it('keeps the newest entry of an item and orders items by id', () => {
    const ledger: LedgerEntry[] = [
      {
        item: '2026-01-02/61',
        outcome: 'failed',
        at,
        reason: 'timeout',
        retryable: true,
        group: '61',
      },
      { item: '2026-01-01/F', outcome: 'skipped', at, reason: 'no-data', group: 'F' },
      { item: '2026-01-02/61', outcome: 'done', at, attempts: 2, group: '61' },
      {
        item: '2026-02-01/61',
        outcome: 'skipped',
        at,
        reason: 'superseded',
        supersededBy: '2026-02-03/61',
        group: '61',
      },
    ];
    expect(latestItems(ledger)).toEqual([
      {
        id: '2026-01-01/F',
        date: '2026-01-01',
        group: 'F',
        outcome: 'skipped',
        reason: 'no-data',
        attempts: null,
        retryable: null,
        supersededBy: null,
        at,
      },
      {
        id: '2026-01-02/61',
        date: '2026-01-02',
        group: '61',
        outcome: 'done',
        reason: null,
        attempts: 2,
        retryable: null,
        supersededBy: null,
        at,
      },
      {
        id: '2026-02-01/61',
        date: '2026-02-01',
        group: '61',
        outcome: 'skipped',
        reason: 'superseded',
        attempts: null,
        retryable: null,
        supersededBy: '2026-02-03/61',
        at,
      },
    ]);
  });

  it('reads the date of analytics items, whose id is the date, and of none else', () => {
    const items = latestItems([
      { item: '2026-01-03', outcome: 'done', at },
      { item: 'x-1', outcome: 'failed', at },
    ]);
    expect(items.map((i) => [i.date, i.retryable])).toEqual([
      ['2026-01-03', null],
      [null, false],
    ]);
  });
});

describe('pageItems', () => {
  it('filters by outcome, pages, and counts every outcome regardless of the filter', () => {
    const entry = (item: string, outcome: LedgerEntry['outcome']): LedgerEntry => ({
      item,
      outcome,
      at,
    });
    const items = latestItems([
      entry('a', 'done'),
      entry('b', 'failed'),
      entry('c', 'failed'),
      entry('d', 'skipped'),
    ]);
    const page = pageItems(items, { outcome: ['failed'], limit: 1, offset: 1 });
    expect(page.items.map((i) => i.id)).toEqual(['c']);
    expect(page.total).toBe(2);
    expect(page.counts).toEqual({ done: 1, skipped: 1, failed: 2 });
  });

  it('returns every matching item exactly once across consecutive pages', () => {
    const ledgerArb = fc.array(
      fc.record({
        item: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
        outcome: fc.constantFrom(...ITEM_OUTCOMES),
        at: fc.constant(at),
      }),
    );
    fc.assert(
      fc.property(
        ledgerArb,
        fc.subarray([...ITEM_OUTCOMES]),
        fc.integer({ min: 1, max: 4 }),
        (ledger, outcome, limit) => {
          const items = latestItems(ledger);
          const seen: string[] = [];
          for (let offset = 0; offset < items.length + limit; offset += limit) {
            seen.push(...pageItems(items, { outcome, limit, offset }).items.map((i) => i.id));
          }
          const expected = items
            .filter((i) => outcome.length === 0 || outcome.includes(i.outcome))
            .map((i) => i.id);
          expect(seen).toEqual(expected);
        },
      ),
    );
  });
});
