import fc from 'fast-check';
import { addDays, epochDay, fromEpochDay } from '../calendar';
import { resolveDataPeriod } from '../closing-period';
import { listDistricts } from '../districts';
import { programYearEnd, programYearStart } from '../program-year';
import { districtSnapshot, DistrictSnapshot } from './snapshot';

function snapshot(district: string, date: string): DistrictSnapshot {
  const s = districtSnapshot(district, date);
  if (s === null) {
    throw new Error(`no snapshot for ${district} ${date}`);
  }
  return s;
}

describe('districtSnapshot', () => {
  it('keeps payments and DCP counters cumulative within a program year', () => {
    const start = epochDay(programYearStart('2024-2025'));
    const end = epochDay(programYearEnd('2024-2025'));
    fc.assert(
      fc.property(
        fc.constantFrom('01', '61', 'F', '120'),
        fc.integer({ min: start + 26, max: end }),
        fc.integer({ min: 1, max: 120 }),
        (district, day, gap) => {
          const a = snapshot(district, fromEpochDay(day));
          const b = snapshot(district, fromEpochDay(Math.min(end, day + gap)));
          fc.pre(a.period.programYear === b.period.programYear);
          const later = new Map(b.clubs.map((c) => [c.plan.club.number, c]));
          for (const club of a.clubs) {
            const next = later.get(club.plan.club.number);
            expect(next).toBeDefined();
            expect(next!.payments.total).toBeGreaterThanOrEqual(club.payments.total);
            expect(next!.goalsMet).toBeGreaterThanOrEqual(club.goalsMet);
            expect(next!.level1s).toBeGreaterThanOrEqual(club.level1s);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('starts the year low in July and grows towards spring', () => {
    let grew = 0;
    const districts = listDistricts('2025-08-10');
    for (const district of districts) {
      const july = snapshot(district, '2025-08-10');
      expect(july.period.dataMonth).toBe(8);
      const march = snapshot(district, '2026-03-20');
      if (march.totals.membership > july.totals.membership) {
        grew++;
      }
    }
    expect(grew / districts.length).toBeGreaterThan(0.9);
  });

  it('gives each district 140-180 clubs in consistent divisions and areas', () => {
    for (const district of listDistricts('2026-03-20')) {
      const s = snapshot(district, '2026-03-20');
      expect(s.clubs.length).toBeGreaterThanOrEqual(140);
      expect(s.clubs.length).toBeLessThanOrEqual(180);
      const divisionOfArea = new Map<number, number>();
      for (const club of s.clubs) {
        const seen = divisionOfArea.get(club.plan.area);
        expect(seen ?? club.plan.divisionIndex).toBe(club.plan.divisionIndex);
        divisionOfArea.set(club.plan.area, club.plan.divisionIndex);
        expect(Math.floor(club.plan.area / 10)).toBe(club.plan.divisionIndex + 1);
      }
      const areaBases = [...s.plan.areaClubBase.values()].reduce((a, b) => a + b, 0);
      expect(areaBases).toBe(s.plan.paidClubBase);
      expect(s.plan.divisions.reduce((sum, d) => sum + d.clubBase, 0)).toBe(s.plan.paidClubBase);
    }
  });

  it('numbers clubs uniquely across districts', () => {
    const numbers = listDistricts('2026-03-20').flatMap((d) =>
      snapshot(d, '2026-03-20').clubs.map((c) => c.plan.club.number),
    );
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.some((n) => n < 100_000)).toBe(true);
    expect(numbers.some((n) => n >= 10_000_000)).toBe(true);
  });

  it('shows suspended clubs, with their counters frozen, in the year they are suspended', () => {
    const suspended = listDistricts('2026-05-20').flatMap((d) =>
      snapshot(d, '2026-05-20').clubs.filter((c) => c.status === 'Suspended'),
    );
    expect(suspended.length).toBeGreaterThan(0);
    for (const club of suspended) {
      expect(club.activeMembers).toBe(0);
      expect(club.distinguished).toBe('');
    }
  });

  it('serves month-end figures throughout a closing period', () => {
    const period = resolveDataPeriod('2026-04-01');
    const s = snapshot('61', '2026-04-01');
    expect(s.period).toEqual(period);
    const monthEnd = snapshot('61', addDays('2026-04-01', -1));
    expect(s.clubs.map((c) => c.plan.club.number)).toEqual(
      monthEnd.clubs.map((c) => c.plan.club.number),
    );
  });
});
