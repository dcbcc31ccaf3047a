/**
 * Query shapes as data. Every query a Firestore driver issues is declared once in
 * `firestore-queries.ts` as a `QuerySpec` and built from it, so a test can enumerate them
 * all and check each against `firestore.indexes.json` (the emulator does not enforce
 * indexes; production does). This file has no Firestore dependency.
 */
export type FilterOp = '==' | 'in' | '<' | '<=' | '>' | '>=';

export const EQUALITY_OPS: readonly FilterOp[] = ['==', 'in'];

/** The document id, in `orderBy` and index definitions. */
export const DOCUMENT_ID = '__name__';

export interface FilterSpec {
  /** The key the caller passes the value under. */
  readonly name: string;
  readonly field: string;
  readonly op: FilterOp;
  /** Left out of the query when its value is undefined. */
  readonly optional?: boolean;
}

export interface OrderSpec {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface QuerySpec {
  /** Collection id (the last path segment), as `collectionGroup` in the index file. */
  readonly collection: string;
  readonly filters: readonly FilterSpec[];
  readonly orderBy: readonly OrderSpec[];
  /** `count`: the query is only ever run as a `count()` aggregation. */
  readonly aggregate?: 'count';
}

/** One shape Firestore actually receives: a spec with some optional filters left out. */
export interface ConcreteQuery {
  readonly collection: string;
  readonly filters: readonly FilterSpec[];
  readonly orderBy: readonly OrderSpec[];
}

/** Every concrete query a spec can produce (each subset of its optional filters). */
export function concreteQueries(spec: QuerySpec): ConcreteQuery[] {
  let variants: FilterSpec[][] = [[]];
  for (const filter of spec.filters) {
    const withIt = variants.map((v) => [...v, filter]);
    variants = filter.optional ? [...variants, ...withIt] : withIt;
  }
  return variants.map((filters) => ({
    collection: spec.collection,
    filters,
    orderBy: spec.orderBy,
  }));
}

export function describeQuery(query: ConcreteQuery): string {
  const where = query.filters.map((f) => `${f.field} ${f.op}`).join(', ');
  const order = query.orderBy.map((o) => `${o.field} ${o.direction}`).join(', ');
  return `${query.collection} [where: ${where || '-'}; orderBy: ${order || '-'}]`;
}
