import fc from 'fast-check';
import { supersededCells } from './closing-days';

describe('supersededCells', () => {
  it('keeps only the last date of each closing period, the month end included', () => {
    const superseded = supersededCells([
      { date: '2025-08-30', snapshotDate: '2025-08-30', districts: ['42', '61'] },
      { date: '2025-08-31', snapshotDate: '2025-08-31', districts: ['42', '61'] },
      { date: '2025-09-01', snapshotDate: '2025-08-31', districts: ['42', '61'] },
      { date: '2025-09-02', snapshotDate: '2025-08-31', districts: ['42', '61'] },
      { date: '2025-09-03', snapshotDate: '2025-09-03', districts: ['42', '61'] },
    ]);
    expect(Object.fromEntries(superseded)).toEqual({
      '2025-08-31/42': '2025-09-02',
      '2025-08-31/61': '2025-09-02',
      '2025-09-01/42': '2025-09-02',
      '2025-09-01/61': '2025-09-02',
    });
  });

  it('does not let a date supersede a district it does not plan', () => {
    const superseded = supersededCells([
      { date: '2025-09-01', snapshotDate: '2025-08-31', districts: ['42', '61'] },
      { date: '2025-09-02', snapshotDate: '2025-08-31', districts: ['61'] },
    ]);
    expect(Object.fromEntries(superseded)).toEqual({ '2025-09-01/61': '2025-09-02' });
  });

  it('leaves exactly one cell per (snapshot date, district), the newest, whatever the order', () => {
    const day = fc.integer({ min: 1, max: 20 }).map((d) => `2025-09-${String(d).padStart(2, '0')}`);
    const dates = fc.uniqueArray(
      fc.record({
        date: day,
        snapshotDate: fc.constantFrom('2025-08-31', '2025-09-30'),
        districts: fc.subarray(['01', '42', '61', 'F']),
      }),
      { selector: (d) => d.date },
    );
    fc.assert(
      fc.property(dates, (input) => {
        const superseded = supersededCells(input);
        const kept = new Map<string, string>();
        for (const { date, snapshotDate, districts } of input) {
          for (const district of districts) {
            const by = superseded.get(`${date}/${district}`);
            if (by === undefined) {
              expect(kept.has(`${snapshotDate}/${district}`)).toBe(false);
              kept.set(`${snapshotDate}/${district}`, date);
            } else {
              expect(by > date).toBe(true);
            }
          }
        }
        for (const { date, snapshotDate, districts } of input) {
          for (const district of districts) {
            expect(kept.get(`${snapshotDate}/${district}`)! >= date).toBe(true);
          }
        }
      }),
    );
  });
});
