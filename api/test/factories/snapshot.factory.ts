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
  const footer = footerOf(collectionDate);
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

/**
 * A district of `clubCount` clubs in divisions of 30 and areas of 5, built by the production
 * builder, with the bytes of the three CSVs it was built from (to compare stored sizes).
 * Beyond 26 divisions the letters repeat.
 */
export function makeLargeDistrictSnapshot(
  districtId: string,
  collectionDate: string,
  clubCount: number,
): { snapshot: DistrictSnapshot; csvBytes: number } {
  const numbers = Array.from({ length: clubCount }, (_, i) => String(1_000_000 + i * 7919));
  const division = (i: number) => String.fromCharCode(65 + (Math.floor(i / 30) % 26));
  const area = (i: number) => String(Math.floor(i / 5) + 1);
  const footer = footerOf(collectionDate);
  const csvs = {
    club: clubCsv(
      numbers.map((n, i) => ({
        'Club Number': n,
        'Club Name': `Club ${n} Speakers`,
        Division: division(i),
        Area: area(i),
        'Active Members': String(8 + (i % 30)),
        'Goals Met': String(i % 11),
      })),
      { footer },
    ),
    district: districtCsv(
      numbers.map((n, i) => ({
        Club: n,
        'Club Name': `Club ${n} Speakers`,
        Division: division(i),
        Area: area(i),
      })),
      { footer },
    ),
    division: divisionCsv(
      numbers.map((n, i) => ({
        Division: `Division ${division(i)}`,
        Area: `Area ${area(i)}`,
        Club: n,
      })),
      { footer },
    ),
  };
  const parsed = {
    club: parseReport('club', csvs.club, collectionDate),
    district: parseReport('district', csvs.district, collectionDate),
    division: parseReport('division', csvs.division, collectionDate),
  };
  const placement = resolveSnapshotPlacement(collectionDate, parsed.club.footer?.dataMonth ?? null);
  const built = buildDistrictSnapshot({
    districtId,
    club: { placement, rows: parsed.club.parsed.rows },
    district: { placement, rows: parsed.district.parsed.rows },
    division: { placement, rows: parsed.division.parsed.rows },
  });
  if (built.kind !== 'built') throw new Error(`fixture snapshot: ${built.reason}`);
  const csvBytes = Object.values(csvs).reduce((total, csv) => total + Buffer.byteLength(csv), 0);
  return { snapshot: built.snapshot, csvBytes };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The dashboard's footer for an export collected on `collectionDate` (data of that month). */
function footerOf(collectionDate: string): string[] {
  const [y, m, d] = collectionDate.split('-');
  return [`Month of ${MONTHS[Number(m) - 1]}, As of ${m}/${d}/${y}`];
}
