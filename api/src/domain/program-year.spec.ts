import {
  isDateInProgramYear,
  isProgramYear,
  programYearOfDate,
  programYearStart,
} from './program-year';

describe('program years', () => {
  it.each([
    ['2025-2026', true],
    ['1999-2000', true],
    ['2025-2027', false],
    ['2026-2025', false],
    ['2025-26', false],
    ['2025_2026', false],
    ['0000-0001', false],
    ['', false],
  ])('isProgramYear(%j) is %s', (value, expected) => {
    expect(isProgramYear(value)).toBe(expected);
  });

  it('runs from July 1 to June 30', () => {
    expect(programYearStart('2025-2026')).toBe('2025-07-01');
    expect(programYearOfDate('2025-07-01')).toBe('2025-2026');
    expect(programYearOfDate('2026-06-30')).toBe('2025-2026');
    expect(programYearOfDate('2025-06-30')).toBe('2024-2025');
    expect(isDateInProgramYear('2026-06-30', '2025-2026')).toBe(true);
    expect(isDateInProgramYear('2026-07-01', '2025-2026')).toBe(false);
    expect(isDateInProgramYear('2026-02-30', '2025-2026')).toBe(false);
    expect(() => programYearStart('2025-2027')).toThrow(RangeError);
  });
});
