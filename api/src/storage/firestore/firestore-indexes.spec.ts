import { IndexFile, checkIndexes, indexNeed } from './firestore-indexes';
import { DOCUMENT_ID, QuerySpec, concreteQueries } from './firestore-query-spec';

const listing: QuerySpec = {
  collection: 'jobs',
  filters: [
    { name: 'statuses', field: 'status', op: 'in', optional: true },
    { name: 'jobType', field: 'jobType', op: '==', optional: true },
  ],
  orderBy: [
    { field: 'createdAt', direction: 'desc' },
    { field: DOCUMENT_ID, direction: 'desc' },
  ],
};

const composite = (...fields: [string, 'ASCENDING' | 'DESCENDING'][]) => ({
  collectionGroup: 'jobs',
  queryScope: 'COLLECTION' as const,
  fields: fields.map(([fieldPath, order]) => ({ fieldPath, order })),
});

const complete: IndexFile = {
  indexes: [
    composite(['status', 'ASCENDING'], ['createdAt', 'DESCENDING']),
    composite(['jobType', 'ASCENDING'], ['createdAt', 'DESCENDING']),
    composite(['jobType', 'ASCENDING'], ['status', 'ASCENDING'], ['createdAt', 'DESCENDING']),
  ],
};

describe('Firestore index check', () => {
  it('expands optional filters into every concrete query', () => {
    expect(concreteQueries(listing).map((q) => q.filters.map((f) => f.field))).toEqual([
      [],
      ['status'],
      ['jobType'],
      ['status', 'jobType'],
    ]);
  });

  it('serves equality-only and single-sort queries from automatic indexes', () => {
    const [unfiltered] = concreteQueries(listing);
    expect(indexNeed(unfiltered).kind).toBe('single-field');
    const count = { collection: 'jobs', filters: listing.filters, orderBy: [] };
    expect(indexNeed(count).kind).toBe('single-field');
  });

  it('needs a composite index for equality plus a sort on another field', () => {
    const [, byStatus] = concreteQueries(listing);
    expect(indexNeed(byStatus)).toEqual({
      kind: 'composite',
      collectionGroup: 'jobs',
      fields: [
        { fieldPath: 'status', order: 'ASCENDING' },
        { fieldPath: 'createdAt', order: 'DESCENDING' },
      ],
    });
  });

  it('accepts a complete file, equality fields in any order', () => {
    expect(checkIndexes({ listing }, complete)).toEqual([]);
  });

  it('reports each missing composite index', () => {
    const problems = checkIndexes({ listing }, { indexes: complete.indexes.slice(1) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/listing: .*status in.*needs a composite index.*status/);
  });

  it('rejects an index whose sort direction differs', () => {
    const file = {
      indexes: [composite(['status', 'ASCENDING'], ['createdAt', 'ASCENDING'])],
    };
    const problems = checkIndexes({ listing }, file);
    expect(problems.some((p) => p.includes('status in') && p.includes('needs'))).toBe(true);
    expect(problems.some((p) => p.includes('used by no declared query'))).toBe(true);
  });

  it('needs the document id listed only against the sort direction', () => {
    const mixed: QuerySpec = {
      collection: 'jobs',
      filters: [],
      orderBy: [
        { field: 'createdAt', direction: 'desc' },
        { field: DOCUMENT_ID, direction: 'asc' },
      ],
    };
    expect(checkIndexes({ mixed }, { indexes: [] })[0]).toMatch(/__name__ ASCENDING/);
    const file = {
      indexes: [composite(['createdAt', 'DESCENDING'], [DOCUMENT_ID, 'ASCENDING'])],
    };
    expect(checkIndexes({ mixed }, file)).toEqual([]);
  });

  it('reports a field override that switches off an index a query relies on', () => {
    const file: IndexFile = {
      indexes: complete.indexes,
      fieldOverrides: [{ collectionGroup: 'jobs', fieldPath: 'createdAt', indexes: [] }],
    };
    expect(checkIndexes({ listing }, file)).toEqual([
      expect.stringMatching(/automatic DESCENDING index on createdAt.*field override/),
    ]);
  });

  it('flags queries Firestore would reject', () => {
    const bad: QuerySpec = {
      collection: 'jobs',
      filters: [{ name: 'before', field: 'completedAt', op: '<' }],
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
    };
    expect(checkIndexes({ bad }, { indexes: [] })[0]).toMatch(/first orderBy must be/);
  });
});
