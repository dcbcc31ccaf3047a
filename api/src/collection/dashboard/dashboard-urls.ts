import type { ReportKind } from '../../domain/report-kinds';
import type { DateSlotMode } from '../../domain/date-slot-mode';
import {
  formatDashboardDate,
  IsoDate,
  lastDayOfYearMonth,
  monthOf,
  parseIsoDate,
  ProgramYear,
  programYearOfMonth,
  YearMonth,
} from '../../common/utc-dates';
import { isPossibleDataMonth } from './closing-period';

export const DASHBOARD_BASE_URL = 'https://dashboards.toastmasters.org';

/** District ids look like `01`, `61`, `130`, `F`, `U`; anything else could break the URL. */
export const DISTRICT_ID = /^[A-Z0-9]+$/;

/**
 * What goes into the two date slots of a report id. `monthEnd: null` leaves the slot empty
 * (`~~`), which makes the dashboard answer with its latest data.
 */
export interface DateSlots {
  readonly monthEnd: IsoDate | null;
  readonly date: IsoDate;
  /** The program year written into the path and the report id. */
  readonly programYear: ProgramYear;
}

/**
 * How a requested date maps onto the slots, given the month whose figures the dashboard
 * serves for it (the data month: the requested date's own month, or the month before during
 * a closing period). The earlier consumer never settled what the two slots mean, so the
 * reading is configurable (DASHBOARD_DATE_SLOTS) until checksums against the real
 * dashboard settle it.
 */
export type DateSlotStrategy = (requestedDate: IsoDate, dataMonth: YearMonth) => DateSlots;

/**
 * The reading of TOASTMASTERS.md: the data month's last day in MONTH_END, the requested
 * date in DATE, and the data month's program year (June's closing data, read in July,
 * belongs to the program year that just ended).
 */
export const dataMonthSlots: DateSlotStrategy = (requestedDate, dataMonth) => ({
  monthEnd: lastDayOfYearMonth(dataMonth),
  date: requestedDate,
  programYear: programYearOfMonth(dataMonth),
});

/** The requested date's own month in every slot, whatever month the dashboard serves. */
export const requestedMonthSlots: DateSlotStrategy = (requestedDate) =>
  dataMonthSlots(requestedDate, monthOf(requestedDate));

export const DATE_SLOT_STRATEGIES: Record<DateSlotMode, DateSlotStrategy> = {
  'data-month': dataMonthSlots,
  'requested-month': requestedMonthSlots,
};

const REPORT_NAMES: Record<Exclude<ReportKind, 'summary'>, string> = {
  district: 'districtperformance',
  division: 'divisionperformance',
  club: 'clubperformance',
};

export interface ReportUrlRequest {
  readonly kind: ReportKind;
  /** Required for every kind except `summary`, which must not have one. */
  readonly district?: string;
  readonly date: IsoDate;
  /**
   * The month the dashboard serves for `date`, when known (the date's summary tells); the
   * date's own month otherwise. Only that month or the one before can be a data month.
   */
  readonly dataMonth?: YearMonth;
  readonly baseUrl?: string;
  readonly dateSlots?: DateSlotStrategy;
}

/**
 * `{base}/{PY}/export.aspx?type=CSV&report={REPORT}`. Slashes and tildes in the report id
 * are left as they are: the dashboard expects them literally, and both are legal in a query.
 */
export function buildReportUrl(request: ReportUrlRequest): string {
  const { kind, district, date } = request;
  parseIsoDate(date); // up front, so a strategy never sees a malformed date
  const dataMonth = request.dataMonth ?? monthOf(date);
  if (!isPossibleDataMonth(date, dataMonth)) {
    throw new RangeError(`${dataMonth} cannot be the data month of ${date}`);
  }
  const baseUrl = (request.baseUrl ?? DASHBOARD_BASE_URL).replace(/\/+$/, '');
  const slots = (request.dateSlots ?? dataMonthSlots)(date, dataMonth);
  const dateParts = [
    slots.monthEnd === null ? '' : formatDashboardDate(slots.monthEnd),
    formatDashboardDate(slots.date),
    slots.programYear,
  ];

  let reportId: string;
  if (kind === 'summary') {
    if (district !== undefined) throw new Error('the summary report covers all districts');
    reportId = ['districtsummary', ...dateParts].join('~');
  } else {
    if (district === undefined || !DISTRICT_ID.test(district)) {
      throw new Error(`a ${kind} report needs a district id matching ${String(DISTRICT_ID)}`);
    }
    reportId = [REPORT_NAMES[kind], district, ...dateParts].join('~');
  }
  return `${baseUrl}/${slots.programYear}/export.aspx?type=CSV&report=${reportId}`;
}
