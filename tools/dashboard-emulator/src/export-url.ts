import { formatMdy, IsoDate } from './calendar';
import { isPerDistrict, ReportKind } from './report-kind';

export interface ExportUrlParts {
  kind: ReportKind;
  /** Required for every report but the summary. */
  district?: string;
  /** Null leaves the slot empty (`~~`), which asks for the latest data. */
  monthEnd: IsoDate | null;
  date: IsoDate | null;
  programYear: string;
}

/**
 * `/{PY}/export.aspx?type=CSV&report=...` with raw `~` and `/`, as the dashboard's own links
 * are written; the emulator also accepts them percent-encoded.
 */
export function exportPath(parts: ExportUrlParts): string {
  const slots: string[] = [parts.kind];
  if (isPerDistrict(parts.kind)) {
    if (parts.district === undefined) {
      throw new RangeError(`${parts.kind} needs a district`);
    }
    slots.push(parts.district);
  }
  slots.push(
    parts.monthEnd === null ? '' : formatMdy(parts.monthEnd),
    parts.date === null ? '' : formatMdy(parts.date),
    parts.programYear,
  );
  return `/${parts.programYear}/export.aspx?type=CSV&report=${slots.join('~')}`;
}
