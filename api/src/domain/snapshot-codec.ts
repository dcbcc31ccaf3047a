import type { DistrictSnapshot } from './district-snapshot';

/**
 * The stored form of a district snapshot. Format 1 (never written any more, still read) was
 * the snapshot object itself; format 2 stores each list of records (clubs, divisions, areas)
 * as one header of column names and one array of values per record, so the ~40 field names
 * of a club appear once per document instead of once per club. A district's snapshot went
 * from about 130 KB to less than the three CSVs it is built from.
 *
 * The header travels with the document, and decoding follows the stored header, not the
 * code's column list: a document stays readable after a column is added or reordered.
 * A column name starting with `?` holds a boolean written as 1 or 0 (null stays null).
 */
export const SNAPSHOT_STORAGE_FORMAT = 2;

/**
 * A column: a plain field (`?name` for a boolean stored as 1/0), or a nested record stored
 * as an array of its own columns.
 */
export type Column = string | readonly [string, readonly Column[]];

export interface StoredTable {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Format 2 as stored. collectionDate is first so a file store can read it from the head. */
export interface CompactDistrictSnapshot {
  readonly collectionDate: string;
  readonly format: typeof SNAPSHOT_STORAGE_FORMAT;
  readonly schemaVersion: number;
  readonly snapshotDate: string;
  readonly districtId: string;
  readonly programYear: string;
  readonly dataMonth: string;
  readonly isClosingPeriod: boolean;
  readonly clubs: StoredTable;
  readonly divisions: StoredTable;
  readonly areas: StoredTable;
  readonly totals: DistrictSnapshot['totals'];
  readonly coverage: DistrictSnapshot['coverage'];
}

/** Marks a boolean column, stored as 1 or 0. */
const BOOLEAN = '?';

const DCP_COLUMNS: readonly Column[] = [
  'level1s',
  'level2s',
  'addLevel2s',
  'level3s',
  'level4sPathsOrDtm',
  'addLevel4sPathsOrDtm',
  'newMembers',
  'addNewMembers',
  'officersTrainedRound1',
  'officersTrainedRound2',
  'duesOnTimeOct',
  'duesOnTimeApr',
  'officerListOnTime',
];

/** In SnapshotClub's own field order, so a decoded club is built in the same order. */
export const CLUB_COLUMNS: readonly Column[] = [
  'clubNumber',
  'name',
  'division',
  'area',
  'activeMembers',
  'membershipBase',
  'netGrowth',
  'goalsMet',
  'status',
  'distinguishedStatus',
  'distinguishedLevel',
  ['dcp', DCP_COLUMNS],
  '?csp',
  'octRenewals',
  'aprRenewals',
  'newMembers',
  'totalToDate',
  'payments',
  ['charterOrSuspend', ['kind', 'date']],
  '?novVisitAward',
  '?mayVisitAward',
  ['sources', ['?clubPerformance', '?districtPerformance', '?divisionPerformance']],
];

const AGGREGATE_COLUMNS = ['clubs', 'activeMembers', 'goalsMet', 'distinguishedClubs'];
export const DIVISION_COLUMNS: readonly Column[] = ['division', 'clubBase', ...AGGREGATE_COLUMNS];
export const AREA_COLUMNS: readonly Column[] = [
  'division',
  'area',
  'clubBase',
  ...AGGREGATE_COLUMNS,
  'novVisitAwards',
  'mayVisitAwards',
];

/** The format-2 document of a snapshot, as one line of JSON without whitespace. */
export function encodeCompactSnapshot(snapshot: DistrictSnapshot): string {
  const compact: CompactDistrictSnapshot = {
    collectionDate: snapshot.collectionDate,
    format: SNAPSHOT_STORAGE_FORMAT,
    schemaVersion: snapshot.schemaVersion,
    snapshotDate: snapshot.snapshotDate,
    districtId: snapshot.districtId,
    programYear: snapshot.programYear,
    dataMonth: snapshot.dataMonth,
    isClosingPeriod: snapshot.isClosingPeriod,
    clubs: toTable(snapshot.clubs, CLUB_COLUMNS),
    divisions: toTable(snapshot.divisions, DIVISION_COLUMNS),
    areas: toTable(snapshot.areas, AREA_COLUMNS),
    totals: snapshot.totals,
    coverage: snapshot.coverage,
  };
  return JSON.stringify(compact);
}

/**
 * The snapshot of a stored document of either format. Returns undefined for a value that is
 * neither (not an object, or a malformed table): the caller treats it as unreadable, and
 * analytics validation reports it. A format-1 document is returned as it is.
 */
export function decodeStoredSnapshot(stored: unknown): DistrictSnapshot | undefined {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const doc = stored as Partial<CompactDistrictSnapshot>;
  if (doc.format === undefined) return stored as DistrictSnapshot;
  if (doc.format !== SNAPSHOT_STORAGE_FORMAT) return undefined;
  const clubs = fromTable(doc.clubs);
  const divisions = fromTable(doc.divisions);
  const areas = fromTable(doc.areas);
  if (!clubs || !divisions || !areas) return undefined;
  return {
    schemaVersion: doc.schemaVersion,
    snapshotDate: doc.snapshotDate,
    districtId: doc.districtId,
    programYear: doc.programYear,
    dataMonth: doc.dataMonth,
    collectionDate: doc.collectionDate,
    isClosingPeriod: doc.isClosingPeriod,
    clubs,
    divisions,
    areas,
    totals: doc.totals,
    coverage: doc.coverage,
  } as DistrictSnapshot;
}

/** decodeStoredSnapshot of JSON text; undefined when the text is not JSON. */
export function decodeStoredSnapshotText(text: string): DistrictSnapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return decodeStoredSnapshot(value);
}

function toTable(records: readonly object[], columns: readonly Column[]): StoredTable {
  return { columns, rows: records.map((record) => toRow(record, columns)) };
}

function toRow(record: object, columns: readonly Column[]): unknown[] {
  const fields = record as Record<string, unknown>;
  return columns.map((column) => {
    if (typeof column === 'string') {
      if (!column.startsWith(BOOLEAN)) return fields[column] ?? null;
      const flag = fields[column.slice(1)];
      return typeof flag === 'boolean' ? Number(flag) : null;
    }
    const nested = fields[column[0]];
    return nested === null || nested === undefined ? null : toRow(nested, column[1]);
  });
}

/** A stored header read once per table, so decoding a row does no string work. */
interface ColumnPlan {
  readonly name: string;
  readonly boolean: boolean;
  readonly nested: readonly ColumnPlan[] | null;
}

function planOf(columns: unknown): ColumnPlan[] | undefined {
  if (!Array.isArray(columns)) return undefined;
  const plan: ColumnPlan[] = [];
  for (const column of columns as unknown[]) {
    if (typeof column === 'string') {
      const boolean = column.startsWith(BOOLEAN);
      plan.push({ name: boolean ? column.slice(1) : column, boolean, nested: null });
      continue;
    }
    if (!Array.isArray(column) || typeof column[0] !== 'string') return undefined;
    const nested = planOf(column[1]);
    if (!nested) return undefined;
    plan.push({ name: column[0], boolean: false, nested });
  }
  return plan;
}

function fromTable(table: unknown): object[] | undefined {
  if (typeof table !== 'object' || table === null) return undefined;
  const { columns, rows } = table as Partial<StoredTable>;
  const plan = planOf(columns);
  if (!plan || !Array.isArray(rows)) return undefined;
  const result: object[] = [];
  for (const row of rows) {
    const record = fromRow(row, plan);
    if (!record) return undefined;
    result.push(record);
  }
  return result;
}

function fromRow(row: unknown, plan: readonly ColumnPlan[]): object | undefined {
  if (!Array.isArray(row) || row.length !== plan.length) return undefined;
  const record: Record<string, unknown> = {};
  for (let i = 0; i < plan.length; i++) {
    const column = plan[i];
    const value: unknown = row[i];
    if (column.nested === null) {
      record[column.name] = column.boolean && value !== null ? value === 1 : value;
    } else if (value === null) {
      record[column.name] = null;
    } else {
      const nested = fromRow(value, column.nested);
      if (!nested) return undefined;
      record[column.name] = nested;
    }
  }
  return record;
}
