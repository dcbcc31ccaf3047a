import {
  ConcreteQuery,
  DOCUMENT_ID,
  EQUALITY_OPS,
  OrderSpec,
  QuerySpec,
  concreteQueries,
  describeQuery,
} from './firestore-query-spec';

/** The parts of `firestore.indexes.json` (Firebase CLI format) the check understands. */
export type IndexOrder = 'ASCENDING' | 'DESCENDING';

export interface IndexField {
  fieldPath: string;
  order?: IndexOrder;
  arrayConfig?: 'CONTAINS';
}

export interface CompositeIndex {
  collectionGroup: string;
  queryScope: 'COLLECTION' | 'COLLECTION_GROUP';
  fields: IndexField[];
}

export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  indexes: { order?: IndexOrder; arrayConfig?: 'CONTAINS'; queryScope: string }[];
}

export interface IndexFile {
  indexes: CompositeIndex[];
  fieldOverrides?: FieldOverride[];
}

/** What serving one concrete query takes. */
export type IndexNeed =
  | { kind: 'single-field'; fields: { fieldPath: string; order: IndexOrder }[] }
  | { kind: 'composite'; collectionGroup: string; fields: IndexField[] }
  | { kind: 'invalid'; reason: string };

const order = (o: OrderSpec): IndexOrder => (o.direction === 'asc' ? 'ASCENDING' : 'DESCENDING');

/**
 * Firestore's rules, simplified to the query forms the drivers use: equality filters
 * alone are served by merging automatic single-field indexes, as is one sort (an
 * inequality or orderBy) on one field without equality filters. Equality plus a sort on
 * another field, or sorts on several fields, need a composite index: the equality fields
 * first, then the sort fields in order. The document id is appended implicitly in the
 * direction of the last sort; only the opposite direction must be listed.
 */
export function indexNeed(query: ConcreteQuery): IndexNeed {
  const equality = [
    ...new Set(query.filters.filter((f) => EQUALITY_OPS.includes(f.op)).map((f) => f.field)),
  ];
  const inequality = [
    ...new Set(query.filters.filter((f) => !EQUALITY_OPS.includes(f.op)).map((f) => f.field)),
  ];
  if (inequality.length > 1) {
    return { kind: 'invalid', reason: 'inequality filters on more than one field' };
  }
  const sort = query.orderBy.filter((o) => o.field !== DOCUMENT_ID);
  const byName = query.orderBy.find((o) => o.field === DOCUMENT_ID);
  const [range] = inequality;
  if (range !== undefined) {
    if (sort.length === 0) sort.push({ field: range, direction: 'asc' });
    else if (sort[0].field !== range) {
      return { kind: 'invalid', reason: `the first orderBy must be the inequality field ${range}` };
    }
  }
  const lastDirection = sort.at(-1)?.direction ?? 'asc';
  const nameAgainstSort = byName !== undefined && byName.direction !== lastDirection;
  const needsComposite = nameAgainstSort
    ? equality.length + sort.length > 0
    : equality.length > 0
      ? sort.length > 0
      : sort.length > 1;
  if (!needsComposite) {
    return {
      kind: 'single-field',
      fields: [
        ...equality.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' as const })),
        ...sort.map((o) => ({ fieldPath: o.field, order: order(o) })),
      ],
    };
  }
  const fields: IndexField[] = [
    ...equality.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' as const })),
    ...sort.map((o) => ({ fieldPath: o.field, order: order(o) })),
  ];
  if (nameAgainstSort && byName) fields.push({ fieldPath: DOCUMENT_ID, order: order(byName) });
  return { kind: 'composite', collectionGroup: query.collection, fields };
}

/** Whether `index` serves a query that needs `need` (equality fields in any order). */
export function indexServes(
  index: CompositeIndex,
  need: Extract<IndexNeed, { kind: 'composite' }>,
  equalityCount: number,
): boolean {
  if (index.collectionGroup !== need.collectionGroup || index.queryScope !== 'COLLECTION') {
    return false;
  }
  let fields = index.fields;
  const last = fields.at(-1);
  const implicitName =
    last?.fieldPath === DOCUMENT_ID &&
    need.fields.at(-1)?.fieldPath !== DOCUMENT_ID &&
    last.order === need.fields.at(-1)?.order;
  if (implicitName) fields = fields.slice(0, -1);
  if (fields.length !== need.fields.length) return false;
  const wantedEquality = new Set(need.fields.slice(0, equalityCount).map((f) => f.fieldPath));
  const givenEquality = fields.slice(0, equalityCount);
  if (!givenEquality.every((f) => wantedEquality.has(f.fieldPath) && f.order !== undefined)) {
    return false;
  }
  if (new Set(givenEquality.map((f) => f.fieldPath)).size !== wantedEquality.size) return false;
  return fields
    .slice(equalityCount)
    .every(
      (f, i) =>
        f.fieldPath === need.fields[equalityCount + i].fieldPath &&
        f.order === need.fields[equalityCount + i].order,
    );
}

/** The field override that governs `fieldPath` (the most specific one, maps included). */
function overrideFor(file: IndexFile, collectionGroup: string, fieldPath: string) {
  return (file.fieldOverrides ?? [])
    .filter(
      (o) =>
        o.collectionGroup === collectionGroup &&
        (o.fieldPath === fieldPath || fieldPath.startsWith(`${o.fieldPath}.`)),
    )
    .sort((a, b) => b.fieldPath.length - a.fieldPath.length)[0];
}

function equalityCountOf(query: ConcreteQuery): number {
  return new Set(query.filters.filter((f) => EQUALITY_OPS.includes(f.op)).map((f) => f.field)).size;
}

/**
 * Checks every concrete query of every spec against an index file. Returns one message per
 * problem: a composite index that is missing, a single-field index a field override
 * switched off, a query Firestore would reject, or a composite index no query uses.
 */
export function checkIndexes(specs: Record<string, QuerySpec>, file: IndexFile): string[] {
  const problems: string[] = [];
  const used = new Set<CompositeIndex>();
  for (const [name, spec] of Object.entries(specs)) {
    for (const query of concreteQueries(spec)) {
      const need = indexNeed(query);
      const label = `${name}: ${describeQuery(query)}`;
      switch (need.kind) {
        case 'invalid':
          problems.push(`${label} is not a valid Firestore query: ${need.reason}`);
          break;
        case 'single-field':
          for (const field of need.fields) {
            if (field.fieldPath === DOCUMENT_ID) continue;
            const override = overrideFor(file, query.collection, field.fieldPath);
            const kept = override?.indexes.some(
              (i) => i.queryScope === 'COLLECTION' && i.order === field.order,
            );
            if (override && !kept) {
              problems.push(
                `${label} needs the automatic ${field.order} index on ${field.fieldPath}, ` +
                  `but a field override for ${override.fieldPath} turns it off`,
              );
            }
          }
          break;
        case 'composite': {
          const index = file.indexes.find((i) => indexServes(i, need, equalityCountOf(query)));
          if (index) used.add(index);
          else {
            const fields = need.fields.map((f) => `${f.fieldPath} ${f.order ?? ''}`).join(', ');
            problems.push(`${label} needs a composite index on ${query.collection}: ${fields}`);
          }
          break;
        }
      }
    }
  }
  for (const index of file.indexes) {
    if (!used.has(index)) {
      const fields = index.fields.map((f) => f.fieldPath).join(', ');
      problems.push(`index on ${index.collectionGroup} (${fields}) is used by no declared query`);
    }
  }
  return problems;
}
