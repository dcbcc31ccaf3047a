import { addDays, datesInRange, lastDayOfMonth } from '../common/utc-dates';
import type { CoverageCell, CoverageGrid, SummaryCoverage } from '../domain/coverage';
import { encodeCoverage } from './coverage-encoding';
import { previousMonthEnd } from './coverage-grid';

const ONE_MB = 1_000_000;

/**
 * A busy program year: 128 districts x 366 days, month ends collected on their last closing
 * day, three closing days a month, one cell in 40 failed with a reason naming its date and
 * district (the worst case for grouping), a gap of missing days.
 */
function programYear(): CoverageGrid {
  const dates = datesInRange('2023-07-01', '2024-06-30');
  const districts = Array.from({ length: 128 }, (_, i) => String(i + 1));
  const closingDay = (date: string) => Number(date.slice(8)) <= 3 && date.slice(5, 7) !== '07';
  const summaries = dates.map((date): SummaryCoverage => {
    if (closingDay(date)) return { state: 'superseded', snapshotDate: previousMonthEnd(date) };
    if (date === lastDayOfMonth(date)) return { state: 'ok', collectionDate: addDays(date, 3) };
    return { state: 'ok', collectionDate: date };
  });
  const cells = districts.map((district, d) =>
    dates.map((date, i): CoverageCell => {
      const summary = summaries[i];
      if (summary.state === 'superseded') return { state: 'superseded' };
      if ((d * 366 + i) % 40 === 0) {
        return {
          state: 'failed',
          collectionDate: date,
          reason: `HTTP 503 for ${district} on ${date}`,
        };
      }
      if (date >= '2024-02-10' && date <= '2024-02-20') return { state: 'missing' };
      return summary.state === 'ok'
        ? { state: 'ok', collectionDate: summary.collectionDate }
        : summary;
    }),
  );
  return { dates, districts, cells, summaries };
}

describe('coverage size', () => {
  it('sends a program year of 128 districts in one response well under 1 MB', () => {
    const body = JSON.stringify(encodeCoverage(programYear()));
    const bytes = Buffer.byteLength(body);
    console.log(`coverage of 128 districts x 366 days: ${bytes} bytes of JSON`);
    expect(bytes).toBeLessThan(ONE_MB / 4);
  });
});
