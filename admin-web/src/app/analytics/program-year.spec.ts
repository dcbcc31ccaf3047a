import { isProgramYear, programYearOf, recentProgramYears } from './program-year';

describe('program years', () => {
  it('starts a program year on July 1', () => {
    expect(programYearOf('2026-06-30')).toBe('2025-2026');
    expect(programYearOf('2026-07-01')).toBe('2026-2027');
    expect(programYearOf('2026-12-07')).toBe('2026-2027');
  });

  it('lists recent program years, newest first', () => {
    expect(recentProgramYears('2026-03-01', 3)).toEqual(['2025-2026', '2024-2025', '2023-2024']);
  });

  it('accepts only consecutive years', () => {
    expect(isProgramYear('2025-2026')).toBe(true);
    expect(isProgramYear('2025-2027')).toBe(false);
    expect(isProgramYear('2025')).toBe(false);
    expect(isProgramYear(undefined)).toBe(false);
  });
});
