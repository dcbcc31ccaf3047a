import { IsoDate, lastDayOfMonth } from './calendar';
import { resolveDataPeriod } from './closing-period';

/**
 * How strictly a dated request's MONTH_END and PY must fit its DATE. The real dashboard's
 * reading was never settled (shared/domain/TOASTMASTERS.md §1), so both readings are offered:
 * `lenient` lets DATE alone decide; `data-month` serves data only when MONTH_END is the last day
 * of the month DATE serves and PY is that month's program year.
 */
export const DATE_SLOT_MODES = ['lenient', 'data-month'] as const;
export type DateSlotMode = (typeof DATE_SLOT_MODES)[number];

export function isDateSlotMode(value: unknown): value is DateSlotMode {
  return typeof value === 'string' && (DATE_SLOT_MODES as readonly string[]).includes(value);
}

/** The mode itself, or a RangeError naming the allowed values. */
export function parseDateSlotMode(value: unknown): DateSlotMode {
  if (!isDateSlotMode(value)) {
    throw new RangeError(
      `dateSlots must be one of ${DATE_SLOT_MODES.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Whether the slots name DATE's data month the strict way: MONTH_END its last day, PY its
 * program year. Early in a month DATE serves the previous month (closing period).
 */
export function slotsFitDataMonth(monthEnd: IsoDate, date: IsoDate, programYear: string): boolean {
  const period = resolveDataPeriod(date);
  return (
    monthEnd === lastDayOfMonth(period.dataYear, period.dataMonth) &&
    programYear === period.programYear
  );
}
