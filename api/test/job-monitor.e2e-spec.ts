import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { addDays, utcDateOf } from '../src/common/utc-dates';
import { TestHandler, deferred, failWith, items } from './factories/test-handler';
import { TestApp, startTestApp } from './factories/test-app';

const BASE = '/api/admin/backfill';
const yesterday = addDays(utcDateOf(Date.now()), -1);
const body = { jobType: 'data-collection', startDate: addDays(yesterday, -2), endDate: yesterday };

interface ServerSentEvent {
  event: string;
  data: string;
}

function parseEvents(text: string): ServerSentEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const lines = block.split('\n');
      const field = (name: string) =>
        lines
          .filter((l) => l.startsWith(`${name}:`))
          .map((l) => l.slice(name.length + 1).trim())
          .join('\n');
      return { event: field('event') || 'message', data: field('data') };
    });
}

describe('Job monitoring API (e2e)', () => {
  let t: TestApp;
  let gate = deferred();

  afterEach(async () => {
    gate.resolve();
    await t.close();
  });

  async function start(handler: TestHandler, env: Record<string, string> = {}) {
    t = await startTestApp({ handlers: [handler], env });
    const res = await request(t.app.getHttpServer()).post(BASE).set(t.auth).send(body).expect(202);
    return res.body.jobId as string;
  }

  describe('GET /:jobId/items', () => {
    it('lists the latest outcome of each finished item, filtered by outcome and paged', async () => {
      const planned = items(6);
      const jobId = await start(
        new TestHandler('data-collection', planned, (item) => {
          const n = Number(item.id.split('-').at(-1));
          if (n % 3 === 0) return failWith('upstream 500', true);
          if (n % 3 === 1) return Promise.resolve({ outcome: 'skipped', reason: 'no-data' });
          return Promise.resolve({ outcome: 'done', attempts: 1 });
        }),
      );
      await t.runner.whenIdle();
      const server = t.app.getHttpServer();
      const all = await request(server).get(`${BASE}/${jobId}/items`).set(t.auth).expect(200);
      expect(all.body.total).toBe(6);
      expect(all.body.counts).toEqual({ done: 2, skipped: 2, failed: 2 });
      expect(all.body.items.map((i: { id: string }) => i.id)).toEqual(
        planned.map((p) => p.id).sort(),
      );
      const failed = await request(server)
        .get(`${BASE}/${jobId}/items`)
        .query({ outcome: 'failed', limit: 1, offset: 1 })
        .set(t.auth)
        .expect(200);
      expect(failed.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(failed.body.items).toEqual([
        {
          id: expect.any(String),
          date: '2026-01-04',
          group: '62',
          outcome: 'failed',
          reason: 'upstream 500',
          attempts: 3,
          retryable: true,
          supersededBy: null,
          at: expect.any(String),
        },
      ]);
      const two = await request(server)
        .get(`${BASE}/${jobId}/items?outcome=failed,skipped`)
        .set(t.auth)
        .expect(200);
      expect(two.body.total).toBe(4);
    });

    it('answers 404 for an unknown job, 400 for a bad filter and 401 without a token', async () => {
      await start(new TestHandler('data-collection', items(1)));
      const server = t.app.getHttpServer();
      const unknown = `${BASE}/00000000-0000-4000-8000-000000000000/items`;
      const missing = await request(server).get(unknown).set(t.auth).expect(404);
      expect(missing.body.error.code).toBe('JOB_NOT_FOUND');
      const jobs = await request(server).get(`${BASE}/jobs`).set(t.auth);
      const id = jobs.body.jobs[0].jobId as string;
      const bad = await request(server)
        .get(`${BASE}/${id}/items?outcome=pending`)
        .set(t.auth)
        .expect(400);
      expect(bad.body.error.code).toBe('VALIDATION_ERROR');
      await request(server).get(`${BASE}/${id}/items?limit=1001`).set(t.auth).expect(400);
      await request(server).get(`${BASE}/${id}/items`).expect(401);
    });
  });

  describe('GET /:jobId while the job runs here', () => {
    it('shows progress as it is in memory, ahead of the stored document', async () => {
      // Item 1 finishes at once, item 2 waits on the gate; flushes are a minute apart.
      gate = deferred();
      const planned = items(2);
      const jobId = await start(
        new TestHandler(
          'data-collection',
          planned,
          async (item) => {
            if (item.id === planned[1].id) await gate.promise;
            return { outcome: 'done' };
          },
          2,
        ),
        { PROGRESS_FLUSH_SECONDS: '60' },
      );
      const server = t.app.getHttpServer();
      const stored = async () =>
        JSON.parse(await fs.readFile(path.join(t.dataDir, 'jobs', `${jobId}.json`), 'utf8')) as {
          counters: { processed: number };
        };
      let live = await request(server).get(`${BASE}/${jobId}`).set(t.auth).expect(200);
      for (let i = 0; i < 200 && live.body.counters.processed < 1; i++) {
        await new Promise((r) => setTimeout(r, 10));
        live = await request(server).get(`${BASE}/${jobId}`).set(t.auth).expect(200);
      }
      expect(live.body).toMatchObject({
        status: 'running',
        counters: { total: 2, processed: 1, failed: 0 },
        currentItem: planned[1].id,
      });
      expect(live.body.progressByGroup['61']).toMatchObject({ total: 1, processed: 1 });
      expect((await stored()).counters.processed).toBe(0);
      // /status and the history show the same live job; /status with its lease.
      const status = await request(server).get(`${BASE}/status`).set(t.auth).expect(200);
      expect(status.body.runningHere).toBe(jobId);
      expect(status.body.activeJob).toMatchObject({
        jobId,
        counters: live.body.counters,
        currentItem: planned[1].id,
        lease: { owner: 'test-instance', expiresAt: live.body.lease.expiresAt },
      });
      expect(status.body.activeJob.lease.renewedAt).toBe(live.body.lease.renewedAt);
      expect(Date.parse(status.body.activeJob.lease.renewedAt)).toBeLessThan(
        Date.parse(status.body.activeJob.lease.expiresAt),
      );
      const history = await request(server).get(`${BASE}/jobs`).set(t.auth).expect(200);
      expect(history.body.jobs[0]).toMatchObject({ jobId, counters: live.body.counters });

      gate.resolve();
      await t.runner.whenIdle();
      const done = await request(server).get(`${BASE}/${jobId}`).set(t.auth).expect(200);
      expect(done.body).toMatchObject({ status: 'completed', counters: { processed: 2 } });
      expect((await stored()).counters.processed).toBe(2);
    });
  });

  describe('GET /:jobId/events', () => {
    it('streams the job status on change and ends after the terminal status', async () => {
      gate = deferred();
      const jobId = await start(
        new TestHandler('data-collection', items(3), async () => {
          await gate.promise;
          return { outcome: 'done' };
        }),
      );
      const server = t.app.getHttpServer();
      const streamed = request(server)
        .get(`${BASE}/${jobId}/events`)
        .set(t.auth)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        });
      setTimeout(() => gate.resolve(), 1200);
      const res = await streamed;
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      const events = parseEvents(res.body as string);
      const jobs = events.filter((e) => e.event === 'job').map((e) => JSON.parse(e.data));
      expect(jobs.length).toBeGreaterThanOrEqual(2);
      expect(jobs[0].jobId).toBe(jobId);
      expect(jobs.at(-1)).toMatchObject({
        status: 'completed',
        counters: { total: 3, processed: 3 },
        throughput: expect.objectContaining({ percentComplete: 100 }),
      });
      expect(events.at(-1)).toEqual({ event: 'end', data: '{"status":"completed"}' });
    });

    it('accepts the token as access_token on this route only, and rejects a wrong one', async () => {
      const jobId = await start(new TestHandler('data-collection', items(1)));
      await t.runner.whenIdle();
      const server = t.app.getHttpServer();
      const token = t.auth.Authorization.replace('Bearer ', '');
      const ok = await request(server).get(`${BASE}/${jobId}/events?access_token=${token}`);
      expect(ok.status).toBe(200);
      expect(parseEvents(ok.text).map((e) => e.event)).toEqual(['job', 'end']);
      await request(server).get(`${BASE}/${jobId}/events?access_token=wrong-token`).expect(401);
      await request(server).get(`${BASE}/${jobId}/items?access_token=${token}`).expect(401);
      await request(server)
        .get(`${BASE}/00000000-0000-4000-8000-000000000000/events`)
        .set(t.auth)
        .expect(404);
    });
  });

  describe('the admin console', () => {
    let webDir: string;

    beforeEach(async () => {
      webDir = await fs.mkdtemp(path.join(os.tmpdir(), 'admin-web-'));
      await fs.writeFile(path.join(webDir, 'index.html'), '<title>console</title>');
      await fs.writeFile(path.join(webDir, 'main-ABC.js'), 'console.log(1)');
    });

    afterEach(() => fs.rm(webDir, { recursive: true, force: true }));

    it('is served at / with an SPA fallback that never shadows the API or health checks', async () => {
      await start(new TestHandler('data-collection', items(1)), { ADMIN_WEB_DIR: webDir });
      const server = t.app.getHttpServer();
      const index = await request(server).get('/').expect(200);
      expect(index.text).toContain('<title>console</title>');
      expect(index.headers['cache-control']).toBe('no-cache');
      await request(server).get('/main-ABC.js').expect(200, 'console.log(1)');
      const deep = await request(server).get('/sign-in').expect(200);
      expect(deep.text).toContain('<title>console</title>');
      await request(server).get('/healthz').expect(200, { status: 'ok' });
      const unknownApi = await request(server).get('/api/nothing-here').expect(404);
      expect(unknownApi.body.error.code).toBeDefined();
      await request(server).get(`${BASE}/jobs`).expect(401);
      // API errors keep their own status and shape; the console never turns them into 404s.
      const badJson = await request(server)
        .post(BASE)
        .set(t.auth)
        .set('Content-Type', 'application/json')
        .send('{"jobType":')
        .expect(400);
      expect(badJson.body.error.code).toBe('VALIDATION_ERROR');
    });

    it('is not served when the directory holds no build', async () => {
      await fs.rm(path.join(webDir, 'index.html'));
      await start(new TestHandler('data-collection', items(1)), { ADMIN_WEB_DIR: webDir });
      await request(t.app.getHttpServer()).get('/').expect(404);
    });
  });
});
