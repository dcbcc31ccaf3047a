import { IsoDate, parseMdy } from './calendar';
import { resolveDataPeriod } from './closing-period';
import { parseProgramYear, programYearOf } from './program-year';
import { isPerDistrict, isReportKind, ReportKind } from './report-kind';

/**
 * Parses `GET /{PY}/export.aspx?type=CSV&report={REPORT}` exactly as the dashboard's URLs are
 * shaped. The report's `/` may arrive raw or as %2F; URLSearchParams decodes both alike.
 */

export interface ReportRequest {
  kind: ReportKind;
  /** Upper-cased district id; undefined for the summary. */
  district?: string;
  /** The MONTH_END slot; null when empty, which asks for the latest data. */
  monthEnd: IsoDate | null;
  /** The DATE slot (collection date); null only for latest-data requests that leave it empty. */
  date: IsoDate | null;
  latest: boolean;
  programYear: string;
}

export type ParseResult =
  | { ok: true; request: ReportRequest }
  | { ok: false; status: 400 | 404; message: string };

const PATH_PATTERN = /^\/(\d{4}-\d{4})\/export\.aspx$/i;
const DISTRICT_PATTERN = /^[A-Za-z0-9]{1,4}$/;

const fail = (status: 400 | 404, message: string): ParseResult => ({ ok: false, status, message });

export function parseReportRequest(rawUrl: string): ParseResult {
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://emulator.invalid');
  } catch {
    return fail(400, 'Malformed URL');
  }
  const path = PATH_PATTERN.exec(url.pathname);
  if (path === null || path[1] === undefined || parseProgramYear(path[1]) === null) {
    return fail(404, 'Not Found');
  }
  const pathYear = path[1];
  if (url.searchParams.get('type')?.toUpperCase() !== 'CSV') {
    return fail(400, 'Only type=CSV exports are supported');
  }
  const report = url.searchParams.get('report');
  if (report === null || report === '') {
    return fail(400, 'Missing report parameter');
  }
  const slots = report.split('~');
  const kind = (slots[0] ?? '').toLowerCase();
  if (!isReportKind(kind)) {
    return fail(404, `Unknown report: ${slots[0] ?? ''}`);
  }
  const perDistrict = isPerDistrict(kind);
  const expectedSlots = perDistrict ? 5 : 4;
  if (slots.length !== expectedSlots) {
    const shape = perDistrict ? `${kind}~DISTRICT~MONTH_END~DATE~PY` : `${kind}~MONTH_END~DATE~PY`;
    return fail(400, `Malformed report: expected ${shape}`);
  }
  const [monthEndSlot = '', dateSlot = '', yearSlot = ''] = slots.slice(perDistrict ? 2 : 1);

  let district: string | undefined;
  if (perDistrict) {
    const raw = slots[1] ?? '';
    if (!DISTRICT_PATTERN.test(raw)) {
      return fail(400, `Malformed district: ${raw}`);
    }
    district = raw.toUpperCase();
  }
  if (yearSlot !== pathYear) {
    return fail(400, `Program year in report (${yearSlot}) differs from path (${pathYear})`);
  }

  const latest = monthEndSlot === '';
  const monthEnd = latest ? null : parseMdy(monthEndSlot);
  if (!latest && monthEnd === null) {
    return fail(400, `Malformed MONTH_END date: ${monthEndSlot} (expected M/D/YYYY)`);
  }
  const date = dateSlot === '' ? null : parseMdy(dateSlot);
  if (dateSlot !== '' && date === null) {
    return fail(400, `Malformed DATE: ${dateSlot} (expected M/D/YYYY)`);
  }
  if (date === null && !latest) {
    return fail(400, 'DATE is required unless MONTH_END is empty');
  }
  if (!latest && date !== null && monthEnd !== null && !yearFits(pathYear, date, monthEnd)) {
    return fail(404, `Program year ${pathYear} does not cover ${dateSlot}`);
  }
  return { ok: true, request: { kind, district, monthEnd, date, latest, programYear: pathYear } };
}

/**
 * Clients may derive the program year from the collection date, the month end, or the data
 * month (June's closing is read in July), so any of the three is accepted.
 */
function yearFits(programYear: string, date: IsoDate, monthEnd: IsoDate): boolean {
  return (
    programYear === programYearOf(date) ||
    programYear === programYearOf(monthEnd) ||
    programYear === resolveDataPeriod(date).programYear
  );
}
