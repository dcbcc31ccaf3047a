import { closingDays, resolveDataPeriod } from './closing-period';
import { fromParts } from './calendar';

function allMonths(): { year: number; month: number }[] {
  const months = [];
  for (let year = 2017; year <= 2030; year++) {
    for (let month = 1; month <= 12; month++) {
      months.push({ year, month });
    }
  }
  return months;
}

describe('closing periods', () => {
  it('last 1 to 25 days with a median near 8', () => {
    const lengths = allMonths()
      .filter(({ month }) => month !== 7)
      .map(({ year, month }) => closingDays(year, month))
      .sort((a, b) => a - b);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(25);
    const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
    expect(median).toBeGreaterThanOrEqual(6);
    expect(median).toBeLessThanOrEqual(10);
  });

  it("makes June's closing (read in July) 12 to 25 days", () => {
    for (let year = 2017; year <= 2030; year++) {
      const k = closingDays(year, 7);
      expect(k).toBeGreaterThanOrEqual(12);
      expect(k).toBeLessThanOrEqual(25);
    }
  });

  it('serves the previous month during the first K days, then the current month', () => {
    const k = closingDays(2026, 4);
    const closing = resolveDataPeriod(fromParts(2026, 4, k));
    expect(closing).toMatchObject({
      dataYear: 2026,
      dataMonth: 3,
      closing: true,
      snapshotDate: '2026-03-31',
      programYear: '2025-2026',
    });
    const after = resolveDataPeriod(fromParts(2026, 4, k + 1));
    expect(after).toMatchObject({
      dataMonth: 4,
      closing: false,
      snapshotDate: fromParts(2026, 4, k + 1),
    });
  });

  it('always treats the 1st of a month as closing data', () => {
    for (const { year, month } of allMonths()) {
      expect(resolveDataPeriod(fromParts(year, month, 1)).closing).toBe(true);
    }
  });

  it('reads December data in January as the previous year', () => {
    const period = resolveDataPeriod('2026-01-01');
    expect(period).toMatchObject({ dataYear: 2025, dataMonth: 12, snapshotDate: '2025-12-31' });
    expect(period.programYear).toBe('2025-2026');
  });

  it('derives the program year from the data month for June closing read in July', () => {
    const period = resolveDataPeriod('2025-07-05');
    expect(period).toMatchObject({ dataYear: 2025, dataMonth: 6, programYear: '2024-2025' });
    const k = closingDays(2025, 7);
    expect(resolveDataPeriod(fromParts(2025, 7, k + 1)).programYear).toBe('2025-2026');
  });
});
