import { FieldPath, Query, QueryDocumentSnapshot } from '@google-cloud/firestore';
import { DOCUMENT_ID, QuerySpec } from './firestore-query-spec';

/** Collection ids. Documents and subcollections are described where they are written. */
export const COLLECTIONS = {
  jobs: 'backfill-jobs',
  /** Subcollection of a job: its item ledger. */
  ledger: 'ledger',
  config: 'config',
  locks: 'locks',
  rawReports: 'raw-reports',
  /** One marker document per snapshot date that has at least one district snapshot. */
  snapshotDates: 'snapshots',
  /** Subcollections of a snapshot date. */
  snapshotDistricts: 'districts',
  snapshotManifest: 'manifest',
  snapshotSummaries: 'snapshot-summaries',
  analyticsSnapshots: 'analytics-snapshots',
  /** One document per (district, program year), each with a `points` subcollection. */
  analyticsSeries: 'analytics-series',
  seriesPoints: 'points',
} as const;

const byStatus = { name: 'statuses', field: 'status', op: 'in', optional: true } as const;
const byType = { name: 'jobType', field: 'jobType', op: '==', optional: true } as const;

/**
 * Every query the Firestore drivers issue. Drivers build queries only through
 * `buildQuery` from these specs; `test/firestore/firestore-indexes.int-spec.ts` checks
 * each one against `api/firestore.indexes.json` and runs it on the emulator.
 */
export const QUERIES = {
  jobsPage: {
    collection: COLLECTIONS.jobs,
    filters: [byStatus, byType],
    orderBy: [
      { field: 'createdAt', direction: 'desc' },
      { field: DOCUMENT_ID, direction: 'desc' },
    ],
  },
  jobsCount: {
    collection: COLLECTIONS.jobs,
    filters: [byStatus, byType],
    orderBy: [],
    aggregate: 'count',
  },
  jobsFinishedBefore: {
    collection: COLLECTIONS.jobs,
    filters: [
      { name: 'terminal', field: 'status', op: 'in' },
      { name: 'before', field: 'completedAt', op: '<' },
    ],
    orderBy: [
      { field: 'completedAt', direction: 'asc' },
      { field: DOCUMENT_ID, direction: 'asc' },
    ],
  },
  ledgerPage: {
    collection: COLLECTIONS.ledger,
    filters: [],
    orderBy: [
      { field: 'committedAt', direction: 'asc' },
      { field: DOCUMENT_ID, direction: 'asc' },
    ],
  },
  snapshotDatesPage: {
    collection: COLLECTIONS.snapshotDates,
    filters: [
      { name: 'from', field: 'snapshotDate', op: '>=', optional: true },
      { name: 'to', field: 'snapshotDate', op: '<=', optional: true },
    ],
    orderBy: [{ field: 'snapshotDate', direction: 'asc' }],
  },
  snapshotDistrictsPage: {
    collection: COLLECTIONS.snapshotDistricts,
    filters: [],
    orderBy: [{ field: DOCUMENT_ID, direction: 'asc' }],
  },
  manifestPage: {
    collection: COLLECTIONS.snapshotManifest,
    filters: [],
    orderBy: [{ field: DOCUMENT_ID, direction: 'asc' }],
  },
  seriesPoints: {
    collection: COLLECTIONS.seriesPoints,
    filters: [],
    orderBy: [{ field: DOCUMENT_ID, direction: 'asc' }],
  },
} as const satisfies Record<string, QuerySpec>;

type FiltersOf<S extends QuerySpec> = S['filters'][number];

/** The values of a spec's filters, by filter name; optional ones may be left undefined. */
export type FilterValues<S extends QuerySpec> = {
  [F in FiltersOf<S> as F extends { optional: true } ? never : F['name']]: unknown;
} & {
  [F in FiltersOf<S> as F extends { optional: true } ? F['name'] : never]?: unknown;
};

/** Applies a declared spec to a collection (filters in declared order, then orderBy). */
export function buildQuery<S extends QuerySpec>(
  collection: Query,
  spec: S,
  values: FilterValues<S>,
): Query {
  const given = values as Record<string, unknown>;
  let query = collection;
  for (const filter of spec.filters) {
    const value = given[filter.name];
    if (value === undefined) {
      if (filter.optional) continue;
      throw new Error(`query on ${spec.collection} needs a value for ${filter.name}`);
    }
    query = query.where(fieldPath(filter.field), filter.op, value);
  }
  for (const order of spec.orderBy) query = query.orderBy(fieldPath(order.field), order.direction);
  return query;
}

function fieldPath(field: string): string | FieldPath {
  return field === DOCUMENT_ID ? FieldPath.documentId() : field;
}

/**
 * Reads every result of a query in pages of `pageSize`, each page one bounded request
 * continuing after the last document of the previous one.
 */
export async function readAllPages(
  query: Query,
  pageSize: number,
): Promise<QueryDocumentSnapshot[]> {
  const docs: QueryDocumentSnapshot[] = [];
  let last: QueryDocumentSnapshot | undefined;
  for (;;) {
    const page = await (last ? query.startAfter(last) : query).limit(pageSize).get();
    docs.push(...page.docs);
    if (page.size < pageSize) return docs;
    last = page.docs[page.size - 1];
  }
}
