import fc from 'fast-check';
import { addDays, daysBetween, eachDate, isIsoDate, isoDateToEpochMs, toIsoDate } from './utc-date';

/** Also run under TZ=America/Los_Angeles by `npm run test:tz`: results must not change. */
describe('utc-date', () => {
  it(`reports the zone it runs in (${process.env.TZ ?? 'unset'})`, () => {
    expect(typeof process.env.TZ).toBe('string');
  });

  it('accepts only real calendar dates in YYYY-MM-DD form', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-02-30')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('2025-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
  });

  it('round-trips every date through epoch milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const date = toIsoDate(ms);
        expect(isIsoDate(date)).toBe(true);
        expect(toIsoDate(isoDateToEpochMs(date))).toBe(date);
      }),
    );
  });

  it('adds days across month ends, leap days and DST changes without shifting', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('lists each date of a range once, inclusive', () => {
    expect(eachDate('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(eachDate('2026-03-02', '2026-03-01')).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
        const dates = eachDate('2025-07-01', addDays('2025-07-01', n));
        expect(dates).toHaveLength(n + 1);
        expect(daysBetween(dates[0], dates[dates.length - 1])).toBe(n);
      }),
    );
  });

  it('gives the UTC date of an instant, whatever the local zone', () => {
    expect(toIsoDate(Date.UTC(2026, 0, 1, 0, 30))).toBe('2026-01-01');
    expect(toIsoDate(Date.UTC(2025, 11, 31, 23, 59))).toBe('2025-12-31');
  });
});
