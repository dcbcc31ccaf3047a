import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { IndexFile, checkIndexes } from '../../src/storage/firestore/firestore-indexes';
import { QUERIES, buildQuery } from '../../src/storage/firestore/firestore-queries';
import {
  FilterSpec,
  QuerySpec,
  concreteQueries,
  describeQuery,
} from '../../src/storage/firestore/firestore-query-spec';
import { EmulatorProject } from './emulator-project';

/**
 * The emulator does not enforce composite indexes; production does, and answers a query
 * that lacks one with FAILED_PRECONDITION. So every query the drivers can issue is
 * declared in QUERIES and checked here against the committed index file.
 */
const API_DIR = path.resolve(__dirname, '..', '..');
const DRIVER_DIR = path.join(API_DIR, 'src', 'storage', 'firestore');

async function indexFile(): Promise<IndexFile> {
  return JSON.parse(
    await fs.readFile(path.join(API_DIR, 'firestore.indexes.json'), 'utf8'),
  ) as IndexFile;
}

async function driverSources(): Promise<{ name: string; text: string }[]> {
  const names = (await fs.readdir(DRIVER_DIR)).filter(
    (n) => n.endsWith('.ts') && !n.endsWith('.spec.ts') && n !== 'firestore-queries.ts',
  );
  return Promise.all(
    names.map(async (name) => ({
      name,
      text: await fs.readFile(path.join(DRIVER_DIR, name), 'utf8'),
    })),
  );
}

const specs: Record<string, QuerySpec> = QUERIES;

describe('Firestore queries and firestore.indexes.json', () => {
  const project = new EmulatorProject('indexes');

  afterAll(() => project.close());

  it('has an index for every query the drivers can issue, and no unused index', async () => {
    expect(checkIndexes(specs, await indexFile())).toEqual([]);
  });

  it('builds queries only from the declared specs', async () => {
    for (const { name, text } of await driverSources()) {
      expect({ name, direct: text.match(/\.(where|orderBy|findNearest)\(/g) }).toEqual({
        name,
        direct: null,
      });
    }
  });

  it('declares no spec that no driver uses', async () => {
    const sources = (await driverSources()).map((s) => s.text).join('\n');
    const unused = Object.keys(specs).filter((key) => !sources.includes(`QUERIES.${key}`));
    expect(unused).toEqual([]);
  });

  it('runs every concrete query on the emulator (Firestore accepts its shape)', async () => {
    const db = project.firestore;
    for (const [name, spec] of Object.entries(specs)) {
      for (const query of concreteQueries(spec)) {
        const values = Object.fromEntries(query.filters.map((f) => [f.name, sampleValue(f)]));
        const built = buildQuery(db.collection(spec.collection), spec, values);
        const run = spec.aggregate === 'count' ? built.count().get() : built.limit(1).get();
        await expect(
          run
            .then(() => 'ok')
            .catch((e: unknown) => `${name} ${describeQuery(query)}: ${String(e)}`),
        ).resolves.toBe('ok');
      }
    }
  });
});

function sampleValue(filter: FilterSpec): unknown {
  return filter.op === 'in' ? ['a', 'b'] : filter.op === '==' ? 'a' : '2026-01-01';
}
