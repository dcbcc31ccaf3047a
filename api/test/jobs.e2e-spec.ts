import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { addDays, utcDateOf } from '../src/common/utc-dates';
import { TestHandler, deferred, items } from './factories/test-handler';
import { TestApp, startTestApp } from './factories/test-app';
import { RATE_LIMIT_CONFIG_BEFORE_PAUSE } from './factories/rate-limit.factory';

const BASE = '/api/admin/backfill';
const yesterday = addDays(utcDateOf(Date.now()), -1);
const today = utcDateOf(Date.now());

describe('Backfill admin API (e2e)', () => {
  let t: TestApp;
  let handler: TestHandler;
  let analytics: TestHandler;
  let gate = deferred();

  beforeEach(async () => {
    gate = deferred();
    handler = new TestHandler('data-collection', items(4), async () => {
      await gate.promise;
      return { outcome: 'done' };
    });
    analytics = new TestHandler('analytics-generation', items(2));
    t = await startTestApp({ handlers: [handler, analytics] });
  });

  afterEach(async () => {
    gate.resolve();
    await t.close();
  });

  const server = () => t.app.getHttpServer();
  const collectionBody = {
    jobType: 'data-collection',
    startDate: addDays(yesterday, -3),
    endDate: yesterday,
  };

  function expectErrorShape(body: unknown, code: string): void {
    expect(body).toEqual({
      error: expect.objectContaining({ code, message: expect.any(String) }),
      metadata: { operationId: expect.any(String), timestamp: expect.any(String) },
    });
  }

  describe('authentication', () => {
    it.each([
      ['no header', {}],
      ['a wrong token', { Authorization: 'Bearer not-the-token' }],
      ['a non-bearer scheme', { Authorization: 'Basic abc' }],
    ])('answers 401 with the error shape for %s', async (_name, headers) => {
      const res = await request(server()).get(`${BASE}/jobs`).set(headers);
      expect(res.status).toBe(401);
      expectErrorShape(res.body, 'UNAUTHORIZED');
    });

    it('protects every backfill route', async () => {
      const routes = [
        request(server()).post(BASE).send(collectionBody),
        request(server()).post(`${BASE}/preview`).send(collectionBody),
        request(server()).get(`${BASE}/status`),
        request(server()).get(`${BASE}/config/rate-limit`),
        request(server()).put(`${BASE}/config/rate-limit`).send({}),
        request(server()).get(`${BASE}/00000000-0000-4000-8000-000000000000`),
        request(server()).delete(`${BASE}/00000000-0000-4000-8000-000000000000`),
      ];
      for (const res of await Promise.all(routes)) expect(res.status).toBe(401);
    });

    it('leaves health checks open', async () => {
      await request(server()).get('/healthz').expect(200, { status: 'ok' });
      await request(server()).get('/readyz').expect(200, { status: 'ok' });
    });
  });

  describe('create', () => {
    it('answers 202 with the job, which then runs', async () => {
      const res = await request(server()).post(BASE).set(t.auth).send(collectionBody).expect(202);
      expect(res.body.jobId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.statusUrl).toBe(`${BASE}/${res.body.jobId}`);
      expect(res.body.job.config).toEqual({
        ...collectionBody,
        jobType: undefined,
        skipExisting: true,
        closingDays: 'last',
        order: 'oldest-first',
      });
      gate.resolve();
      await t.runner.whenIdle();
      const status = await request(server())
        .get(`${BASE}/${res.body.jobId}`)
        .set(t.auth)
        .expect(200);
      expect(status.body.status).toBe('completed');
      expect(status.body.counters).toEqual({ total: 4, processed: 4, failed: 0, skipped: 0 });
      expect(status.body.throughput.percentComplete).toBe(100);
      expect(status.body.actions).toEqual([
        expect.objectContaining({ action: 'created', by: 'admin' }),
      ]);
    });

    it('gives exactly one 202 and one 409 JOB_ALREADY_RUNNING to two concurrent creates', async () => {
      const [a, b] = await Promise.all([
        request(server()).post(BASE).set(t.auth).send(collectionBody),
        request(server()).post(BASE).set(t.auth).send(collectionBody),
      ]);
      expect([a.status, b.status].sort()).toEqual([202, 409]);
      const conflict = a.status === 409 ? a : b;
      const created = a.status === 202 ? a : b;
      expectErrorShape(conflict.body, 'JOB_ALREADY_RUNNING');
      expect(conflict.body.error.details).toEqual({ activeJobId: created.body.jobId });
      expect(conflict.body.error.retryable).toBe(true);
    });

    it('refuses a new job while one is pending or running, and accepts one after it ends', async () => {
      const first = await request(server()).post(BASE).set(t.auth).send(collectionBody).expect(202);
      await request(server())
        .post(BASE)
        .set(t.auth)
        .send({ jobType: 'analytics-generation' })
        .expect(409);
      gate.resolve();
      await t.runner.whenIdle();
      await request(server()).get(`${BASE}/${first.body.jobId}`).set(t.auth).expect(200);
      await request(server())
        .post(BASE)
        .set(t.auth)
        .send({ jobType: 'analytics-generation' })
        .expect(202);
    });

    it.each([
      ['an unknown field', { ...collectionBody, surprise: 1 }, 'VALIDATION_ERROR'],
      ['an unknown job type', { ...collectionBody, jobType: 'everything' }, 'VALIDATION_ERROR'],
      ['an impossible date', { ...collectionBody, startDate: '2025-02-30' }, 'VALIDATION_ERROR'],
      ['a badly written date', { ...collectionBody, startDate: '2025-2-3' }, 'VALIDATION_ERROR'],
      [
        'start after end',
        { ...collectionBody, startDate: yesterday, endDate: addDays(yesterday, -1) },
        'INVALID_DATE_RANGE',
      ],
      ['an end date of today', { ...collectionBody, endDate: today }, 'INVALID_DATE_RANGE'],
      ['missing dates for collection', { jobType: 'data-collection' }, 'INVALID_DATE_RANGE'],
      ['a lowercase district', { ...collectionBody, targetDistricts: ['6a'] }, 'VALIDATION_ERROR'],
      [
        'a too long district',
        { ...collectionBody, targetDistricts: ['12345'] },
        'VALIDATION_ERROR',
      ],
      ['a district path', { ...collectionBody, targetDistricts: ['../x'] }, 'VALIDATION_ERROR'],
      ['an unknown closingDays', { ...collectionBody, closingDays: 'first' }, 'VALIDATION_ERROR'],
      [
        'closingDays for analytics',
        { jobType: 'analytics-generation', closingDays: 'every' },
        'VALIDATION_ERROR',
      ],
      [
        'a non-boolean skipExisting',
        { ...collectionBody, skipExisting: 'yes' },
        'VALIDATION_ERROR',
      ],
      [
        'an unknown override',
        { ...collectionBody, rateLimitOverrides: { turbo: true } },
        'VALIDATION_ERROR',
      ],
      [
        'an override out of bounds',
        { ...collectionBody, rateLimitOverrides: { maxConcurrent: 0 } },
        'VALIDATION_ERROR',
      ],
      [
        'overrides with min > max delay',
        { ...collectionBody, rateLimitOverrides: { minDelayMs: 5000, maxDelayMs: 1000 } },
        'VALIDATION_ERROR',
      ],
      [
        'a pause count override out of bounds',
        { ...collectionBody, rateLimitOverrides: { pauseEveryRequests: 10_001 } },
        'VALIDATION_ERROR',
      ],
      [
        'a fractional pause override',
        { ...collectionBody, rateLimitOverrides: { pauseMs: 2.5 } },
        'VALIDATION_ERROR',
      ],
    ])('rejects %s with 400 %s and stores nothing', async (_name, body, code) => {
      const res = await request(server()).post(BASE).set(t.auth).send(body);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, code);
      const list = await request(server()).get(`${BASE}/jobs`).set(t.auth).expect(200);
      expect(list.body.total).toBe(0);
    });

    it('rejects a body that is not JSON', async () => {
      const res = await request(server())
        .post(BASE)
        .set(t.auth)
        .set('Content-Type', 'application/json')
        .send('{"jobType":');
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'VALIDATION_ERROR');
    });

    it('allows analytics without dates', async () => {
      await request(server())
        .post(BASE)
        .set(t.auth)
        .send({ jobType: 'analytics-generation' })
        .expect(202);
    });
  });

  describe('preview', () => {
    it('answers with what the job would do and creates nothing', async () => {
      const res = await request(server())
        .post(`${BASE}/preview`)
        .set(t.auth)
        .send(collectionBody)
        .expect(200);
      expect(res.body).toMatchObject({ jobType: 'data-collection', totalItems: 4 });
      expect((await request(server()).get(`${BASE}/jobs`).set(t.auth)).body.total).toBe(0);
    });

    it('validates like create', async () => {
      const res = await request(server())
        .post(`${BASE}/preview`)
        .set(t.auth)
        .send({ ...collectionBody, endDate: today });
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'INVALID_DATE_RANGE');
    });
  });

  describe('job ids', () => {
    it.each([
      ['a traversal', '..%2F..%2Fconfig%2Frate-limit'],
      ['a relative path', '..'],
      ['a dotted name', '.x'],
      ['an uppercase uuid', '0AF0C5E4-6E5C-4D6B-8F4B-1D2C3B4A5F60'],
      ['a very long id', 'a'.repeat(5000)],
      ['a uuid with a suffix', '0af0c5e4-6e5c-4d6b-8f4b-1d2c3b4a5f60.json'],
    ])('rejects %s with 400 before any storage access', async (_name, id) => {
      const get = await request(server()).get(`${BASE}/${id}`).set(t.auth);
      expect(get.status).toBe(400);
      expectErrorShape(get.body, 'VALIDATION_ERROR');
      const del = await request(server()).delete(`${BASE}/${id}`).set(t.auth);
      expect(del.status).toBe(400);
    });

    it('rejects a path-traversal attempt in the path itself', async () => {
      const res = await request(server()).get(`${BASE}/../x`).set(t.auth);
      expect([400, 404]).toContain(res.status);
    });

    it('answers 404 JOB_NOT_FOUND for a well-formed unknown id', async () => {
      const res = await request(server())
        .get(`${BASE}/0af0c5e4-6e5c-4d6b-8f4b-1d2c3b4a5f60`)
        .set(t.auth);
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 'JOB_NOT_FOUND');
    });
  });

  describe('cancel', () => {
    it('cancels an active job at once and refuses to cancel it twice', async () => {
      const created = await request(server())
        .post(BASE)
        .set(t.auth)
        .send(collectionBody)
        .expect(202);
      const id = created.body.jobId as string;
      const res = await request(server()).delete(`${BASE}/${id}`).set(t.auth).expect(200);
      expect(res.body.status).toBe('cancelled');
      expect(res.body.cancelledAt).toEqual(expect.any(String));
      expect(res.body.actions.map((a: { action: string }) => a.action)).toEqual([
        'created',
        'cancelled',
      ]);
      gate.resolve();
      await t.runner.whenIdle();
      const again = await request(server()).delete(`${BASE}/${id}`).set(t.auth);
      expect(again.status).toBe(409);
      expectErrorShape(again.body, 'JOB_NOT_CANCELLABLE');
      const final = await request(server()).get(`${BASE}/${id}`).set(t.auth).expect(200);
      expect(final.body.status).toBe('cancelled');
    });

    it('answers 404 for an unknown job', async () => {
      await request(server())
        .delete(`${BASE}/0af0c5e4-6e5c-4d6b-8f4b-1d2c3b4a5f60`)
        .set(t.auth)
        .expect(404);
    });
  });

  describe('history', () => {
    async function makeHistory(): Promise<string[]> {
      gate.resolve();
      const ids: string[] = [];
      for (const body of [collectionBody, { jobType: 'analytics-generation' }, collectionBody]) {
        const res = await request(server()).post(BASE).set(t.auth).send(body).expect(202);
        ids.push(res.body.jobId as string);
        await t.runner.whenIdle();
      }
      await request(server())
        .post(BASE)
        .set(t.auth)
        .send({ jobType: 'analytics-generation' })
        .expect(202);
      await t.runner.whenIdle();
      return ids;
    }

    it('lists newest first with an exact total and pages', async () => {
      await makeHistory();
      const all = await request(server()).get(`${BASE}/jobs`).set(t.auth).expect(200);
      expect(all.body.total).toBe(4);
      const created = all.body.jobs.map((j: { createdAt: string }) => j.createdAt);
      expect([...created].sort().reverse()).toEqual(created);
      const page = await request(server())
        .get(`${BASE}/jobs?limit=2&offset=3`)
        .set(t.auth)
        .expect(200);
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 3 });
      expect(page.body.jobs).toHaveLength(1);
      const beyond = await request(server()).get(`${BASE}/jobs?offset=10`).set(t.auth).expect(200);
      expect(beyond.body).toMatchObject({ total: 4, jobs: [] });
    });

    it('filters by status (repeated or comma-separated) and type', async () => {
      await makeHistory();
      const byType = await request(server())
        .get(`${BASE}/jobs?jobType=analytics-generation`)
        .set(t.auth);
      expect(byType.body.total).toBe(2);
      const byStatus = await request(server())
        .get(`${BASE}/jobs?status=completed,failed`)
        .set(t.auth);
      expect(byStatus.body.total).toBe(4);
      const repeated = await request(server())
        .get(`${BASE}/jobs?status=cancelled&status=failed`)
        .set(t.auth);
      expect(repeated.body.total).toBe(0);
    });

    it.each([
      'limit=0',
      'limit=101',
      'limit=abc',
      'offset=-1',
      'status=done',
      'jobType=x',
      'page=2',
    ])('rejects the query %s with 400', async (query) => {
      const res = await request(server()).get(`${BASE}/jobs?${query}`).set(t.auth);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'VALIDATION_ERROR');
    });

    it('accepts the limit edges 1 and 100', async () => {
      await request(server()).get(`${BASE}/jobs?limit=1`).set(t.auth).expect(200);
      await request(server()).get(`${BASE}/jobs?limit=100`).set(t.auth).expect(200);
    });
  });

  describe('rate-limit config', () => {
    it('shows the defaults, takes partial updates, and keeps them', async () => {
      const initial = await request(server())
        .get(`${BASE}/config/rate-limit`)
        .set(t.auth)
        .expect(200);
      expect(initial.body).toMatchObject({
        maxRequestsPerMinute: 120,
        maxConcurrent: 2,
        pauseEveryRequests: 100,
        pauseMs: 5000,
      });
      const updated = await request(server())
        .put(`${BASE}/config/rate-limit`)
        .set(t.auth)
        .send({ maxRequestsPerMinute: 60 })
        .expect(200);
      expect(updated.body).toEqual({ ...initial.body, maxRequestsPerMinute: 60 });
      const again = await request(server())
        .get(`${BASE}/config/rate-limit`)
        .set(t.auth)
        .expect(200);
      expect(again.body).toEqual(updated.body);
    });

    it.each([
      [{ maxRequestsPerMinute: 0 }],
      [{ maxRequestsPerMinute: 1.5 }],
      [{ maxConcurrent: 33 }],
      [{ backoffMultiplier: 0.5 }],
      [{ minDelayMs: 70000 }],
      [{ minDelayMs: 5000, maxDelayMs: 1000 }],
      [{ pauseEveryRequests: -1 }],
      [{ pauseEveryRequests: 10_001 }],
      [{ pauseEveryRequests: 1.5 }],
      [{ pauseMs: -1 }],
      [{ pauseMs: 600_001 }],
      [{ pauseMs: '5000' }],
      [{ unknown: 1 }],
    ])('rejects %j with 400 and keeps the saved config', async (body) => {
      const before = await request(server()).get(`${BASE}/config/rate-limit`).set(t.auth);
      const res = await request(server()).put(`${BASE}/config/rate-limit`).set(t.auth).send(body);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'VALIDATION_ERROR');
      const after = await request(server()).get(`${BASE}/config/rate-limit`).set(t.auth);
      expect(after.body).toEqual(before.body);
    });
  });

  describe('rate-limit pause fields', () => {
    it('accepts them at their bounds and names the field and bound when out of range', async () => {
      for (const body of [
        { pauseEveryRequests: 0, pauseMs: 0 },
        { pauseEveryRequests: 10_000, pauseMs: 600_000 },
      ]) {
        const res = await request(server())
          .put(`${BASE}/config/rate-limit`)
          .set(t.auth)
          .send(body)
          .expect(200);
        expect(res.body).toMatchObject(body);
      }
      const res = await request(server())
        .put(`${BASE}/config/rate-limit`)
        .set(t.auth)
        .send({ pauseEveryRequests: 10_001, pauseMs: -1 })
        .expect(400);
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([
          'pauseEveryRequests must not be greater than 10000',
          'pauseMs must not be less than 0',
        ]),
      );
    });

    it('reads a config file saved before they existed with their defaults', async () => {
      const before = RATE_LIMIT_CONFIG_BEFORE_PAUSE;
      await fs.mkdir(path.join(t.dataDir, 'config'), { recursive: true });
      await fs.writeFile(
        path.join(t.dataDir, 'config', 'rate-limit.json'),
        JSON.stringify(before, null, 2),
      );
      const res = await request(server()).get(`${BASE}/config/rate-limit`).set(t.auth).expect(200);
      expect(res.body).toEqual({ ...before, pauseEveryRequests: 100, pauseMs: 5000 });
    });

    it('takes them as per-job overrides and keeps them on the job', async () => {
      const created = await request(server())
        .post(BASE)
        .set(t.auth)
        .send({ ...collectionBody, rateLimitOverrides: { pauseEveryRequests: 0 } })
        .expect(202);
      const job = await request(server())
        .get(`${BASE}/${created.body.jobId}`)
        .set(t.auth)
        .expect(200);
      expect(job.body.config.rateLimitOverrides).toEqual({ pauseEveryRequests: 0 });
    });
  });

  describe('status and docs', () => {
    it('shows the active job', async () => {
      const created = await request(server())
        .post(BASE)
        .set(t.auth)
        .send(collectionBody)
        .expect(202);
      const status = await request(server()).get(`${BASE}/status`).set(t.auth).expect(200);
      // The deprecated `id` stays beside `jobId` for one release.
      expect(status.body.activeJob).toMatchObject({
        jobId: created.body.jobId,
        id: created.body.jobId,
      });
      expect(status.body.instanceId).toBe('test-instance');
    });

    it('serves Swagger UI and the spec', async () => {
      await request(server()).get('/api/docs/').expect(200);
      const spec = await request(server()).get('/api/docs/openapi.json').expect(200);
      expect(Object.keys(spec.body.paths)).toContain(`${BASE}/jobs`);
    });

    it('answers unknown routes with the error shape', async () => {
      const res = await request(server()).get('/api/nope').set(t.auth);
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 'NOT_FOUND');
    });
  });
});
