import {
  formatDashboardDate,
  IsoDate,
  lastDayOfMonth,
  monthOf,
  parseIsoDate,
  ProgramYear,
  programYearOfMonth,
} from '../common/utc-dates';

/** The four CSV exports the service collects. */
export type ReportKind = 'summary' | 'district' | 'division' | 'club';

export const REPORT_KINDS: readonly ReportKind[] = ['summary', 'district', 'division', 'club'];

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
 * How a requested date maps onto the slots. The earlier consumer never settled what the two
 * slots mean, so this stays swappable until checksums against the real dashboard settle it.
 */
export type DateSlotStrategy = (requestedDate: IsoDate) => DateSlots;

/** Last day of the requested date's month, then the requested date; program year of that month. */
export const monthEndThenRequestedDate: DateSlotStrategy = (requestedDate) => ({
  monthEnd: lastDayOfMonth(requestedDate),
  date: requestedDate,
  programYear: programYearOfMonth(monthOf(requestedDate)),
});

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
  readonly baseUrl?: string;
  readonly dateSlots?: DateSlotStrategy;
}

/**
 * `{base}/{PY}/export.aspx?type=CSV&report={REPORT}`. Slashes and tildes in the report id
 * are left as they are: the dashboard expects them literally, and both are legal in a query.
 */
export function buildReportUrl(request: ReportUrlRequest): string {
  const { kind, district, date } = request;
  parseIsoDate(date); // up front, so a custom strategy never sees a malformed date
  const baseUrl = (request.baseUrl ?? DASHBOARD_BASE_URL).replace(/\/+$/, '');
  const slots = (request.dateSlots ?? monthEndThenRequestedDate)(date);
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
