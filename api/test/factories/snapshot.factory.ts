import { resolveSnapshotPlacement } from '../../src/collection/dashboard/closing-period';
import { buildDistrictSnapshot } from '../../src/collection/snapshot/district-snapshot';
import { DistrictSnapshot } from '../../src/domain/district-snapshot';
import { parseReport } from '../../src/collection/reports/report-parsers';
import { clubCsv, districtCsv, divisionCsv } from './report-csv.factory';

/**
 * A real district snapshot, built by the production builder from small dashboard-shaped
 * CSVs, for the given snapshot date and collection date.
 */
export function makeDistrictSnapshot(
  districtId: string,
  collectionDate: string,
  overrides: Partial<DistrictSnapshot> = {},
): DistrictSnapshot {
  const [y, m, d] = collectionDate.split('-');
  const monthNames = [
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
  const footer = [`Month of ${monthNames[Number(m) - 1]}, As of ${m}/${d}/${y}`];
  const club = parseReport('club', clubCsv([{}], { footer }), collectionDate);
  const district = parseReport('district', districtCsv([{}], { footer }), collectionDate);
  const division = parseReport('division', divisionCsv([{}], { footer }), collectionDate);
  const placement = resolveSnapshotPlacement(collectionDate, club.footer?.dataMonth ?? null);
  const built = buildDistrictSnapshot({
    districtId,
    club: { placement, rows: club.parsed.rows },
    district: { placement, rows: district.parsed.rows },
    division: { placement, rows: division.parsed.rows },
  });
  if (built.kind !== 'built') throw new Error(`fixture snapshot: ${built.reason}`);
  return { ...built.snapshot, ...overrides };
}
