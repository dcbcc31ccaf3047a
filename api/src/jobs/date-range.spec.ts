import fc from 'fast-check';
import { addDays, utcDateOf } from '../common/utc-dates';
import { dateRangeProblem } from './date-range';

const day = fc
  .integer({ min: Date.UTC(2017, 0, 1), max: Date.UTC(2030, 11, 31) })
  .map((ms) => utcDateOf(ms));

describe('dateRangeProblem', () => {
  it('rejects exactly start > end or end >= today', () => {
    fc.assert(
      fc.property(day, day, day, (start, end, today) => {
        const problem = dateRangeProblem(start, end, today, true);
        const shouldReject = start > end || end >= today;
        expect(problem !== null).toBe(shouldReject);
      }),
      { numRuns: 2000 },
    );
  });

  it('treats yesterday as the newest allowed end date', () => {
    expect(dateRangeProblem('2026-01-01', '2026-01-14', '2026-01-15', true)).toBeNull();
    expect(dateRangeProblem('2026-01-01', '2026-01-15', '2026-01-15', true)).toMatch(
      /before today/,
    );
    expect(dateRangeProblem('2026-01-15', '2026-01-15', addDays('2026-01-15', 1), true)).toBeNull();
  });

  it('requires both dates for data collection, neither or both otherwise', () => {
    expect(dateRangeProblem(undefined, undefined, '2026-01-15', true)).toMatch(/required/);
    expect(dateRangeProblem(undefined, undefined, '2026-01-15', false)).toBeNull();
    expect(dateRangeProblem('2026-01-01', undefined, '2026-01-15', false)).toMatch(/together/);
  });
});
