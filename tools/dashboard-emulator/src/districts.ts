import { IsoDate } from './calendar';
import { resolveDataPeriod } from './closing-period';
import { parseProgramYear } from './program-year';
import { hash32 } from './prng';

/**
 * The district list: numeric ids `01`..`135` with a few retired numbers, plus the lettered `F`
 * and `U`. Districts 128-135 were formed one per program year from 2018-2019 and 103 was
 * dissolved after 2019-2020, so the list depends on the program year (128 ids from 2025-2026).
 */

interface DistrictSpec {
  id: string;
  /** First program year (its start year) the district exists; undefined = always. */
  fromYear?: number;
  /** Last program year (its start year) the district exists; undefined = still active. */
  untilYear?: number;
}

const RETIRED_NUMBERS = new Set([5, 17, 32, 34, 68, 80, 87, 98]);
const DISSOLVED: Readonly<Record<number, number>> = { 103: 2019 };
const FORMED: Readonly<Record<number, number>> = {
  128: 2018,
  129: 2019,
  130: 2020,
  131: 2021,
  132: 2022,
  133: 2023,
  134: 2024,
  135: 2025,
};

function buildSpecs(): DistrictSpec[] {
  const specs: DistrictSpec[] = [];
  for (let n = 1; n <= 135; n++) {
    if (RETIRED_NUMBERS.has(n)) {
      continue;
    }
    specs.push({ id: String(n).padStart(2, '0'), fromYear: FORMED[n], untilYear: DISSOLVED[n] });
  }
  specs.push({ id: 'F' }, { id: 'U' });
  return specs;
}

const SPECS: readonly DistrictSpec[] = buildSpecs();
const ORDINALS = new Map(SPECS.map((spec, index) => [spec.id, index]));
const BY_PROGRAM_YEAR = new Map<number, readonly string[]>();

/** Every district id that ever exists, in report order. */
export function allDistrictIds(): readonly string[] {
  return SPECS.map((spec) => spec.id);
}

/** Districts reported in the given program year (`2024-2025`), in report order. */
export function districtsForProgramYear(programYear: string): readonly string[] {
  const start = parseProgramYear(programYear);
  if (start === null) {
    throw new RangeError(`Not a program year: ${programYear}`);
  }
  let ids = BY_PROGRAM_YEAR.get(start);
  if (ids === undefined) {
    ids = SPECS.filter(
      (spec) =>
        (spec.fromYear === undefined || spec.fromYear <= start) &&
        (spec.untilYear === undefined || spec.untilYear >= start),
    ).map((spec) => spec.id);
    BY_PROGRAM_YEAR.set(start, ids);
  }
  return ids;
}

/**
 * Districts the summary lists for a collection date: those of the program year of the data
 * month (June's closing read in July still lists the old year's districts).
 */
export function listDistricts(collectionDate: IsoDate): readonly string[] {
  return districtsForProgramYear(resolveDataPeriod(collectionDate).programYear);
}

export function isDistrictInProgramYear(id: string, programYear: string): boolean {
  return districtsForProgramYear(programYear).includes(id);
}

/** Stable small integer per district, used to keep club numbers unique across districts. */
export function districtOrdinal(id: string): number {
  const ordinal = ORDINALS.get(id);
  if (ordinal === undefined) {
    throw new RangeError(`Unknown district: ${id}`);
  }
  return ordinal;
}

/** One of the 14 regions, written `01`..`14`. */
export function districtRegion(id: string): string {
  return String(1 + (hash32('region', id) % 14)).padStart(2, '0');
}
