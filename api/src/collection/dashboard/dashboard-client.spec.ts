import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeClock } from '../../common/clock';
import { RequestGate, RequestOutcome, RequestPermit } from '../../rate-limit/request-permit';
import { DashboardClient, DashboardClientOptions } from './dashboard-client';
import { DATE_SLOT_STRATEGIES } from './dashboard-urls';
import { clubCsv, summaryCsv } from '../../../test/factories/report-csv.factory';

/**
 * Stands in for the real RateLimiter (tested on its own): lets every request through at once
 * and records what each permit was released with, so the tests can check the client reports
 * every outcome exactly once.
 */
class RecordingGate implements RequestGate {
  readonly outcomes: RequestOutcome[] = [];
  readonly signals: (AbortSignal | undefined)[] = [];
  acquired = 0;

  acquire(signal?: AbortSignal): Promise<RequestPermit> {
    this.acquired++;
    this.signals.push(signal);
    let released = false;
    return Promise.resolve({
      release: (outcome: RequestOutcome) => {
        if (released) throw new Error('permit released twice');
        released = true;
        this.outcomes.push(outcome);
      },
    });
  }
}

const CLUB_CSV = clubCsv([
  { 'Club Number': '0001234' },
  { 'Club Number': '5678', 'Club Name': 'Lunch, "Bunch"' },
]);
const EMPTY_CLUB_CSV = clubCsv([]);
const DATE = '2026-04-01';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

const sendCsv = (res: ServerResponse, body: string): void => {
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
};

/** Each scenario is the first path segment of the base URL; the server counts hits per scenario. */
const scenarios: Record<string, Handler> = {
  ok: (_req, res) => sendCsv(res, CLUB_CSV),
  bom: (_req, res) => sendCsv(res, `\uFEFF${CLUB_CSV}`),
  'no-data': (_req, res) => sendCsv(res, EMPTY_CLUB_CSV),
  summary: (_req, res) =>
    sendCsv(
      res,
      summaryCsv([{ DISTRICT: '61' }, { DISTRICT: 'U' }], {
        footer: ['Month of Mar', 'As of 03/14/2026'],
      }),
    ),
  substituted: (_req, res) =>
    sendCsv(res, clubCsv([{}], { footer: ['Month of Mar, As of 03/30/2026'] })),
  // A dashboard that files closing-period data under the data month's end (the strict
  // reading): asked with April's month end on April 3 it has nothing, with March's it has.
  'files-by-data-month': (req, res) => {
    const marchEnd = (req.url ?? '').includes('~3/31/2026~');
    sendCsv(
      res,
      marchEnd
        ? summaryCsv([{ DISTRICT: '61' }], { footer: ['Month of Mar', 'As of 04/03/2026'] })
        : summaryCsv([], { footer: ['Month of Apr', 'As of 04/03/2026'] }),
    );
  },
  'summary-empty': (_req, res) =>
    sendCsv(res, summaryCsv([], { footer: ['Month of Apr', 'As of 04/03/2026'] })),
  'empty-then-500': (req, res) => {
    if ((req.url ?? '').includes('~3/31/2026~')) {
      res.writeHead(500);
      return res.end('boom');
    }
    sendCsv(res, summaryCsv([], { footer: ['Month of Apr', 'As of 04/03/2026'] }));
  },
  'throttled-once': (_req, res, hit) => {
    if (hit > 1) return sendCsv(res, CLUB_CSV);
    res.writeHead(429, { 'retry-after': '7' });
    res.end('slow down');
  },
  'always-500': (_req, res) => {
    res.writeHead(500);
    res.end('boom');
  },
  'unavailable-once': (_req, res, hit) => {
    if (hit > 1) return sendCsv(res, CLUB_CSV);
    res.writeHead(503, { 'retry-after': '120' });
    res.end();
  },
  'reset-once': (req, res, hit) => {
    if (hit > 1) return sendCsv(res, CLUB_CSV);
    req.socket.destroy();
  },
  'always-reset': (req) => req.socket.destroy(),
  'hang-once': (_req, res, hit) => {
    if (hit > 1) sendCsv(res, CLUB_CSV);
  },
  'always-hang': () => undefined,
  'truncated-once': (req, res, hit) => {
    if (hit > 1) return sendCsv(res, CLUB_CSV);
    res.writeHead(200, {
      'content-type': 'text/csv',
      'content-length': Buffer.byteLength(CLUB_CSV) + 500,
    });
    res.write(CLUB_CSV.slice(0, 100));
    setTimeout(() => req.socket.destroy(), 20);
  },
  'premature-close': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/csv' }); // chunked, so the end is implied by a last chunk
    res.write(CLUB_CSV.slice(0, 100));
    setTimeout(() => req.socket.destroy(), 20);
  },
  malformed: (_req, res) => sendCsv(res, 'Club Number,Club Name\n1,"never closed\n'),
  html: (_req, res) => sendCsv(res, '<html><body>Error</body></html>\n'),
  'not-found': (_req, res) => {
    res.writeHead(404);
    res.end('nope');
  },
  'wrong-month': (_req, res) =>
    sendCsv(res, clubCsv([{}], { footer: ['Month of Jan, As of 04/01/2026'] })),
};

describe('DashboardClient over HTTP', () => {
  let server: Server;
  let origin: string;
  const hits = new Map<string, number>();
  const seen: { url: string; userAgent: string | undefined }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const scenario = (req.url ?? '').split('/')[1];
      const hit = (hits.get(scenario) ?? 0) + 1;
      hits.set(scenario, hit);
      seen.push({ url: req.url ?? '', userAgent: req.headers['user-agent'] });
      const handler = scenarios[scenario];
      if (handler) handler(req, res, hit);
      else {
        res.writeHead(500);
        res.end(`unknown scenario ${scenario}`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    hits.clear();
    seen.length = 0;
  });

  function client(
    scenario: string,
    overrides: Partial<DashboardClientOptions> = {},
  ): { client: DashboardClient; gate: RecordingGate } {
    const gate = new RecordingGate();
    const instance = new DashboardClient({
      baseUrl: `${origin}/${scenario}`,
      userAgent: 'toastmasters-backfill-test/1.0 (+https://example.org/contact)',
      timeoutMs: 2000,
      maxAttempts: 3,
      clock: new FakeClock(Date.UTC(2026, 3, 2, 8, 0, 0)),
      limiter: gate,
      ...overrides,
    });
    return { client: instance, gate };
  }

  it('downloads, parses and places a report, with checksum and metadata', async () => {
    const { client: dashboard, gate } = client('ok');
    const result = await dashboard.fetchReport('club', DATE, '61');
    const url = `${origin}/ok/2025-2026/export.aspx?type=CSV&report=clubperformance~61~4/30/2026~4/1/2026~2025-2026`;
    expect(result).toEqual({
      kind: 'ok',
      report: 'club',
      url,
      status: 200,
      csv: CLUB_CSV,
      parsed: {
        kind: 'club',
        rows: [
          expect.objectContaining({ clubNumber: '1234' }),
          expect.objectContaining({ clubNumber: '5678', clubName: 'Lunch, "Bunch"' }),
        ],
      },
      footer: { dataMonth: '2026-03', asOf: '2026-04-01' },
      placement: {
        snapshotDate: '2026-03-31',
        dataMonth: '2026-03',
        isClosingPeriod: true,
        collectionDate: DATE,
        programYear: '2025-2026',
      },
      checksum: createHash('sha256').update(CLUB_CSV).digest('hex'),
      fetchedAt: '2026-04-02T08:00:00.000Z',
      attempts: 1,
    });
    // Tildes and slashes reach the server as written, not percent-encoded.
    expect(seen).toEqual([
      {
        url: '/ok/2025-2026/export.aspx?type=CSV&report=clubperformance~61~4/30/2026~4/1/2026~2025-2026',
        userAgent: 'toastmasters-backfill-test/1.0 (+https://example.org/contact)',
      },
    ]);
    expect(gate.outcomes).toEqual([{ kind: 'success' }]);
  });

  it('checksums the raw bytes and keeps a byte order mark in the raw text', async () => {
    const result = await client('bom').client.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({
      kind: 'ok',
      csv: `\uFEFF${CLUB_CSV}`,
      checksum: createHash('sha256').update(`\uFEFF${CLUB_CSV}`).digest('hex'),
    });
  });

  it('reports zero data rows as no-data, still placed by the footer', async () => {
    const { client: dashboard, gate } = client('no-data');
    const result = await dashboard.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({
      kind: 'no-data',
      parsed: { kind: 'club', rows: [] },
      attempts: 1,
    });
    expect(result.kind !== 'failed' && result.placement.snapshotDate).toBe('2026-03-31');
    expect(gate.outcomes).toEqual([{ kind: 'success' }]);
  });

  it('fetches the summary without a district', async () => {
    const result = await client('summary').client.fetchReport('summary', '2026-03-14', undefined);
    expect(result.kind).toBe('ok');
    if (result.kind === 'failed') return;
    expect(result.parsed.rows.map((row) => row.districtId)).toEqual(['61', 'U']);
    expect(seen[0].url).toContain('report=districtsummary~3/31/2026~3/14/2026~2025-2026');
  });

  it('retries after 429, handing Retry-After to the gate', async () => {
    const { client: dashboard, gate } = client('throttled-once');
    const result = await dashboard.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({ kind: 'ok', attempts: 2 });
    expect(hits.get('throttled-once')).toBe(2);
    expect(gate.outcomes).toEqual([{ kind: 'throttled', retryAfterMs: 7000 }, { kind: 'success' }]);
  });

  it('retries 5xx up to maxAttempts, then fails as retryable', async () => {
    const { client: dashboard, gate } = client('always-500');
    const result = await dashboard.fetchReport('club', DATE, '61');
    expect(result).toEqual({
      kind: 'failed',
      url: expect.stringContaining('/always-500/'),
      retryable: true,
      reason: 'HTTP 500',
      status: 500,
      attempts: 3,
    });
    expect(hits.get('always-500')).toBe(3);
    expect(gate.outcomes).toEqual([
      { kind: 'server-error', retryAfterMs: undefined },
      { kind: 'server-error', retryAfterMs: undefined },
      { kind: 'server-error', retryAfterMs: undefined },
    ]);
  });

  it('retries a 503, passing its Retry-After on', async () => {
    const { client: dashboard, gate } = client('unavailable-once');
    expect(await dashboard.fetchReport('club', DATE, '61')).toMatchObject({
      kind: 'ok',
      attempts: 2,
    });
    expect(gate.outcomes[0]).toEqual({ kind: 'server-error', retryAfterMs: 120_000 });
  });

  it('retries a connection reset', async () => {
    const { client: dashboard, gate } = client('reset-once');
    expect(await dashboard.fetchReport('club', DATE, '61')).toMatchObject({
      kind: 'ok',
      attempts: 2,
    });
    expect(hits.get('reset-once')).toBe(2);
    expect(gate.outcomes).toEqual([{ kind: 'server-error' }, { kind: 'success' }]);
  });

  it('gives up on repeated resets with a network reason', async () => {
    const { client: dashboard } = client('always-reset', { maxAttempts: 2 });
    const result = await dashboard.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({ kind: 'failed', retryable: true, attempts: 2 });
    expect(result.kind === 'failed' && result.reason).toMatch(
      /^network error: fetch failed: other side closed/,
    );
    expect(hits.get('always-reset')).toBe(2);
  });

  it('times out a request that hangs and tries again', async () => {
    const { client: dashboard, gate } = client('hang-once', { timeoutMs: 400 });
    expect(await dashboard.fetchReport('club', DATE, '61')).toMatchObject({
      kind: 'ok',
      attempts: 2,
    });
    expect(gate.outcomes).toEqual([{ kind: 'server-error' }, { kind: 'success' }]);
  });

  it('fails as retryable when every attempt times out', async () => {
    const { client: dashboard } = client('always-hang', { timeoutMs: 150, maxAttempts: 2 });
    expect(await dashboard.fetchReport('club', DATE, '61')).toMatchObject({
      kind: 'failed',
      retryable: true,
      reason: 'timed out after 150 ms',
      attempts: 2,
    });
    expect(hits.get('always-hang')).toBe(2);
  });

  it('retries a body shorter than its Content-Length', async () => {
    const { client: dashboard, gate } = client('truncated-once');
    expect(await dashboard.fetchReport('club', DATE, '61')).toMatchObject({
      kind: 'ok',
      attempts: 2,
    });
    expect(hits.get('truncated-once')).toBe(2);
    expect(gate.outcomes).toEqual([{ kind: 'server-error' }, { kind: 'success' }]);
  });

  it('treats a prematurely closed chunked body as retryable', async () => {
    const { client: dashboard } = client('premature-close', { maxAttempts: 2 });
    const result = await dashboard.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({ kind: 'failed', retryable: true, attempts: 2 });
    expect(hits.get('premature-close')).toBe(2);
  });

  it('does not retry malformed CSV', async () => {
    const { client: dashboard, gate } = client('malformed');
    const result = await dashboard.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({ kind: 'failed', retryable: false, status: 200, attempts: 1 });
    expect(result.kind === 'failed' && result.reason).toMatch(
      /^malformed CSV: .*unbalanced quotes/,
    );
    expect(hits.get('malformed')).toBe(1);
    expect(gate.outcomes).toEqual([{ kind: 'success' }]);
  });

  it('does not retry a page that is not the expected export', async () => {
    const result = await client('html').client.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({ kind: 'failed', retryable: false, attempts: 1 });
    expect(result.kind === 'failed' && result.reason).toMatch(
      /missing required headers: "Club Number"/,
    );
  });

  it('does not retry 404', async () => {
    const { client: dashboard, gate } = client('not-found');
    expect(await dashboard.fetchReport('club', DATE, '61')).toEqual({
      kind: 'failed',
      url: expect.any(String),
      retryable: false,
      reason: 'HTTP 404',
      status: 404,
      attempts: 1,
    });
    expect(hits.get('not-found')).toBe(1);
    expect(gate.outcomes).toEqual([{ kind: 'success' }]);
  });

  it('refuses data of a month that cannot answer the request', async () => {
    const result = await client('wrong-month').client.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({ kind: 'failed', retryable: false, attempts: 1 });
    expect(result.kind === 'failed' && result.reason).toMatch(/2026-01.*2026-04-01/);
  });

  it('refuses rows as of another date than the one asked for (substituted data)', async () => {
    const result = await client('substituted').client.fetchReport('club', DATE, '61');
    expect(result).toMatchObject({ kind: 'failed', retryable: false, attempts: 1 });
    expect(result.kind === 'failed' && result.reason).toBe(
      'the export is as of 2026-03-30, not the requested 2026-04-01: ' +
        'the dashboard substituted other data',
    );
  });

  describe('fetchSummary and closing periods', () => {
    const reports = () => seen.map((s) => /report=districtsummary~([^~]*~[^~]*)~/.exec(s.url)?.[1]);

    it("asks the previous month when the date's own month is empty early in a month", async () => {
      const result = await client('files-by-data-month').client.fetchSummary('2026-04-03');
      expect(reports()).toEqual(['4/30/2026~4/3/2026', '3/31/2026~4/3/2026']);
      expect(result).toMatchObject({
        kind: 'ok',
        attempts: 2,
        placement: { snapshotDate: '2026-03-31', dataMonth: '2026-03', isClosingPeriod: true },
      });
      expect(result.kind !== 'failed' && result.url).toContain(
        'districtsummary~3/31/2026~4/3/2026',
      );
    });

    it('asks once when the first answer has data, closing data included', async () => {
      const result = await client('summary').client.fetchSummary('2026-03-14');
      expect(result).toMatchObject({ kind: 'ok', attempts: 1 });
      expect(reports()).toEqual(['3/31/2026~3/14/2026']);
    });

    it('counts a date as empty only when both months are, and past day 25 asks once', async () => {
      const early = await client('summary-empty').client.fetchSummary('2026-04-03');
      expect(early).toMatchObject({ kind: 'no-data', attempts: 2 });
      expect(early.kind !== 'failed' && early.url).toContain('~4/30/2026~4/3/2026~');
      seen.length = 0;
      const late = await client('summary-empty').client.fetchSummary('2026-04-26');
      expect(late).toMatchObject({ kind: 'no-data', attempts: 1 });
      expect(reports()).toEqual(['4/30/2026~4/26/2026']);
    });

    it('does not ask again under the requested-month reading (it would be the same URL)', async () => {
      const { client: dashboard } = client('files-by-data-month', {
        dateSlots: DATE_SLOT_STRATEGIES['requested-month'],
      });
      const result = await dashboard.fetchSummary('2026-04-03');
      expect(result).toMatchObject({ kind: 'no-data', attempts: 1 });
      expect(reports()).toEqual(['4/30/2026~4/3/2026']);
    });

    it('fails, rather than recording no data, when the previous month cannot be read', async () => {
      const result = await client('empty-then-500').client.fetchSummary('2026-04-03');
      expect(result).toMatchObject({ kind: 'failed', retryable: true, attempts: 4 });
    });
  });

  it('tells the attempt observer how every attempt ended', async () => {
    const seenAttempts: string[] = [];
    const onAttempt = (report: string, outcome: string, seconds: number) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      seenAttempts.push(`${report}:${outcome}`);
    };
    await client('throttled-once', { onAttempt }).client.fetchReport('club', DATE, '61');
    await client('not-found', { onAttempt }).client.fetchReport('club', DATE, '61');
    await client('reset-once', { onAttempt }).client.fetchReport('division', DATE, '61');
    const controller = new AbortController();
    const hanging = client('always-hang', { onAttempt, timeoutMs: 5000 }).client.fetchReport(
      'club',
      DATE,
      '61',
      controller.signal,
    );
    setTimeout(() => controller.abort(new Error('job cancelled')), 30);
    await expect(hanging).rejects.toThrow('job cancelled');
    expect(seenAttempts).toEqual([
      'club:throttled',
      'club:success',
      'club:refused',
      'division:server-error',
      'division:success',
      'club:aborted',
    ]);
  });

  it("rejects with the caller's abort, releasing the permit as aborted", async () => {
    const { client: dashboard, gate } = client('always-hang', { timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = dashboard.fetchReport('club', DATE, '61', controller.signal);
    setTimeout(() => controller.abort(new Error('job cancelled')), 50);
    await expect(pending).rejects.toThrow('job cancelled');
    expect(gate.outcomes).toEqual([{ kind: 'aborted' }]);
    expect(gate.signals).toEqual([controller.signal]);
  });

  it('ends a wait at the gate on its wait signal, sending nothing; a request under way finishes', async () => {
    const stop = new AbortController();
    // A gate that never grants: only an abort of the signal it is given ends the wait.
    const closedGate: RequestGate = {
      acquire: (signal) =>
        new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason as Error), {
            once: true,
          }),
        ),
    };
    const waiting = new DashboardClient({
      ...optionsOf(closedGate),
      waitSignal: stop.signal,
    }).fetchReport('club', DATE, '61', new AbortController().signal);
    const reason = new Error('job run stopped: cancelled');
    stop.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(hits.size).toBe(0);

    // The wait signal joins the gate's wait only: an already granted request is not cut short.
    const late = new AbortController();
    const { client: dashboard, gate } = client('ok', { waitSignal: late.signal });
    const granted = dashboard.fetchReport('club', DATE, '61');
    late.abort(new Error('stopped while in flight'));
    expect((await granted).kind).toBe('ok');
    expect(gate.outcomes).toEqual([{ kind: 'success' }]);
  });

  it('does not start when the caller has already aborted', async () => {
    const { client: dashboard, gate } = client('ok');
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(dashboard.fetchReport('club', DATE, '61', controller.signal)).rejects.toThrow(
      'too late',
    );
    expect(gate.acquired).toBe(0);
    expect(hits.size).toBe(0);
  });

  it('refuses nonsensical options', () => {
    const base = client('ok');
    expect(() => new DashboardClient({ ...optionsOf(base.gate), maxAttempts: 0 })).toThrow(
      RangeError,
    );
    expect(() => new DashboardClient({ ...optionsOf(base.gate), timeoutMs: 0 })).toThrow(
      RangeError,
    );
    expect(() => new DashboardClient({ ...optionsOf(base.gate), userAgent: ' ' })).toThrow(
      RangeError,
    );
  });

  function optionsOf(gate: RequestGate): DashboardClientOptions {
    return {
      baseUrl: origin,
      userAgent: 'ua',
      timeoutMs: 100,
      maxAttempts: 1,
      clock: new FakeClock(),
      limiter: gate,
    };
  }
});
