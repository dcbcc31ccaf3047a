import { parse } from 'csv-parse/sync';
import { parseExport } from './support/csv';
import { rawGet } from './support/http';
import {
  addDays,
  closingDays,
  DateSlotMode,
  exportPath,
  formatMmDdYyyy,
  isMissingDate,
  latestDataDate,
  monthLabel,
  renderEmptyMonth,
  renderReport,
  RunningEmulator,
  startDashboardEmulator,
} from '../src';
import { fromParts } from '../src/calendar';

const today = '2026-06-01';
const CLUB_PATH =
  '/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~4/1/2026~2025-2026';

/** The body a client reads: fetch's text() drops a leading BOM. */
const withoutBom = (body: string): string => body.replace(/^\uFEFF/, '');

/** The first collection date from (year, month, day) on that is not one of the holes. */
function dataDateFrom(year: number, month: number, day: number): string {
  let date = fromParts(year, month, day);
  while (isMissingDate(date)) {
    date = addDays(date, 1);
  }
  return date;
}

describe('dashboard emulator over HTTP', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startDashboardEmulator({ today });
  });

  afterAll(async () => {
    await emulator.close();
  });

  beforeEach(() => {
    emulator.setFaults({});
    emulator.setRateLimitPerMinute(null);
    emulator.clearLog();
  });

  const get = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(`${emulator.url}${path}`, init);

  it('binds 127.0.0.1 on a free port by default', () => {
    expect(emulator.host).toBe('127.0.0.1');
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
  });

  it('serves the CSV export at the real URL shape', async () => {
    const res = await get(CLUB_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    const expected = renderReport('clubperformance', '61', '2026-04-01', { today }).body;
    expect(text).toBe(expected.replace(/^\uFEFF/, ''));
    const parsed = parseExport(text);
    expect(parsed.footer).toMatch(/^Month of Mar(ch)?, As of 04\/01\/2026$/);
    expect(parsed.rows.length).toBeGreaterThan(100);
  });

  it('keeps the BOM bytes when a file has one', async () => {
    // Find a collection date whose file carries a BOM (fixed per report, district and date).
    let day = 1;
    const dateOf = (d: number): string => `2025-01-${String(d).padStart(2, '0')}`;
    while (!renderReport('districtperformance', '61', dateOf(day), { today }).bom) {
      day++;
    }
    const path = exportPath({
      kind: 'districtperformance',
      district: '61',
      monthEnd: '2024-12-31',
      date: dateOf(day),
      programYear: '2024-2025',
    });
    const res = await rawGet(`${emulator.url}${path}`);
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('answers raw and %2F-encoded dates identically', async () => {
    const raw = await (await get(CLUB_PATH)).arrayBuffer();
    const encoded = await (await get(CLUB_PATH.replace(/(\d)\/(\d)/g, '$1%2F$2'))).arrayBuffer();
    expect(Buffer.from(encoded).equals(Buffer.from(raw))).toBe(true);
  });

  it('rejects unknown reports and malformed queries with a short text body', async () => {
    const cases: [string, number][] = [
      ['/2025-2026/export.aspx?type=CSV&report=bogus~61~3/31/2026~4/1/2026~2025-2026', 404],
      [
        '/2025-2026/export.aspx?type=CSV&report=clubperformance~61~31/3/2026~4/1/2026~2025-2026',
        400,
      ],
      ['/2025-2026/export.aspx?type=CSV', 400],
      ['/nothing-here', 404],
    ];
    for (const [path, status] of cases) {
      const res = await get(path);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const body = await res.text();
      expect(body.length).toBeLessThan(200);
    }
    expect((await get(CLUB_PATH, { method: 'POST' })).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const res = await get(CLUB_PATH, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
  });

  it('serves the latest data for an empty MONTH_END, whatever DATE says', async () => {
    const latest = latestDataDate(today)!;
    const res = await get(
      '/2019-2020/export.aspx?type=CSV&report=clubperformance~61~~1/15/2020~2019-2020',
    );
    const text = await res.text();
    expect(text).toBe(
      renderReport('clubperformance', '61', latest, { today }).body.replace(/^\uFEFF/, ''),
    );
    expect(parseExport(text).footer).toContain(
      `As of ${latest.slice(5, 7)}/${latest.slice(8)}/${latest.slice(0, 4)}`,
    );
    expect(emulator.requestLog()[0]).toMatchObject({ date: latest, latest: true, status: 200 });
  });

  it('answers dates without data with HTTP 200 and header + footer only', async () => {
    for (const date of ['2017-02-05', today, '2026-06-15']) {
      const res = await get(
        exportPath({
          kind: 'districtsummary',
          monthEnd: date,
          date,
          programYear: '2016-2017',
        }).replace(/2016-2017/g, date >= '2026-06-01' ? '2025-2026' : '2016-2017'),
      );
      expect(res.status).toBe(200);
      const parsed = parseExport(await res.text());
      expect(parsed.rows).toHaveLength(0);
    }
  });

  describe('faults', () => {
    it('injects 429 with Retry-After in seconds or as an HTTP-date', async () => {
      emulator.setFaults({ retryAfterSeconds: 7, rules: [{ kind: 'rate-limit' }] });
      const res = await get(CLUB_PATH);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(emulator.requestLog().at(-1)).toMatchObject({ status: 429, retryAfterSeconds: 7 });

      emulator.setFaults({
        retryAfterSeconds: 30,
        retryAfterFormat: 'http-date',
        rules: [{ kind: 'rate-limit' }],
      });
      const dated = await get(CLUB_PATH);
      const at = Date.parse(dated.headers.get('retry-after') ?? '');
      expect(at - Date.now()).toBeGreaterThan(25_000);
      expect(at - Date.now()).toBeLessThan(35_000);
    });

    it('injects 500 and 503', async () => {
      emulator.setFaults({
        rules: [
          { kind: 'server-error', firstN: 1 },
          { kind: 'unavailable', retryAfterSeconds: 2 },
        ],
      });
      expect((await get(CLUB_PATH)).status).toBe(500);
      const unavailable = await get(CLUB_PATH);
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get('retry-after')).toBe('2');
      expect(emulator.requestLog().map((e) => e.fault)).toEqual(['server-error', 'unavailable']);
      expect(emulator.requestLog()[1].retryAfterSeconds).toBe(2);
    });

    it('resets the connection', async () => {
      emulator.setFaults({ rules: [{ kind: 'reset' }] });
      await expect(get(CLUB_PATH)).rejects.toThrow();
      const raw = await rawGet(`${emulator.url}${CLUB_PATH}`);
      expect(raw.status).toBe(0);
      expect(raw.error).toBeDefined();
      expect(emulator.requestLog()[0]).toMatchObject({ status: 0, fault: 'reset' });
    });

    it('hangs until the client gives up', async () => {
      emulator.setFaults({ rules: [{ kind: 'hang' }] });
      const started = Date.now();
      await expect(get(CLUB_PATH, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(emulator.requestLog()[0]).toMatchObject({ status: 0, fault: 'hang' });
    });

    it('truncates the body below the promised Content-Length', async () => {
      emulator.setFaults({ rules: [{ kind: 'truncate' }] });
      const raw = await rawGet(`${emulator.url}${CLUB_PATH}`);
      expect(raw.status).toBe(200);
      expect(raw.error).toBeDefined();
      expect(raw.body.length).toBeLessThan(Number(raw.headers['content-length']));
      expect(raw.body.length).toBeGreaterThan(100);
      await expect(get(CLUB_PATH).then((res) => res.text())).rejects.toThrow();
    });

    it('cuts a chunked body mid-row', async () => {
      emulator.setFaults({ rules: [{ kind: 'truncate', truncate: 'cut' }] });
      const raw = await rawGet(`${emulator.url}${CLUB_PATH}`);
      expect(raw.headers['content-length']).toBeUndefined();
      expect(raw.error).toBeDefined();
      expect(raw.body.toString('utf8').endsWith('\r\n')).toBe(false);
    });

    it('serves malformed CSV that a strict parser rejects', async () => {
      emulator.setFaults({ rules: [{ kind: 'malformed' }] });
      const quoted = await get(CLUB_PATH);
      expect(quoted.status).toBe(200);
      const text = await quoted.text();
      expect(() => parse(text, { bom: true, relax_column_count: true })).toThrow();

      emulator.setFaults({ rules: [{ kind: 'malformed', malformed: 'column-count' }] });
      const short = await (await get(CLUB_PATH)).text();
      const lines: string[][] = parse(short, { bom: true, relax_column_count: true });
      const width = lines[0]?.length ?? 0;
      expect(lines.slice(1, -1).filter((row) => row.length !== width)).toHaveLength(1);
    });

    it('targets districts, reports, dates and the first N matches', async () => {
      emulator.setFaults({
        rules: [
          {
            kind: 'server-error',
            districts: ['61'],
            reports: ['clubperformance'],
            dates: ['2026-04-01'],
            firstN: 2,
          },
        ],
      });
      const other = CLUB_PATH.replace('~61~', '~62~');
      const statuses = [];
      for (const path of [
        CLUB_PATH,
        other,
        CLUB_PATH,
        CLUB_PATH,
        CLUB_PATH.replace('clubperformance', 'districtperformance'),
      ]) {
        statuses.push((await get(path)).status);
      }
      expect(statuses).toEqual([500, 200, 500, 200, 200]);
    });

    it('substitutes the latest data for a dated request, logging the date served', async () => {
      emulator.setFaults({ rules: [{ kind: 'substitute-latest' }] });
      const latest = latestDataDate(today) ?? '';
      const res = await get(CLUB_PATH);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toBe(withoutBom(renderReport('clubperformance', '61', latest, { today }).body));
      expect(parseExport(text).footer).toContain(`As of ${formatMmDdYyyy(latest)}`);
      const [entry] = emulator.requestLog();
      expect(entry).toMatchObject({ status: 200, date: latest, fault: 'substitute-latest' });
      expect(entry).not.toHaveProperty('latest');
    });

    it('substitutes only where the rule filters and triggers say, never counting latest requests', async () => {
      const latest = latestDataDate(today) ?? '';
      emulator.setFaults({
        rules: [
          {
            kind: 'substitute-latest',
            districts: ['61'],
            reports: ['clubperformance'],
            dates: ['2026-04-01', latest],
            everyNth: 2,
          },
        ],
      });
      const latestPath =
        '/2025-2026/export.aspx?type=CSV&report=clubperformance~61~~4/1/2026~2025-2026';
      const paths = [
        CLUB_PATH,
        latestPath,
        CLUB_PATH.replace('~61~', '~62~'),
        CLUB_PATH.replace('clubperformance', 'districtperformance'),
        CLUB_PATH.replace('3/31/2026~4/1/2026', '4/30/2026~5/20/2026'),
        CLUB_PATH,
        CLUB_PATH,
        CLUB_PATH,
      ];
      for (const path of paths) {
        expect((await get(path)).status).toBe(200);
      }
      expect(emulator.requestLog().map((e) => [e.date, e.fault ?? null])).toEqual([
        ['2026-04-01', null],
        [latest, null],
        ['2026-04-01', null],
        ['2026-04-01', null],
        ['2026-05-20', null],
        [latest, 'substitute-latest'],
        ['2026-04-01', null],
        [latest, 'substitute-latest'],
      ]);
    });

    it('adds fixed latency', async () => {
      emulator.setFaults({ latencyMs: 150 });
      const started = performance.now();
      await (await get(CLUB_PATH)).text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(emulator.requestLog()[0]?.durationMs).toBeGreaterThanOrEqual(140);
    });
  });

  describe('rate-limit enforcement', () => {
    it('refuses more than N report requests per trailing minute, not counting control calls', async () => {
      emulator.setRateLimitPerMinute(3);
      for (let i = 0; i < 5; i++) {
        expect((await get('/__emulator/log')).status).toBe(200);
      }
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await get(CLUB_PATH)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const log = emulator.requestLog();
      expect(log).toHaveLength(4);
      expect(log[3]).toMatchObject({ status: 429, fault: 'rate-limit-enforced' });
      const res = await get(CLUB_PATH);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(emulator.requestLog().at(-1)?.retryAfterSeconds).toBe(retryAfter);
    });

    it('can be set and read over HTTP', async () => {
      const put = await get('/__emulator/rate-limit', {
        method: 'PUT',
        body: JSON.stringify({ perMinute: 1 }),
      });
      expect(await put.json()).toEqual({ perMinute: 1 });
      expect((await get(CLUB_PATH)).status).toBe(200);
      expect((await get(CLUB_PATH)).status).toBe(429);
      expect(
        (await get('/__emulator/rate-limit', { method: 'PUT', body: '{"perMinute":0}' })).status,
      ).toBe(400);
      await get('/__emulator/rate-limit', { method: 'PUT', body: '{"perMinute":null}' });
      expect(emulator.rateLimitPerMinute()).toBeNull();
    });
  });

  describe('control endpoints', () => {
    it('reads and clears the request log', async () => {
      await get(CLUB_PATH);
      await get(
        '/2025-2026/export.aspx?type=CSV&report=districtsummary~3/31/2026~4/1/2026~2025-2026',
      );
      const log = (await (await get('/__emulator/log')).json()) as Record<string, unknown>[];
      expect(log).toHaveLength(2);
      expect(log[0]).toMatchObject({
        url: CLUB_PATH,
        status: 200,
        report: 'clubperformance',
        district: '61',
        date: '2026-04-01',
      });
      expect(typeof log[0]?.durationMs).toBe('number');
      expect(new Date(log[0]?.time as string).toISOString()).toBe(log[0]?.time);
      expect(log[1]).toMatchObject({ report: 'districtsummary' });
      expect(log[1]).not.toHaveProperty('district');
      expect(log).toEqual(emulator.requestLog());

      expect((await get('/__emulator/log', { method: 'DELETE' })).status).toBe(204);
      expect(await (await get('/__emulator/log')).json()).toEqual([]);
    });

    it('reads and replaces the fault settings', async () => {
      const settings = { seed: 9, rules: [{ kind: 'server-error', everyNth: 2 }] };
      const put = await get('/__emulator/faults', {
        method: 'PUT',
        body: JSON.stringify(settings),
      });
      expect(put.status).toBe(200);
      expect(await (await get('/__emulator/faults')).json()).toEqual(settings);
      expect([(await get(CLUB_PATH)).status, (await get(CLUB_PATH)).status]).toEqual([200, 500]);

      const bad = await get('/__emulator/faults', {
        method: 'PUT',
        body: '{"rules":[{"kind":"explode"}]}',
      });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('faults.rules[0].kind');
      expect((await get('/__emulator/faults', { method: 'PUT', body: 'not json' })).status).toBe(
        400,
      );
      expect(emulator.faults()).toEqual(settings);
    });

    it('accepts substitute-latest rules over HTTP', async () => {
      const settings = { rules: [{ kind: 'substitute-latest', probability: 0.5 }] };
      const put = await get('/__emulator/faults', {
        method: 'PUT',
        body: JSON.stringify(settings),
      });
      expect(put.status).toBe(200);
      expect(emulator.faults()).toEqual(settings);
    });

    it('reports health and 404s unknown control paths', async () => {
      expect(await (await get('/__emulator/health')).json()).toEqual({ status: 'ok', today });
      expect((await get('/__emulator/nope')).status).toBe(404);
    });
  });
});

describe("dateSlots: 'data-month'", () => {
  let emulator: RunningEmulator;
  const opts = { today };

  beforeAll(async () => {
    emulator = await startDashboardEmulator({ today, dateSlots: 'data-month' });
  });

  afterAll(async () => {
    await emulator.close();
  });

  beforeEach(() => {
    emulator.setDateSlots('data-month');
    emulator.setFaults({});
    emulator.clearLog();
  });

  const get = async (
    path: string,
  ): Promise<{ status: number; text: string; rows: number; footer: string }> => {
    const res = await fetch(`${emulator.url}${path}`);
    const text = await res.text();
    if (res.status !== 200) {
      return { status: res.status, text, rows: 0, footer: '' };
    }
    const parsed = parseExport(text);
    return { status: res.status, text, rows: parsed.rows.length, footer: parsed.footer };
  };
  const club = (monthEnd: string, date: string, programYear: string): string =>
    exportPath({ kind: 'clubperformance', district: '61', monthEnd, date, programYear });

  it('starts in the mode asked for, lenient by default', async () => {
    expect(emulator.dateSlots()).toBe('data-month');
    const lenient = await startDashboardEmulator({ today });
    expect(lenient.dateSlots()).toBe('lenient');
    await lenient.close();
  });

  it("serves data when MONTH_END is the last day of DATE's data month (closing period)", async () => {
    const answer = await get(CLUB_PATH);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(
      withoutBom(renderReport('clubperformance', '61', '2026-04-01', opts).body),
    );
    expect(answer.rows).toBeGreaterThan(100);
  });

  it('serves data after the closing period when MONTH_END is the current month end', async () => {
    const date = dataDateFrom(2026, 3, closingDays(2026, 3) + 1);
    const answer = await get(club('2026-03-31', date, '2025-2026'));
    expect(answer.text).toBe(withoutBom(renderReport('clubperformance', '61', date, opts).body));
    expect(answer.rows).toBeGreaterThan(100);
  });

  it('answers any other MONTH_END with no data, the footer naming that month as of DATE', async () => {
    const after = dataDateFrom(2026, 3, closingDays(2026, 3) + 1);
    const cases: [monthEnd: string, date: string][] = [
      ['2026-04-30', '2026-04-01'],
      ['2026-03-30', '2026-04-01'],
      ['2026-02-28', after],
      ['2026-03-15', after],
    ];
    for (const [monthEnd, date] of cases) {
      const answer = await get(club(monthEnd, date, '2025-2026'));
      expect(answer.status).toBe(200);
      expect(answer.rows).toBe(0);
      expect(answer.text).toBe(
        withoutBom(renderEmptyMonth('clubperformance', '61', monthEnd, date, '2025-2026').body),
      );
      const [year, month] = monthEnd.split('-').map(Number);
      expect(answer.footer).toBe(
        `Month of ${monthLabel(year ?? 0, month ?? 0)}, As of ${formatMmDdYyyy(date)}`,
      );
    }
    expect(emulator.requestLog().map((e) => [e.status, e.date])).toEqual(
      cases.map(([, date]) => [200, date]),
    );
  });

  it("wants the data month's program year: June's closing read in July", async () => {
    const date = dataDateFrom(2025, 7, 1);
    expect(date <= fromParts(2025, 7, closingDays(2025, 7))).toBe(true);
    const right = await get(club('2025-06-30', date, '2024-2025'));
    expect(right.rows).toBeGreaterThan(100);
    expect(right.footer).toMatch(/^Month of June?, /);

    // The collection date's program year passes validation but names no data here.
    const wrong = await get(club('2025-06-30', date, '2025-2026'));
    expect(wrong.status).toBe(200);
    expect(wrong.rows).toBe(0);
    expect(wrong.footer).toBe(`Month of ${monthLabel(2025, 6)}, As of ${formatMmDdYyyy(date)}`);
  });

  it('answers the summary the same way, its footer in the DISTRICT column', async () => {
    const path = exportPath({
      kind: 'districtsummary',
      monthEnd: '2026-04-30',
      date: '2026-04-01',
      programYear: '2025-2026',
    });
    const answer = await get(path);
    expect(answer.rows).toBe(0);
    expect(answer.footer).toMatch(/^Month of Apr(il)?, As of 04\/01\/2026$/);
    const real = await get(path.replace('4/30/2026', '3/31/2026'));
    expect(real.rows).toBeGreaterThan(100);
  });

  it('keeps the 400 and 404 answers, and latest requests, as they are', async () => {
    expect((await get(club('2026-03-31', '2026-04-01', '2023-2024'))).status).toBe(404);
    expect(
      (
        await get(
          '/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~4/1/2026~2024-2025',
        )
      ).status,
    ).toBe(400);
    const latest = latestDataDate(today) ?? '';
    const answer = await get(
      club('2026-03-31', '2026-04-01', '2025-2026').replace('3/31/2026', ''),
    );
    expect(answer.text).toBe(withoutBom(renderReport('clubperformance', '61', latest, opts).body));
  });

  it('switches modes at run time and refuses unknown ones', async () => {
    const mismatched = club('2026-04-30', '2026-04-01', '2025-2026');
    expect((await get(mismatched)).rows).toBe(0);
    emulator.setDateSlots('lenient');
    expect(emulator.dateSlots()).toBe('lenient');
    expect((await get(mismatched)).rows).toBeGreaterThan(100);
    expect(() => emulator.setDateSlots('strict' as DateSlotMode)).toThrow(
      'dateSlots must be one of lenient, data-month, got "strict"',
    );
    expect(emulator.dateSlots()).toBe('lenient');
  });

  it('lets substitute-latest replace a no-data answer with the latest data', async () => {
    emulator.setFaults({ rules: [{ kind: 'substitute-latest', firstN: 1 }] });
    const latest = latestDataDate(today) ?? '';
    const mismatched = club('2026-04-30', '2026-04-01', '2025-2026');
    const substituted = await get(mismatched);
    expect(substituted.text).toBe(
      withoutBom(renderReport('clubperformance', '61', latest, opts).body),
    );
    expect((await get(mismatched)).rows).toBe(0);
    expect(emulator.requestLog().map((e) => [e.date, e.fault ?? null])).toEqual([
      [latest, 'substitute-latest'],
      ['2026-04-01', null],
    ]);
  });
});

describe('closing the emulator', () => {
  it('closes promptly with hanging, delayed and idle keep-alive connections open', async () => {
    const emulator = await startDashboardEmulator({
      today,
      faults: {
        rules: [{ kind: 'hang', firstN: 1 }],
      },
    });
    await (await fetch(`${emulator.url}/__emulator/health`)).text();
    const outcome = (p: Promise<Response>): Promise<string> =>
      p.then(
        () => 'answered',
        () => 'failed',
      );
    const hanging = outcome(fetch(`${emulator.url}${CLUB_PATH}`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    emulator.setFaults({ latencyMs: 60_000 });
    const delayed = outcome(fetch(`${emulator.url}${CLUB_PATH}`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hanging).toBe('failed');
    expect(await delayed).toBe('failed');
    await emulator.close();
  });

  it('runs several emulators side by side', async () => {
    const [a, b] = await Promise.all([
      startDashboardEmulator({ today }),
      startDashboardEmulator({ today }),
    ]);
    expect(a.port).not.toBe(b.port);
    await Promise.all([a.close(), b.close()]);
  });

  it('rejects invalid options', async () => {
    await expect(startDashboardEmulator({ today: '4/1/2026' })).rejects.toThrow('today');
    await expect(startDashboardEmulator({ enforceRateLimitPerMinute: 0 })).rejects.toThrow(
      'rate limit',
    );
    await expect(startDashboardEmulator({ port: 70000 })).rejects.toThrow('port');
    await expect(startDashboardEmulator({ faults: { latencyMs: -5 } })).rejects.toThrow(
      'latencyMs',
    );
    await expect(
      startDashboardEmulator({ dateSlots: 'month-end' as DateSlotMode }),
    ).rejects.toThrow('dateSlots must be one of lenient, data-month, got "month-end"');
  });
});
