import fc from 'fast-check';
import { addDays, datesInRange } from '../common/utc-dates';
import type { CoverageCell, CoverageGrid, SummaryCoverage } from '../domain/coverage';
import { decodeCoverage, encodeCoverage } from './coverage-encoding';

const DAY_ZERO = '2024-06-01';

/** A grid by the invariant: a date's cells are all superseded exactly when its summary is. */
const gridArbitrary: fc.Arbitrary<CoverageGrid> = fc
  .record({
    start: fc.integer({ min: 0, max: 500 }),
    days: fc.integer({ min: 1, max: 40 }),
    districts: fc.uniqueArray(fc.stringMatching(/^[A-Z0-9]{1,4}$/), { maxLength: 6 }),
  })
  .chain(({ start, days, districts }) => {
    const dates = datesInRange(addDays(DAY_ZERO, start), addDays(DAY_ZERO, start + days - 1));
    const date = fc.integer({ min: -5, max: 30 }).map((n) => addDays(dates[0], n));
    const summary: fc.Arbitrary<SummaryCoverage> = fc.oneof(
      date.map((collectionDate) => ({ state: 'ok' as const, collectionDate })),
      date.map((snapshotDate) => ({ state: 'superseded' as const, snapshotDate })),
      fc.constantFrom({ state: 'no-data' as const }, { state: 'missing' as const }),
    );
    const cell: fc.Arbitrary<CoverageCell> = fc.oneof(
      date.map((collectionDate) => ({ state: 'ok' as const, collectionDate })),
      fc.record({
        state: fc.constant('failed' as const),
        collectionDate: date,
        reason: fc.constantFrom('HTTP 500', 'timeout', 'bad CSV: no header', ''),
      }),
      fc.constantFrom({ state: 'no-data' as const }, { state: 'missing' as const }),
    );
    return fc
      .record({
        summaries: fc.array(summary, { minLength: days, maxLength: days }),
        cells: fc.array(fc.array(cell, { minLength: days, maxLength: days }), {
          minLength: districts.length,
          maxLength: districts.length,
        }),
      })
      .map(({ summaries, cells }) => ({
        dates,
        districts,
        summaries,
        cells: cells.map((row) =>
          row.map(
            (c, i): CoverageCell =>
              summaries[i].state === 'superseded' ? { state: 'superseded' } : c,
          ),
        ),
      }));
  });

describe('coverage encoding', () => {
  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(gridArbitrary, (grid) => {
        expect(decodeCoverage(encodeCoverage(grid))).toEqual(grid);
      }),
      { numRuns: 300 },
    );
  });

  it('counts every cell and every summary once, by state', () => {
    fc.assert(
      fc.property(gridArbitrary, (grid) => {
        const encoded = encodeCoverage(grid);
        const cellTotal = Object.values(encoded.counts).reduce((a, b) => a + b, 0);
        const summaryTotal = Object.values(encoded.summaryCounts).reduce((a, b) => a + b, 0);
        expect(cellTotal).toBe(grid.districts.length * grid.dates.length);
        expect(summaryTotal).toBe(grid.dates.length);
        expect(encoded.rows.every((row) => row.length === encoded.days)).toBe(true);
      }),
    );
  });

  it('writes one symbol per cell and side tables only for what symbols cannot say', () => {
    const grid: CoverageGrid = {
      dates: ['2025-07-30', '2025-07-31', '2025-08-01', '2025-08-02'],
      districts: ['61', '117'],
      summaries: [
        { state: 'ok', collectionDate: '2025-07-30' },
        { state: 'ok', collectionDate: '2025-08-02' },
        { state: 'superseded', snapshotDate: '2025-07-31' },
        { state: 'superseded', snapshotDate: '2025-07-31' },
      ],
      cells: [
        [
          { state: 'ok', collectionDate: '2025-07-30' },
          { state: 'ok', collectionDate: '2025-08-02' },
          { state: 'superseded' },
          { state: 'superseded' },
        ],
        [
          { state: 'missing' },
          { state: 'failed', collectionDate: '2025-08-02', reason: 'HTTP 500' },
          { state: 'superseded' },
          { state: 'superseded' },
        ],
      ],
    };
    expect(encodeCoverage(grid)).toEqual({
      from: '2025-07-30',
      to: '2025-08-02',
      days: 4,
      districts: ['61', '117'],
      rows: ['ooss', 'mfss'],
      summary: 'ooss',
      closingPeriods: [{ monthEnd: '2025-07-31', from: '2025-08-01', to: '2025-08-02' }],
      collectionDates: [{ date: '2025-07-31', collectionDate: '2025-08-02', districts: [0] }],
      summaryCollectionDates: [{ date: '2025-07-31', collectionDate: '2025-08-02' }],
      failures: [
        { date: '2025-07-31', collectionDate: '2025-08-02', reason: 'HTTP 500', districts: [1] },
      ],
      counts: { ok: 2, 'no-data': 0, failed: 1, superseded: 4, missing: 1 },
      summaryCounts: { ok: 2, 'no-data': 0, failed: 0, superseded: 2, missing: 0 },
    });
  });

  it('refuses a malformed answer rather than guessing', () => {
    const encoded = encodeCoverage({
      dates: ['2025-07-30'],
      districts: ['61'],
      summaries: [{ state: 'ok', collectionDate: '2025-07-30' }],
      cells: [[{ state: 'failed', collectionDate: '2025-07-30', reason: 'x' }]],
    });
    expect(() => decodeCoverage({ ...encoded, failures: [] })).toThrow(/no failure/);
    expect(() => decodeCoverage({ ...encoded, rows: ['x'] })).toThrow(/state symbol "x"/);
  });
});
