import {
  isProgramYearAtLeast,
  parseProgramYear,
  programYearEnd,
  programYearOf,
  programYearOfMonth,
  programYearStart,
} from './program-year';

describe('program year', () => {
  it('runs July to June', () => {
    expect(programYearOf('2025-06-30')).toBe('2024-2025');
    expect(programYearOf('2025-07-01')).toBe('2025-2026');
    expect(programYearOfMonth(2026, 3)).toBe('2025-2026');
    expect(programYearStart('2025-2026')).toBe('2025-07-01');
    expect(programYearEnd('2025-2026')).toBe('2026-06-30');
  });

  it('parses only consecutive years', () => {
    expect(parseProgramYear('2024-2025')).toBe(2024);
    expect(parseProgramYear('2024-2026')).toBeNull();
    expect(parseProgramYear('24-25')).toBeNull();
  });

  it('compares program years', () => {
    expect(isProgramYearAtLeast('2025-2026', '2025-2026')).toBe(true);
    expect(isProgramYearAtLeast('2024-2025', '2025-2026')).toBe(false);
  });
});
