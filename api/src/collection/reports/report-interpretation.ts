import { createHash } from 'node:crypto';
import { errorMessage } from '../../common/error-message';
import { IsoDate } from '../../common/utc-dates';
import {
  implausibleDataMonth,
  resolveSnapshotPlacement,
  SnapshotPlacement,
} from '../dashboard/closing-period';
import { CsvFormatError } from './csv-format-error';
import { CsvFooter } from './csv-report';
import { ReportKind } from '../../domain/report-kinds';
import { ParsedReport, ParsedRowsOf, parseReport } from './report-parsers';

/** What a downloaded body says, once decoded, parsed, validated and placed. */
export interface UnderstoodReport<K extends ReportKind = ReportKind> {
  readonly ok: true;
  /** The body as received (a byte order mark, if any, kept). */
  readonly csv: string;
  readonly parsed: ParsedRowsOf<K>;
  readonly footer: CsvFooter | null;
  readonly placement: SnapshotPlacement;
  /** SHA-256 of the body bytes, hex. */
  readonly checksum: string;
}

/** A body that is not an export we can use; never worth downloading again. */
export interface RefusedReport {
  readonly ok: false;
  readonly reason: string;
}

export type ReportInterpretation<K extends ReportKind = ReportKind> =
  | UnderstoodReport<K>
  | RefusedReport;

/**
 * Everything done with a downloaded body that needs no I/O: pure and CPU-bound, so it can
 * run in a worker thread (see WorkerReportInterpreter) as well as in the calling one.
 */
export function interpretReportBody<K extends ReportKind>(
  kind: K,
  requestedDate: IsoDate,
  body: Uint8Array,
): ReportInterpretation<K> {
  const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  let report: ParsedReport<K>;
  try {
    report = parseReport(kind, csv, requestedDate);
  } catch (error) {
    if (error instanceof CsvFormatError) {
      return { ok: false, reason: `malformed CSV: ${error.message}` };
    }
    return { ok: false, reason: `unreadable export: ${errorMessage(error)}` };
  }
  const dataMonthProblem =
    report.footer && implausibleDataMonth(requestedDate, report.footer.dataMonth);
  if (dataMonthProblem) return { ok: false, reason: dataMonthProblem };
  const substitution =
    report.parsed.rows.length > 0 && substitutedData(requestedDate, report.footer);
  if (substitution) return { ok: false, reason: substitution };
  return {
    ok: true,
    csv,
    parsed: report.parsed,
    footer: report.footer,
    placement: resolveSnapshotPlacement(requestedDate, report.footer?.dataMonth ?? null),
    checksum: createHash('sha256').update(body).digest('hex'),
  };
}

/**
 * The dashboard may answer a date it has nothing for with its latest data, under HTTP 200.
 * The footer's `As of` is the collection date the figures are for, so rows as of another
 * date are not this date's history. (An empty export is no data whatever its footer says.)
 */
function substitutedData(requestedDate: IsoDate, footer: CsvFooter | null): string | undefined {
  if (!footer || footer.asOf === requestedDate) return undefined;
  return (
    `the export is as of ${footer.asOf}, not the requested ${requestedDate}: ` +
    `the dashboard substituted other data`
  );
}
