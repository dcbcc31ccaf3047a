import request from 'supertest';
import { TestApp, startTestApp } from './factories/test-app';
import { TestHandler, deferred, failWith, items } from './factories/test-handler';

/** `GET /metrics`: the Prometheus exposition, behind the admin token. */
const BASE = '/api/admin/backfill';

describe('GET /metrics', () => {
  let t: TestApp;
  let gate = deferred();
  let handler: TestHandler;

  beforeEach(async () => {
    gate = deferred();
    // Six items: four done, two failed; all held until the test opens the gate.
    handler = new TestHandler('data-collection', items(6), async (item) => {
      await gate.promise;
      return item.id.endsWith('-4') || item.id.endsWith('-5')
        ? failWith('upstream said no', false)
        : { outcome: 'done' };
    });
    t = await startTestApp({ handlers: [handler] });
  });

  afterEach(async () => {
    gate.resolve();
    await t.close();
  });

  const scrape = () => request(t.app.getHttpServer()).get('/metrics').set(t.auth).expect(200);

  /** The value of one sample line, e.g. `name{a="b"} 3`; undefined when absent. */
  function sample(text: string, series: string): number | undefined {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

  it('refuses a scrape without the token, and names no secret', async () => {
    const res = await request(t.app.getHttpServer()).get('/metrics').expect(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(JSON.stringify(res.body)).not.toContain(t.config.adminToken);
  });

  it('shows the active job while it runs, then the finished items and job', async () => {
    const idle = await scrape();
    expect(idle.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(idle.text).toContain('# TYPE ubs_active_job gauge');
    expect(idle.text).not.toMatch(/^ubs_active_job\{/m);
    expect(idle.text).toMatch(/^process_resident_memory_bytes \d+/m);

    await request(t.app.getHttpServer())
      .post(BASE)
      .set(t.auth)
      .send({
        jobType: 'data-collection',
        startDate: '2026-01-01',
        endDate: '2026-01-03',
        targetDistricts: ['61'],
      })
      .expect(202);
    while (handler.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const running = await scrape();
    expect(
      sample(running.text, 'ubs_active_job{job_type="data-collection",status="running"}'),
    ).toBe(1);
    expect(sample(running.text, 'ubs_active_job_items{state="total"}')).toBe(6);

    gate.resolve();
    await t.runner.whenIdle();
    const done = await scrape();
    expect(done.text).not.toMatch(/^ubs_active_job\{/m);
    const items = (outcome: string) =>
      sample(
        done.text,
        `ubs_job_items_finished_total{job_type="data-collection",outcome="${outcome}"}`,
      );
    expect(items('done')).toBe(4);
    expect(items('failed')).toBe(2);
    expect(
      sample(done.text, 'ubs_job_item_duration_seconds_count{job_type="data-collection"}'),
    ).toBe(6);
    expect(
      sample(done.text, 'ubs_jobs_finished_total{job_type="data-collection",status="completed"}'),
    ).toBe(1);
  });
});
