import fc from 'fast-check';
import { implausibleDataMonth, resolveSnapshotPlacement } from './closing-period';
import { addDays, monthOf, programYearOfMonth } from '../../common/utc-dates';

describe('resolveSnapshotPlacement', () => {
  it('stores closing-period data on the last day of the data month', () => {
    expect(resolveSnapshotPlacement('2026-04-01', '2026-03')).toEqual({
      snapshotDate: '2026-03-31',
      dataMonth: '2026-03',
      isClosingPeriod: true,
      collectionDate: '2026-04-01',
      programYear: '2025-2026',
    });
  });

  it('keeps the requested date when the data is of the same month', () => {
    expect(resolveSnapshotPlacement('2026-03-14', '2026-03')).toEqual({
      snapshotDate: '2026-03-14',
      dataMonth: '2026-03',
      isClosingPeriod: false,
      collectionDate: '2026-03-14',
      programYear: '2025-2026',
    });
  });

  it('puts December data read in January in the previous year', () => {
    expect(resolveSnapshotPlacement('2026-01-06', '2025-12')).toMatchObject({
      snapshotDate: '2025-12-31',
      isClosingPeriod: true,
      programYear: '2025-2026',
    });
  });

  it("files June's closing data, collected in July, under June's program year", () => {
    expect(resolveSnapshotPlacement('2025-07-20', '2025-06')).toMatchObject({
      snapshotDate: '2025-06-30',
      programYear: '2024-2025',
      collectionDate: '2025-07-20',
    });
  });

  it('handles February month ends in leap years', () => {
    expect(resolveSnapshotPlacement('2024-03-05', '2024-02').snapshotDate).toBe('2024-02-29');
  });

  it('assumes the requested month without a footer', () => {
    expect(resolveSnapshotPlacement('2026-03-14', null)).toMatchObject({
      snapshotDate: '2026-03-14',
      dataMonth: '2026-03',
      isClosingPeriod: false,
    });
  });

  it('never places a snapshot after its collection date, and keeps the data month', () => {
    const date = fc.integer({ min: 0, max: 40_000 }).map((offset) => addDays('2000-01-01', offset));
    fc.assert(
      fc.property(date, fc.boolean(), (collectionDate, previousMonth) => {
        const dataMonth = monthOf(
          previousMonth ? addDays(collectionDate.slice(0, 8) + '01', -1) : collectionDate,
        );
        const placement = resolveSnapshotPlacement(collectionDate, dataMonth);
        expect(placement.snapshotDate <= collectionDate).toBe(true);
        expect(monthOf(placement.snapshotDate)).toBe(dataMonth);
        expect(placement.isClosingPeriod).toBe(previousMonth);
        expect(placement.programYear).toBe(programYearOfMonth(dataMonth));
        expect(implausibleDataMonth(collectionDate, dataMonth)).toBeUndefined();
      }),
    );
  });
});

describe('implausibleDataMonth', () => {
  it('accepts the requested month and the one before it only', () => {
    expect(implausibleDataMonth('2026-01-06', '2025-12')).toBeUndefined();
    expect(implausibleDataMonth('2026-01-06', '2026-01')).toBeUndefined();
    expect(implausibleDataMonth('2026-01-06', '2025-11')).toMatch(/2025-11.*2026-01-06/);
    expect(implausibleDataMonth('2024-03-14', '2026-03')).toMatch(/cannot answer/);
    expect(implausibleDataMonth('2026-03-14', '2026-04')).toBeDefined();
  });
});
