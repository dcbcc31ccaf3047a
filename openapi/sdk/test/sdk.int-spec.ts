import {
  BackfillApiError,
  type BackfillClient,
  COVERAGE_STATE_OF_LETTER,
  type Job,
  createBackfillClient,
  isTerminal,
} from '../src';
import { type Service, startService } from 'test-stack';

/** The SDK against the built service and the dashboard emulator: no mocks of the API. */
describe('@backfill/sdk against the real service', () => {
  let service: Service;
  let client: BackfillClient;

  beforeAll(async () => {
    service = await startService('sdk-test');
    client = createBackfillClient({ baseUrl: service.url, token: service.token });
  });

  afterAll(async () => {
    await service?.stop();
  });

  async function rejection(promise: Promise<unknown>): Promise<BackfillApiError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(BackfillApiError);
      return error as BackfillApiError;
    }
    throw new Error('expected the call to fail');
  }

  /** Follows a job to its end with watchJob, collecting every state it yields. */
  async function watchAll(jobId: string, watcher = client): Promise<Job[]> {
    const states: Job[] = [];
    for await (const job of watcher.watchJob(jobId)) states.push(job);
    return states;
  }

  it('throws one typed error with the API code, message, retryable flag and status', async () => {
    const badRange = await rejection(
      client.createJob({
        jobType: 'data-collection',
        startDate: '2025-07-05',
        endDate: '2025-07-01',
      }),
    );
    expect(badRange).toMatchObject({
      name: 'BackfillApiError',
      code: 'INVALID_DATE_RANGE',
      status: 400,
      retryable: false,
    });
    expect(badRange.message).toContain('after endDate');
    expect(badRange.operationId).toEqual(expect.any(String));

    const wrongToken = createBackfillClient({ baseUrl: service.url, token: 'not-the-token-0000' });
    expect(await rejection(wrongToken.listJobs())).toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
    });

    const missing = await rejection(client.getJob('00000000-0000-4000-8000-000000000000'));
    expect(missing).toMatchObject({ code: 'JOB_NOT_FOUND', status: 404 });

    const invalid = await rejection(client.updateRateLimitConfig({ maxConcurrent: 99 }));
    expect(invalid).toMatchObject({ code: 'VALIDATION_ERROR', status: 400 });
    expect(invalid.details).toEqual(
      expect.arrayContaining([expect.stringContaining('maxConcurrent')]),
    );
  });

  it('throws NETWORK_ERROR, retryable, when the service cannot be reached', async () => {
    // Port 9 (discard) on loopback: nothing listens there in a test run.
    const nowhere = createBackfillClient({ baseUrl: 'http://127.0.0.1:9', token: service.token });
    expect(await rejection(nowhere.getStatus())).toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
      retryable: true,
    });
  });

  it('previews, creates and watches a job to its end with typed calls', async () => {
    const request = {
      jobType: 'data-collection' as const,
      startDate: '2025-07-01',
      endDate: '2025-07-03',
      targetDistricts: ['61', '117'],
    };
    const preview = await client.previewJob(request);
    expect(preview.totalItems).toBe(6);

    const created = await client.createJob(request);
    expect(created.job.id).toBe(created.jobId);

    const states = await watchAll(created.jobId);
    const last = states.at(-1);
    expect(last?.status).toBe('completed');
    expect(last?.counters).toMatchObject({ total: 6, processed: 6, failed: 0 });
    // Every state yielded is a change: a reconnect or a quiet poll never repeats one.
    for (let i = 1; i < states.length; i += 1) {
      expect(JSON.stringify(states[i])).not.toBe(JSON.stringify(states[i - 1]));
    }
    expect(states.slice(0, -1).every((job) => !isTerminal(job.status))).toBe(true);

    // A finished job's stream is its final state and `end`: one state, then done.
    const again = await watchAll(created.jobId);
    expect(again).toHaveLength(1);
    expect(again[0]?.status).toBe('completed');

    const page = await client.listJobs({ status: ['completed'], limit: 5 });
    expect(page.jobs.map((job) => job.jobId)).toContain(created.jobId);
    const items = await client.listJobItems(created.jobId, { outcome: ['done', 'skipped'] });
    expect(items.total).toBe(6);
  });

  it('reads the coverage of what that job stored, one letter per cell', async () => {
    const coverage = await client.getCoverage({
      from: '2025-07-01',
      to: '2025-07-04',
      districts: '61,117',
    });
    expect(coverage).toMatchObject({ from: '2025-07-01', to: '2025-07-04', days: 4 });
    expect(coverage.districts).toEqual(['61', '117']);
    // Collected on the first three days (stored, or a closing day's on its month end),
    // nothing on the fourth.
    for (const row of coverage.rows) {
      expect([...row.slice(0, 3)].map((letter) => COVERAGE_STATE_OF_LETTER[letter])).not.toContain(
        'missing',
      );
      expect(COVERAGE_STATE_OF_LETTER[row[3]]).toBe('missing');
    }
    const { ok, noData, failed, superseded, missing } = coverage.counts;
    expect(ok + noData + failed + superseded + missing).toBe(8);
    expect(missing).toBe(2);

    const tooLong = await rejection(client.getCoverage({ from: '2024-01-01', to: '2025-07-01' }));
    expect(tooLong).toMatchObject({ code: 'INVALID_DATE_RANGE', status: 400 });
  });

  it('reconnects a dropped event stream with Last-Event-ID and carries on to the end', async () => {
    // A transport that cuts the first stream right after its first event, as a proxy or a
    // flaky network would; the server behind it is the real one.
    const lastEventIds: (string | null)[] = [];
    let cut = false;
    const flaky: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!url.endsWith('/events') || !response.body) return response;
      lastEventIds.push(new Headers(init?.headers).get('last-event-id'));
      if (cut) return response;
      cut = true;
      const reader = response.body.getReader();
      let seen = '';
      const truncated = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const chunk = await reader.read();
          if (chunk.done) return controller.close();
          controller.enqueue(chunk.value);
          seen += new TextDecoder().decode(chunk.value);
          if (seen.includes('event: job')) {
            await reader.cancel();
            controller.close();
          }
        },
      });
      return new Response(truncated, { status: response.status, headers: response.headers });
    };
    const watcher = createBackfillClient({
      baseUrl: service.url,
      token: service.token,
      fetch: flaky,
    });

    const created = await client.createJob({
      jobType: 'data-collection',
      startDate: '2025-08-01',
      endDate: '2025-08-02',
      targetDistricts: ['61'],
    });
    const states = await watchAll(created.jobId, watcher);

    expect(lastEventIds.length).toBeGreaterThanOrEqual(2);
    expect(lastEventIds[0]).toBeNull();
    expect(lastEventIds[1]).toMatch(/^\d+$/);
    expect(states.at(-1)?.status).toBe('completed');
    for (let i = 1; i < states.length; i += 1) {
      expect(JSON.stringify(states[i])).not.toBe(JSON.stringify(states[i - 1]));
    }
  });

  it('fails watchJob with the typed error when the job does not exist or the token is wrong', async () => {
    const missing = await rejection(watchAll('00000000-0000-4000-8000-000000000000'));
    expect(missing).toMatchObject({ code: 'JOB_NOT_FOUND', status: 404, retryable: false });

    const { jobs } = await client.listJobs({ limit: 1 });
    const wrongToken = createBackfillClient({ baseUrl: service.url, token: 'not-the-token-0000' });
    const refused = await rejection(watchAll(jobs[0]?.jobId ?? 'none', wrongToken));
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });

  it('stops watching quietly when its signal aborts, leaving the job running', async () => {
    const created = await client.createJob({
      jobType: 'data-collection',
      startDate: '2025-09-01',
      endDate: '2025-09-30',
      targetDistricts: ['61', '117'],
      rateLimitOverrides: { maxRequestsPerMinute: 30 },
    });
    const stop = new AbortController();
    const states: Job[] = [];
    for await (const job of client.watchJob(created.jobId, { signal: stop.signal })) {
      states.push(job);
      if (job.status === 'running') stop.abort();
    }
    expect(states.at(-1)?.status).toBe('running');
    expect(isTerminal((await client.getJob(created.jobId)).status)).toBe(false);

    await client.cancelJob(created.jobId);
    const end = await watchAll(created.jobId);
    expect(end.at(-1)?.status).toBe('cancelled');
  });
});
