import { addDays, IsoDate } from './calendar';
import { unitHash } from './prng';

/** Daily history on the real dashboard is reliable from this date on. */
export const FIRST_DATA_DATE: IsoDate = '2017-02-06';

/** Share of collection dates that come back empty even though they are in range. */
const MISSING_DATE_RATE = 0.03;

/** A deterministic ~3% of dates have no data (the real dashboard has such holes). */
export function isMissingDate(date: IsoDate): boolean {
  return unitHash('missing-date', date) < MISSING_DATE_RATE;
}

/**
 * Whether a collection date has data: not before the archive starts, strictly before `today`
 * (the dashboard lags a day, so today has nothing yet), and not one of the holes.
 */
export function hasData(date: IsoDate, today: IsoDate): boolean {
  return date >= FIRST_DATA_DATE && date < today && !isMissingDate(date);
}

/**
 * The date whose data an empty MONTH_END slot (`~~`) serves: yesterday, or the newest date
 * before it that has data.
 */
export function latestDataDate(today: IsoDate): IsoDate | null {
  for (let date = addDays(today, -1); date >= FIRST_DATA_DATE; date = addDays(date, -1)) {
    if (!isMissingDate(date)) {
      return date;
    }
  }
  return null;
}
