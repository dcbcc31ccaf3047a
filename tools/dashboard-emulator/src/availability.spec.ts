import { addDays } from './calendar';
import { FIRST_DATA_DATE, hasData, isMissingDate, latestDataDate } from './availability';

describe('availability', () => {
  const today = '2026-05-01';

  it('has nothing before the archive starts or from today on', () => {
    expect(hasData(addDays(FIRST_DATA_DATE, -1), today)).toBe(false);
    expect(hasData(today, today)).toBe(false);
    expect(hasData('2026-06-01', today)).toBe(false);
  });

  it('misses about 3% of dates, deterministically', () => {
    let missing = 0;
    const days = 3000;
    for (let i = 0; i < days; i++) {
      const date = addDays('2017-03-01', i);
      if (isMissingDate(date)) {
        missing++;
      }
      expect(isMissingDate(date)).toBe(isMissingDate(date));
    }
    expect(missing / days).toBeGreaterThan(0.015);
    expect(missing / days).toBeLessThan(0.045);
  });

  it('serves yesterday as the latest data, skipping holes', () => {
    const latest = latestDataDate(today);
    expect(latest).not.toBeNull();
    expect(latest! < today).toBe(true);
    expect(isMissingDate(latest!)).toBe(false);
    for (let d = addDays(today, -1); d > latest!; d = addDays(d, -1)) {
      expect(isMissingDate(d)).toBe(true);
    }
    expect(latestDataDate(FIRST_DATA_DATE)).toBeNull();
  });
});
