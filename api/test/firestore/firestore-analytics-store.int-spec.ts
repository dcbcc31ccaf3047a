import { DocumentReference, Query } from '@google-cloud/firestore';
import { datesInRange } from '../../src/common/utc-dates';
import { FirestoreAnalyticsStore } from '../../src/storage/firestore/firestore-analytics-store';
import { ValidatedAnalyticsStore } from '../../src/storage/validated-analytics-store';
import { seriesPoint } from '../contracts/analytics-store.contract';
import { EmulatorProject } from './emulator-project';

/** The series cost rule on Firestore: an upsert is one write, a year is one query. */
describe('FirestoreAnalyticsStore on the emulator', () => {
  const project = new EmulatorProject('analytics-store');

  beforeEach(() => project.wipe());
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => project.close());

  it('upserts with one write and reads a full year with one query', async () => {
    const store = new ValidatedAnalyticsStore(new FirestoreAnalyticsStore(project.firestore));
    const days = datesInRange('2023-07-01', '2024-06-30');
    await Promise.all(
      days.map((d, i) => store.upsertSeriesPoint('61', '2023-2024', seriesPoint(d, i))),
    );
    const writes = jest.spyOn(DocumentReference.prototype, 'set');
    const reads = jest.spyOn(DocumentReference.prototype, 'get');
    await store.upsertSeriesPoint('61', '2023-2024', seriesPoint('2024-06-30', 7));
    expect(writes).toHaveBeenCalledTimes(1);
    expect(reads).not.toHaveBeenCalled();
    const queries = jest.spyOn(Query.prototype, 'get');
    const points = await store.getSeriesPoints('61', '2023-2024');
    expect(queries).toHaveBeenCalledTimes(1);
    expect(points).toHaveLength(366);
    expect(points.at(-1)).toEqual(seriesPoint('2024-06-30', 7));
    const docs = await project.firestore.collection('analytics-series/61_2023-2024/points').get();
    expect(docs.size).toBe(366);
  });
});
