import type { IsoDate } from '../../common/utc-dates';
import {
  EncodedDistrictSnapshot,
  encodeDistrictSnapshot,
  RawReport,
} from '../../storage/snapshot-store';
import type { ReportKind } from '../../domain/report-kinds';
import { buildDistrictSnapshot } from './district-snapshot';
import { interpretReportBody, UnderstoodReport } from '../reports/report-interpretation';

export type DistrictReportKind = Exclude<ReportKind, 'summary'>;
export const DISTRICT_REPORTS: readonly DistrictReportKind[] = ['club', 'district', 'division'];

/** One downloaded district export, before anything has been read from it. */
export interface DownloadedBody {
  readonly url: string;
  readonly status: number;
  /** Handed over to the assembler (possibly transferred to a worker): not used after. */
  readonly body: Uint8Array;
  readonly fetchedAt: string;
}

export interface DistrictAssemblyInput {
  readonly districtId: string;
  readonly requestedDate: IsoDate;
  readonly reports: Readonly<Record<DistrictReportKind, DownloadedBody>>;
}

/** What one (date, district) item's downloads amount to; the caller decides what to store. */
export type DistrictAssembly =
  | {
      /** A body is not an export we can use: the item fails, and retrying will not help. */
      readonly kind: 'refused';
      readonly report: DistrictReportKind;
      readonly reason: string;
    }
  | { readonly kind: 'no-data'; readonly snapshotDate: IsoDate }
  | { readonly kind: 'inconsistent'; readonly snapshotDate: IsoDate; readonly reason: string }
  | {
      readonly kind: 'built';
      readonly snapshotDate: IsoDate;
      /** Raw CSVs with their metadata, in DISTRICT_REPORTS order. */
      readonly raws: readonly RawReport[];
      readonly snapshot: EncodedDistrictSnapshot;
    };

/**
 * All the CPU work of a district item, and none of its I/O: interpret the three exports,
 * join them into a snapshot, serialise it and describe the raw files. Pure, so it runs in a
 * worker thread; the results are strings and small records, cheap to pass back.
 */
export function assembleDistrictItem(input: DistrictAssemblyInput): DistrictAssembly {
  const understood = {} as Record<DistrictReportKind, UnderstoodReport>;
  for (const kind of DISTRICT_REPORTS) {
    const result = interpretReportBody(kind, input.requestedDate, input.reports[kind].body);
    if (!result.ok) return { kind: 'refused', report: kind, reason: result.reason };
    understood[kind] = result as UnderstoodReport;
  }
  const { club, district, division } = understood as {
    club: UnderstoodReport<'club'>;
    district: UnderstoodReport<'district'>;
    division: UnderstoodReport<'division'>;
  };
  const snapshotDate = club.placement.snapshotDate;
  if (DISTRICT_REPORTS.every((kind) => understood[kind].parsed.rows.length === 0)) {
    return { kind: 'no-data', snapshotDate };
  }
  const built = buildDistrictSnapshot({
    districtId: input.districtId,
    club: { placement: club.placement, rows: club.parsed.rows },
    district: { placement: district.placement, rows: district.parsed.rows },
    division: { placement: division.placement, rows: division.parsed.rows },
  });
  if (built.kind === 'inconsistent') {
    return { kind: 'inconsistent', snapshotDate, reason: built.reason };
  }
  return {
    kind: 'built',
    snapshotDate,
    raws: DISTRICT_REPORTS.map((kind) => rawReportOf(kind, understood[kind], input)),
    snapshot: encodeDistrictSnapshot(built.snapshot),
  };
}

function rawReportOf(
  kind: DistrictReportKind,
  report: UnderstoodReport,
  input: DistrictAssemblyInput,
): RawReport {
  const download = input.reports[kind];
  return {
    csv: report.csv,
    meta: {
      kind,
      districtId: input.districtId,
      url: download.url,
      requestedDate: input.requestedDate,
      dataMonth: report.footer?.dataMonth ?? null,
      programYear: report.placement.programYear,
      snapshotDate: report.placement.snapshotDate,
      isClosingPeriod: report.placement.isClosingPeriod,
      outcome: report.parsed.rows.length > 0 ? 'ok' : 'no-data',
      rows: report.parsed.rows.length,
      checksum: report.checksum,
      fetchedAt: download.fetchedAt,
    },
  };
}
