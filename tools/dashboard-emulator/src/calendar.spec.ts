import fc from 'fast-check';
import {
  addDays,
  daysInMonth,
  epochDay,
  formatMdy,
  formatMmDdYy,
  formatMmDdYyyy,
  fromEpochDay,
  isIsoDate,
  parseMdy,
  todayUtc,
} from './calendar';

/** Dates from 1900 to 2199, as epoch days. */
const epochDays = fc.integer({ min: -25_567, max: 83_603 });

describe('calendar (UTC only)', () => {
  it('round-trips epoch days and ISO dates', () => {
    fc.assert(fc.property(epochDays, (n) => epochDay(fromEpochDay(n)) === n));
  });

  it('round-trips M/D/YYYY', () => {
    fc.assert(
      fc.property(epochDays, (n) => {
        const date = fromEpochDay(n);
        return parseMdy(formatMdy(date)) === date;
      }),
    );
  });

  it('writes dates unpadded for URLs and padded for footers', () => {
    expect(formatMdy('2025-06-30')).toBe('6/30/2025');
    expect(formatMdy('2026-04-01')).toBe('4/1/2026');
    expect(formatMmDdYyyy('2026-04-01')).toBe('04/01/2026');
    expect(formatMmDdYy('1987-05-14')).toBe('05/14/87');
  });

  it('rejects impossible dates', () => {
    expect(parseMdy('2/29/2025')).toBeNull();
    expect(parseMdy('2/29/2024')).toBe('2024-02-29');
    expect(parseMdy('13/1/2025')).toBeNull();
    expect(parseMdy('2025-01-01')).toBeNull();
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });

  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
  });

  it('takes today from the UTC clock whatever the local zone', () => {
    // 23:30 UTC is already the next day east of UTC and still the same day west of it.
    expect(todayUtc(Date.UTC(2026, 2, 31, 23, 30))).toBe('2026-03-31');
    expect(todayUtc(Date.UTC(2026, 3, 1, 0, 30))).toBe('2026-04-01');
  });
});
