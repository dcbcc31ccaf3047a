/**
 * A stand-in for dashboards.toastmasters.org: a real HTTP server plus the pure generator behind
 * it, so tests can compute what any (report, district, date) must contain.
 */
export { startDashboardEmulator } from './server';
export type { EmulatorOptions, RunningEmulator } from './server';
export type { LogEntry } from './request-log';
export { DATE_SLOT_MODES, isDateSlotMode, slotsFitDataMonth } from './date-slots';
export type { DateSlotMode } from './date-slots';

export { FAULT_KINDS, FaultSettingsError, parseFaultSettings } from './fault-settings';
export type {
  FaultKind,
  FaultRule,
  FaultSettings,
  MalformedMode,
  RetryAfterFormat,
  TruncateMode,
} from './fault-settings';

export { REPORT_KINDS, isReportKind } from './report-kind';
export type { ReportKind } from './report-kind';
export { parseReportRequest } from './report-request';
export type { ParseResult, ReportRequest } from './report-request';

export { renderEmptyMonth, renderReport } from './generate/render-report';
export type { RenderedReport, RenderOptions } from './generate/render-report';
export { footerText, monthLabel, usesLongMonthName } from './generate/footer';
export { districtSnapshot } from './model/snapshot';
export type { DistinguishedCounts, DistrictSnapshot, DistrictTotals } from './model/snapshot';
export type { ClubPayments, ClubState, ClubStatus, DistinguishedLevel } from './model/club-state';

export {
  allDistrictIds,
  districtRegion,
  districtsForProgramYear,
  listDistricts,
} from './districts';
export { closingDays, resolveDataPeriod } from './closing-period';
export type { DataPeriod } from './closing-period';
export { FIRST_DATA_DATE, hasData, isMissingDate, latestDataDate } from './availability';
export {
  isProgramYearAtLeast,
  parseProgramYear,
  programYearEnd,
  programYearOf,
  programYearOfMonth,
  programYearStart,
} from './program-year';
export {
  addDays,
  formatMdy,
  formatMmDdYyyy,
  isIsoDate,
  lastDayOfMonth,
  parseMdy,
  todayUtc,
} from './calendar';
export type { IsoDate } from './calendar';
export { exportPath } from './export-url';
export type { ExportUrlParts } from './export-url';
