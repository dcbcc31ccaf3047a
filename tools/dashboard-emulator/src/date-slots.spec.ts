import fc from 'fast-check';
import { addDays, fromEpochDay, fromParts, lastDayOfMonth } from './calendar';
import { closingDays, resolveDataPeriod } from './closing-period';
import { isDateSlotMode, parseDateSlotMode, slotsFitDataMonth } from './date-slots';

describe('date slot modes', () => {
  it('accepts lenient and data-month only', () => {
    expect(parseDateSlotMode('lenient')).toBe('lenient');
    expect(parseDateSlotMode('data-month')).toBe('data-month');
    expect(isDateSlotMode('strict')).toBe(false);
    expect(() => parseDateSlotMode('strict')).toThrow(
      'dateSlots must be one of lenient, data-month, got "strict"',
    );
    expect(() => parseDateSlotMode(1)).toThrow('dateSlots must be one of');
  });
});

describe('slotsFitDataMonth', () => {
  it("wants the closing month's last day early in a month, the current month's after", () => {
    const k = closingDays(2026, 4);
    const closing = fromParts(2026, 4, k);
    expect(slotsFitDataMonth('2026-03-31', closing, '2025-2026')).toBe(true);
    expect(slotsFitDataMonth('2026-04-30', closing, '2025-2026')).toBe(false);
    const after = addDays(closing, 1);
    expect(slotsFitDataMonth('2026-04-30', after, '2025-2026')).toBe(true);
    expect(slotsFitDataMonth('2026-03-31', after, '2025-2026')).toBe(false);
  });

  it('wants the exact last day, not another day of the month', () => {
    expect(slotsFitDataMonth('2026-03-30', '2026-04-01', '2025-2026')).toBe(false);
    expect(slotsFitDataMonth('2024-02-29', '2024-03-01', '2023-2024')).toBe(true);
  });

  it("takes the program year from the data month: June's closing read in July", () => {
    expect(slotsFitDataMonth('2025-06-30', '2025-07-01', '2024-2025')).toBe(true);
    expect(slotsFitDataMonth('2025-06-30', '2025-07-01', '2025-2026')).toBe(false);
  });

  it('puts December read in January in the previous calendar year', () => {
    expect(slotsFitDataMonth('2025-12-31', '2026-01-01', '2025-2026')).toBe(true);
    expect(slotsFitDataMonth('2026-12-31', '2026-01-01', '2025-2026')).toBe(false);
  });

  it('accepts exactly one MONTH_END per collection date', () => {
    const dates = fc.integer({ min: 17_000, max: 22_000 }).map(fromEpochDay);
    fc.assert(
      fc.property(dates, fc.integer({ min: -40, max: 40 }), (date, offset) => {
        const period = resolveDataPeriod(date);
        const monthEnd = lastDayOfMonth(period.dataYear, period.dataMonth);
        expect(slotsFitDataMonth(monthEnd, date, period.programYear)).toBe(true);
        const other = addDays(monthEnd, offset);
        expect(slotsFitDataMonth(other, date, period.programYear)).toBe(offset === 0);
      }),
    );
  });
});
