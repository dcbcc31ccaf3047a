/**
 * Bad input from a hostile or careless client: every request gets a clear 4xx in the one
 * error shape, never a 500, and nothing is written to storage. The app is the real one on a
 * temp data dir; the dashboard URL points at a closed port, so nothing leaves the machine.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import request from 'supertest';
import { TestApp, startTestApp } from './factories/test-app';

const BASE = '/api/admin/backfill';
const JOB_ID = '00000000-0000-4000-8000-000000000000';

describe('Hostile input (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { DASHBOARD_BASE_URL: 'http://127.0.0.1:9' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const server = () => t.app.getHttpServer();

  function expectError(res: request.Response, status: number, code: string, message?: RegExp) {
    expect({ status: res.status, body: res.body as unknown }).toEqual({
      status,
      body: {
        error: expect.objectContaining({
          code,
          message: message ? expect.stringMatching(message) : expect.any(String),
        }),
        metadata: { operationId: expect.any(String), timestamp: expect.any(String) },
      },
    });
  }

  /** Every file under the data dir with a hash of its bytes. */
  async function storageFingerprint(): Promise<string> {
    const entries = await fs.readdir(t.dataDir, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    const hash = createHash('sha256');
    for (const file of files) hash.update(file).update(await fs.readFile(file));
    return hash.digest('hex');
  }

  describe('bodies', () => {
    it.each([`${BASE}/preview`, `${BASE}/config/rate-limit`, '/api/districts/backfill'])(
      'answers 413 PAYLOAD_TOO_LARGE to a JSON body over the limit on %s',
      async (route) => {
        const body = JSON.stringify({ padding: 'x'.repeat(200_000) });
        const method = route.endsWith('rate-limit') ? 'put' : 'post';
        const agent = request(server());
        const res = await agent[method](route)
          .set(t.auth)
          .set('Content-Type', 'application/json')
          .send(body);
        expectError(res, 413, 'PAYLOAD_TOO_LARGE', /larger than the limit of 102400 bytes/);
      },
    );

    it.each(['gzip', 'deflate', 'br'])(
      'answers 400 to a body that is not %s-encoded as its Content-Encoding says',
      async (encoding) => {
        const res = await request(server())
          .post(`${BASE}/preview`)
          .set(t.auth)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .send('{"jobType":"data-collection"}');
        expectError(res, 400, 'VALIDATION_ERROR', /Content-Encoding/);
      },
    );

    it('reads a body that really is gzip-encoded', async () => {
      const res = await request(server())
        .post(`${BASE}/preview`)
        .set(t.auth)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        // superagent would JSON-serialise a Buffer ({"type":"Buffer",...}): send the bytes.
        .serialize((bytes: Buffer) => bytes as unknown as string)
        .send(gzipSync(JSON.stringify({ jobType: 'nonsense' })));
      expectError(res, 400, 'VALIDATION_ERROR', /jobType/);
    });

    it('answers 415 to an unknown Content-Encoding and to an unknown charset', async () => {
      const encoded = await request(server())
        .post(`${BASE}/preview`)
        .set(t.auth)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'foo')
        .send('{}');
      expectError(encoded, 415, 'UNSUPPORTED_MEDIA_TYPE', /Content-Encoding/);
      const charset = await request(server())
        .post(`${BASE}/preview`)
        .set(t.auth)
        .set('Content-Type', 'application/json; charset=klingon')
        .send('{}');
      expectError(charset, 415, 'UNSUPPORTED_MEDIA_TYPE', /charset/);
    });

    it.each([
      ['arrays', '['.repeat(3_000) + ']'.repeat(3_000)],
      ['objects in a field', `{"jobType":${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}}`],
    ])('answers 400 to a body of %s nested 3,000 levels deep', async (_kind, body) => {
      const res = await request(server())
        .post(`${BASE}/preview`)
        .set(t.auth)
        .set('Content-Type', 'application/json')
        .send(body);
      expectError(res, 400, 'VALIDATION_ERROR', /nested more than 16 levels deep/);
    });

    it('answers 400 to an empty targetDistricts, saying to omit it', async () => {
      const res = await request(server()).post(`${BASE}/preview`).set(t.auth).send({
        jobType: 'data-collection',
        startDate: '2025-01-01',
        endDate: '2025-01-02',
        targetDistricts: [],
      });
      expectError(res, 400, 'VALIDATION_ERROR', /omit targetDistricts for every district/);
    });
  });

  describe('query parameters', () => {
    it.each([
      ['limit=abc', /limit must be an integer/],
      ['limit=0x10', /limit must be an integer/],
      ['limit=1e2', /limit must be an integer/],
      ['limit=', /limit must be an integer/],
      ['limit=500', /limit must be between 1 and 100/],
      ['offset=-1', /offset must be an integer/],
      ['limit=1&limit=2', /"limit" must be given once/],
      ['jobType=data-collection&jobType=data-collection', /"jobType" must be given once/],
      ['foo=1', /property foo should not exist/],
    ])('rejects /jobs?%s with a message that says why', async (query, message) => {
      const res = await request(server()).get(`${BASE}/jobs?${query}`).set(t.auth);
      expectError(res, 400, 'VALIDATION_ERROR', message);
    });

    it('still takes a repeatable filter more than once, and decimal integers', async () => {
      const res = await request(server())
        .get(`${BASE}/jobs?status=completed&status=failed&limit=5&offset=0`)
        .set(t.auth)
        .expect(200);
      expect(res.body).toMatchObject({ limit: 5, offset: 0 });
    });

    it.each([
      '/api/admin/collection/districts',
      `${BASE}/status`,
      `${BASE}/config/rate-limit`,
      `${BASE}/${JOB_ID}`,
      '/healthz',
    ])('rejects an unknown query parameter on %s', async (route) => {
      const res = await request(server()).get(`${route}?foo=1`).set(t.auth);
      expectError(res, 400, 'VALIDATION_ERROR', /Unknown query parameter "foo"/);
    });

    it('takes ?access_token= only on the server-sent-events route', async () => {
      const token = t.auth.Authorization.replace('Bearer ', '');
      // A path that merely ends in /events is not the stream.
      await request(server()).get(`${BASE}/events?access_token=${token}`).expect(401);
      const res = await request(server()).get(`${BASE}/jobs?access_token=${token}`).set(t.auth);
      expectError(res, 400, 'VALIDATION_ERROR', /only by the server-sent-events route/);
    });
  });

  describe('arbitrary input (property)', () => {
    type Method = 'get' | 'post' | 'put' | 'delete';
    const routes: [Method, string][] = [
      ['post', BASE],
      ['post', `${BASE}/preview`],
      ['put', `${BASE}/config/rate-limit`],
      ['post', '/api/districts/backfill'],
      ['get', `${BASE}/jobs`],
      ['get', `${BASE}/${JOB_ID}/items`],
      ['get', '/api/admin/collection/districts'],
      ['get', `${BASE}/status`],
      ['delete', `${BASE}/${JOB_ID}`],
      ['post', `${BASE}/${JOB_ID}/retry`],
    ];
    const body = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string(),
      fc.string({ unit: 'binary' }),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/json; charset=nope',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    );
    const contentEncoding = fc.constantFrom(undefined, 'identity', 'gzip', 'deflate', 'br', 'x');
    const queryPart = fc
      .array(
        fc.tuple(
          fc.constantFrom('limit', 'offset', 'status', 'jobType', 'outcome', 'foo', 'access_token'),
          fc.string({ maxLength: 12 }),
        ),
        { maxLength: 4 },
      )
      .map((pairs) => new URLSearchParams(pairs).toString());

    it('never answers 500, always in the error shape, and writes nothing when it refuses', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          body,
          contentType,
          contentEncoding,
          queryPart,
          async ([method, route], payload, type, encoding, query) => {
            const before = await storageFingerprint();
            const agent = request(server());
            let call = agent[method](query ? `${route}?${query}` : route)
              .set(t.auth)
              .set('Content-Type', type);
            if (encoding) call = call.set('Content-Encoding', encoding);
            const res =
              method === 'get' || method === 'delete' ? await call : await call.send(payload);
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400) {
              expect(res.body).toEqual({
                error: expect.objectContaining({
                  code: expect.any(String),
                  message: expect.any(String),
                }),
                metadata: { operationId: expect.any(String), timestamp: expect.any(String) },
              });
              expect(await storageFingerprint()).toBe(before);
            }
          },
        ),
        { numRuns: 300 },
      );
      await request(server()).get('/healthz').expect(200);
    });
  });
});
