import { formatMmDdYyyy } from '../calendar';
import { DataPeriod } from '../closing-period';
import { unitHash } from '../prng';

const SHORT_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** Share of data months whose footer spells the month out (`Month of March`). */
const LONG_NAME_RATE = 0.3;

/** Whether the footer for this data month uses the full month name; fixed per month. */
export function usesLongMonthName(year: number, month: number): boolean {
  return unitHash('footer-month-style', year, month) < LONG_NAME_RATE;
}

export function monthLabel(year: number, month: number): string {
  const names = usesLongMonthName(year, month) ? LONG_MONTHS : SHORT_MONTHS;
  return names[month - 1] ?? String(month);
}

/** `Month of Mar, As of 04/01/2026`: the data month, then the collection date. */
export function footerText(period: DataPeriod): string {
  return `Month of ${monthLabel(period.dataYear, period.dataMonth)}, As of ${formatMmDdYyyy(period.collectionDate)}`;
}
