import request from 'supertest';
import { SnapshotStore } from '../../src/storage/snapshot-store';
import { TestApp, startTestApp } from '../factories/test-app';
import { JULY_MONTH_END_COVERAGE, seedJulyMonthEnd } from './coverage-scenario';

const COVERAGE = '/api/admin/coverage';

describe('GET /api/admin/coverage', () => {
  let t: TestApp;
  const server = () => t.app.getHttpServer();

  beforeAll(async () => {
    t = await startTestApp();
    await seedJulyMonthEnd(t.app.get(SnapshotStore));
  });

  afterAll(() => t.close());

  it('needs the admin token', async () => {
    const response = await request(server()).get(`${COVERAGE}?from=2025-07-29&to=2025-08-04`);
    expect(response.status).toBe(401);
  });

  it('answers the compact coverage of the range', async () => {
    const response = await request(server())
      .get(`${COVERAGE}?from=2025-07-29&to=2025-08-04`)
      .set(t.auth)
      .expect(200);
    const { counts, summaryCounts, ...rest } = JULY_MONTH_END_COVERAGE;
    expect(response.body).toEqual({
      ...rest,
      counts: { ...counts, 'no-data': undefined, noData: counts['no-data'] },
      summaryCounts: { ...summaryCounts, 'no-data': undefined, noData: 1 },
    });
  });

  it('narrows the rows to the districts asked for', async () => {
    const response = await request(server())
      .get(`${COVERAGE}?from=2025-07-29&to=2025-07-31&districts=117,61`)
      .set(t.auth)
      .expect(200);
    expect(response.body).toMatchObject({ districts: ['117', '61'], rows: ['fno', 'ono'] });
  });

  it.each([
    ['no range', '', 'VALIDATION_ERROR', /from must be/],
    ['a date that is not one', '?from=2025-02-30&to=2025-03-01', 'VALIDATION_ERROR', /from/],
    ['from after to', '?from=2025-08-02&to=2025-08-01', 'INVALID_DATE_RANGE', /after/],
    [
      'more than 400 days',
      '?from=2024-07-01&to=2025-08-05',
      'INVALID_DATE_RANGE',
      /spans 401 days; at most 400/,
    ],
    [
      'a bad district',
      '?from=2025-08-01&to=2025-08-02&districts=61,x!',
      'VALIDATION_ERROR',
      /district/,
    ],
    [
      'a repeated district',
      '?from=2025-08-01&to=2025-08-02&districts=61,61',
      'VALIDATION_ERROR',
      /repeat/,
    ],
    ['an unknown parameter', '?from=2025-08-01&to=2025-08-02&limit=3', 'VALIDATION_ERROR', /limit/],
  ])('refuses %s with a clear 400', async (_name, query, code, message) => {
    const response = await request(server()).get(`${COVERAGE}${query}`).set(t.auth).expect(400);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toMatch(message);
  });
});
