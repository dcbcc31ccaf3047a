import { JULY_COVERAGE } from '../../testing/coverage.fixture';
import { coverageView, programYearRange, programYearsUpTo } from './coverage-view.model';

describe('coverageView', () => {
  const view = coverageView(JULY_COVERAGE);

  it('reads a state per cell from the row strings', () => {
    expect(view.dates).toEqual([
      '2025-07-30',
      '2025-07-31',
      '2025-08-01',
      '2025-08-02',
      '2025-08-03',
      '2025-08-04',
    ]);
    expect(view.stateAt(0, 0)).toBe('ok');
    expect(view.stateAt(1, 1)).toBe('failed');
    expect(view.stateAt(2, 1)).toBe('no-data');
    expect(view.stateAt(2, 3)).toBe('superseded');
    expect(view.stateAt(0, 5)).toBe('missing');
    expect(view.counts).toEqual({ ok: 4, 'no-data': 2, failed: 1, superseded: 9, missing: 2 });
  });

  it('describes a cell in words and symbol, with what the side tables say', () => {
    expect(view.describe(0, 0)).toBe('District 61 on 2025-07-30: ✓ stored, collected 2025-07-30');
    expect(view.describe(0, 1)).toBe('District 61 on 2025-07-31: ✓ stored, collected 2025-08-03');
    expect(view.describe(1, 1)).toBe(
      'District 117 on 2025-07-31: ✗ failed (collected 2025-08-03): HTTP 500 after 4 attempts',
    );
    expect(view.describe(1, 2)).toBe(
      'District 117 on 2025-08-01: ↷ closing day: its data lives on the month end, 2025-07-31',
    );
    expect(view.describe(0, 5)).toBe('District 61 on 2025-08-04: · missing: nothing stored');
    expect(view.describe(2, 5)).toBe(
      'District 01 on 2025-08-04: ∅ no data: the dashboard had none for this district',
    );
  });

  it('lists the districts with a failed or missing cell as the gaps', () => {
    expect(view.gapDistricts).toEqual(['61', '117']);
  });
});

describe('program years', () => {
  it('run from July 1 to June 30, cut at yesterday', () => {
    expect(programYearRange(2024, '2026-12-07')).toEqual({
      label: '2024-2025',
      from: '2024-07-01',
      to: '2025-06-30',
    });
    expect(programYearRange(2026, '2026-12-07')).toEqual({
      label: '2026-2027',
      from: '2026-07-01',
      to: '2026-12-06',
    });
    // On July 1 the new year has no day before today yet.
    expect(programYearRange(2026, '2026-07-01')).toBeNull();
  });

  it('are offered newest first, back to the start of the daily history', () => {
    const years = programYearsUpTo('2026-07-01');
    expect(years[0].label).toBe('2025-2026');
    expect(years[years.length - 1].label).toBe('2016-2017');
  });
});
