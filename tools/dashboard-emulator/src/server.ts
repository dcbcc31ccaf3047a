import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { latestDataDate } from './availability';
import { addDays, isIsoDate, IsoDate, todayUtc } from './calendar';
import { DateSlotMode, parseDateSlotMode, slotsFitDataMonth } from './date-slots';
import { malformedBody, truncatedLength } from './fault-bodies';
import { FaultRule, FaultSettings, parseFaultSettings } from './fault-settings';
import { FaultInjector, retryAfterHeader } from './faults';
import { renderEmptyMonth, renderReport, RenderedReport } from './generate/render-report';
import { BodyError, readJsonBody, sendJson, sendText } from './http-util';
import { RateWindow } from './rate-window';
import { parseReportRequest, ReportRequest } from './report-request';
import { LogEntry, RequestLog } from './request-log';

export interface EmulatorOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Port to bind; 0 (the default) picks a free one. */
  port?: number;
  /** Pins "today" (`YYYY-MM-DD`): dates on or after it have no data. Default: real UTC today. */
  today?: IsoDate;
  faults?: FaultSettings;
  /** Answer 429 when more than this many report requests arrived in the trailing 60 s. */
  enforceRateLimitPerMinute?: number;
  /** Request log capacity (newest kept); default 10,000. */
  logLimit?: number;
  /**
   * `lenient` (the default): DATE alone decides what a dated request gets. `data-month`: only a
   * MONTH_END on the last day of DATE's data month, with PY that month's program year, gets data.
   */
  dateSlots?: DateSlotMode;
}

export interface RunningEmulator {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  requestLog(): LogEntry[];
  clearLog(): void;
  faults(): FaultSettings;
  /** Replaces the fault settings and restarts their counters and dice. */
  setFaults(settings: FaultSettings): void;
  rateLimitPerMinute(): number | null;
  setRateLimitPerMinute(limit: number | null): void;
  dateSlots(): DateSlotMode;
  setDateSlots(mode: DateSlotMode): void;
  /** Stops listening and drops every open connection, hanging responses included. */
  close(): Promise<void>;
}

const CONTROL_PREFIX = '/__emulator/';
const DEFAULT_LOG_LIMIT = 10_000;

interface InFlight {
  res: ServerResponse;
  timer?: NodeJS.Timeout;
}

export async function startDashboardEmulator(
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const emulator = new DashboardEmulator(options);
  return emulator.listen(options.host ?? '127.0.0.1', options.port ?? 0);
}

class DashboardEmulator {
  private readonly server: Server;
  private readonly log: RequestLog;
  private readonly today: IsoDate | undefined;
  private injector: FaultInjector;
  private rateWindow: RateWindow | null = null;
  private dateSlots: DateSlotMode;
  /** Delayed and hanging responses, destroyed on close() so it never waits on them. */
  private readonly inFlight = new Set<InFlight>();
  private readonly bodies = new WeakMap<RenderedReport, Buffer>();
  private closing: Promise<void> | null = null;

  constructor(options: EmulatorOptions) {
    if (options.today !== undefined && !isIsoDate(options.today)) {
      throw new RangeError(`today must be YYYY-MM-DD, got ${options.today}`);
    }
    this.today = options.today;
    this.log = new RequestLog(options.logLimit ?? DEFAULT_LOG_LIMIT);
    this.injector = new FaultInjector(parseFaultSettings(options.faults ?? {}));
    this.setRateLimit(options.enforceRateLimitPerMinute ?? null);
    this.dateSlots = parseDateSlotMode(options.dateSlots ?? 'lenient');
    this.server = createServer((req, res) => this.handle(req, res));
  }

  listen(host: string, port: number): Promise<RunningEmulator> {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return Promise.reject(new RangeError(`port must be an integer 0-65535, got ${port}`));
    }
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const bound = (this.server.address() as AddressInfo).port;
        const urlHost = host.includes(':') ? `[${host}]` : host;
        resolve({
          url: `http://${urlHost}:${bound}`,
          host,
          port: bound,
          requestLog: () => this.log.list(),
          clearLog: () => this.log.clear(),
          faults: () => structuredClone(this.injector.settings),
          setFaults: (settings) => {
            this.injector = new FaultInjector(parseFaultSettings(settings));
          },
          rateLimitPerMinute: () => this.rateWindow?.limit ?? null,
          setRateLimitPerMinute: (limit) => this.setRateLimit(limit),
          dateSlots: () => this.dateSlots,
          setDateSlots: (mode) => {
            this.dateSlots = parseDateSlotMode(mode);
          },
          close: () => this.close(),
        });
      });
    });
  }

  private setRateLimit(limit: number | null): void {
    this.rateWindow = limit === null ? null : new RateWindow(limit);
  }

  private close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const flight of this.inFlight) {
        clearTimeout(flight.timer);
        flight.res.destroy();
      }
      this.inFlight.clear();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    if (url.startsWith(CONTROL_PREFIX)) {
      this.control(req, res, url).catch(() => res.destroy());
      return;
    }
    const startedAt = performance.now();
    const arrival = Date.now();
    const record = (status: number, details: Partial<LogEntry> = {}): void => {
      this.log.add({
        time: new Date(arrival).toISOString(),
        url,
        status,
        report: null,
        durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
        ...details,
      });
    };

    if (this.rateWindow !== null) {
      const decision = this.rateWindow.hit();
      if (!decision.allowed) {
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        const format = this.injector.settings.retryAfterFormat ?? 'seconds';
        sendText(res, 429, 'Too Many Requests', {
          'Retry-After': retryAfterHeader(seconds, format, arrival),
        });
        record(429, { fault: 'rate-limit-enforced', retryAfterSeconds: seconds });
        return;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      record(405);
      return;
    }
    const parsed = parseReportRequest(url);
    if (!parsed.ok) {
      sendText(res, parsed.status, parsed.message);
      record(parsed.status);
      return;
    }
    const request = parsed.request;
    const today = this.today ?? todayUtc(arrival);
    // Latest data is yesterday's (the dashboard lags a day), or the newest date before it with data.
    const latestDate = latestDataDate(today) ?? addDays(today, -1);
    const asked = request.latest ? latestDate : (request.date ?? addDays(today, -1));
    const injector = this.injector;
    const rule = injector.decide({
      kind: request.kind,
      district: request.district,
      date: asked,
      latest: request.latest,
    });
    const substituted = rule?.kind === 'substitute-latest';
    const date = substituted ? latestDate : asked;
    const report = this.reportFor(request, date, today, substituted);
    const details: Partial<LogEntry> = {
      report: request.kind,
      ...(request.district === undefined ? {} : { district: request.district }),
      date,
      ...(request.latest ? { latest: true } : {}),
      ...(rule === null ? {} : { fault: rule.kind }),
    };
    const respond = (): void =>
      this.respond(req, res, { report, rule, injector }, (status, extra) =>
        record(status, { ...details, ...extra }),
      );

    const delay = injector.latencyMs();
    if (delay <= 0) {
      respond();
      return;
    }
    const flight: InFlight = { res };
    flight.timer = setTimeout(() => {
      this.inFlight.delete(flight);
      respond();
    }, delay);
    this.inFlight.add(flight);
    res.on('close', () => {
      if (this.inFlight.delete(flight)) {
        clearTimeout(flight.timer);
        record(0, details);
      }
    });
  }

  private respond(
    req: IncomingMessage,
    res: ServerResponse,
    ctx: { report: () => RenderedReport; rule: FaultRule | null; injector: FaultInjector },
    record: (status: number, extra?: Partial<LogEntry>) => void,
  ): void {
    const { report, rule, injector } = ctx;
    if (rule === null || rule.kind === 'substitute-latest') {
      // A substitution already chose the latest date; the answer itself is an ordinary one.
      this.sendCsv(res, this.bodyOf(report()));
      record(200);
      return;
    }
    switch (rule.kind) {
      case 'rate-limit': {
        const seconds = injector.retryAfterSeconds(rule);
        const retryAfter = retryAfterHeader(
          seconds,
          injector.settings.retryAfterFormat ?? 'seconds',
          Date.now(),
        );
        sendText(res, 429, 'Too Many Requests', { 'Retry-After': retryAfter });
        record(429, { retryAfterSeconds: seconds });
        return;
      }
      case 'server-error':
        sendText(res, 500, 'Internal Server Error');
        record(500);
        return;
      case 'unavailable': {
        const headers =
          rule.retryAfterSeconds === undefined
            ? {}
            : {
                'Retry-After': retryAfterHeader(
                  rule.retryAfterSeconds,
                  injector.settings.retryAfterFormat ?? 'seconds',
                  Date.now(),
                ),
              };
        sendText(res, 503, 'Service Unavailable', headers);
        record(
          503,
          rule.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: rule.retryAfterSeconds },
        );
        return;
      }
      case 'reset':
        req.socket.destroy();
        record(0);
        return;
      case 'hang': {
        // Never answered: the client has to time out. close() destroys it via inFlight.
        const flight: InFlight = { res };
        this.inFlight.add(flight);
        res.on('close', () => this.inFlight.delete(flight));
        record(0);
        return;
      }
      case 'truncate': {
        const rendered = report();
        const full = this.bodyOf(rendered);
        const sent = full.subarray(0, truncatedLength(rendered.body));
        const headers: Record<string, string | number> = {
          'Content-Type': 'text/csv; charset=utf-8',
        };
        if ((rule.truncate ?? 'content-length') === 'content-length') {
          // Promise the whole body, deliver part of it, then close: a premature end of stream.
          headers['Content-Length'] = full.length;
        }
        res.writeHead(200, headers);
        res.write(sent, () => res.destroy());
        record(200);
        return;
      }
      case 'malformed': {
        const body = malformedBody(report().body, rule.malformed ?? 'unbalanced-quote');
        this.sendCsv(res, Buffer.from(body, 'utf8'));
        record(200);
        return;
      }
    }
  }

  /**
   * What the request is answered with, rendered on demand. In `data-month` mode a dated request
   * whose slots miss DATE's data month gets that month's empty answer, unless a substitution
   * already swapped in the latest data.
   */
  private reportFor(
    request: ReportRequest,
    date: IsoDate,
    today: IsoDate,
    substituted: boolean,
  ): () => RenderedReport {
    const { kind, district, monthEnd, programYear } = request;
    if (
      this.dateSlots === 'data-month' &&
      !substituted &&
      monthEnd !== null &&
      !slotsFitDataMonth(monthEnd, date, programYear)
    ) {
      return () => renderEmptyMonth(kind, district, monthEnd, date, programYear);
    }
    return () => renderReport(kind, district, date, { today });
  }

  private bodyOf(report: RenderedReport): Buffer {
    let body = this.bodies.get(report);
    if (body === undefined) {
      body = Buffer.from(report.body, 'utf8');
      this.bodies.set(report, body);
    }
    return body;
  }

  private sendCsv(res: ServerResponse, body: Buffer): void {
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Length': body.length,
      'Content-Disposition': 'attachment; filename="export.csv"',
    });
    res.end(body);
  }

  private async control(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const path = url.split('?')[0] ?? url;
    const method = req.method ?? 'GET';
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /__emulator/health':
        sendJson(res, 200, { status: 'ok', today: this.today ?? todayUtc() });
        return;
      case 'GET /__emulator/log':
        sendJson(res, 200, this.log.list());
        return;
      case 'DELETE /__emulator/log':
        this.log.clear();
        res.writeHead(204).end();
        return;
      case 'GET /__emulator/faults':
        sendJson(res, 200, this.injector.settings);
        return;
      case 'PUT /__emulator/faults': {
        const body = await this.readBody(req, res);
        if (body === undefined) {
          return;
        }
        try {
          this.injector = new FaultInjector(parseFaultSettings(body));
        } catch (error) {
          sendText(res, 400, (error as Error).message);
          return;
        }
        sendJson(res, 200, this.injector.settings);
        return;
      }
      case 'GET /__emulator/rate-limit':
        sendJson(res, 200, { perMinute: this.rateWindow?.limit ?? null });
        return;
      case 'PUT /__emulator/rate-limit': {
        const body = await this.readBody(req, res);
        if (body === undefined) {
          return;
        }
        const limit: unknown =
          typeof body === 'object' && body !== null && 'perMinute' in body
            ? body.perMinute
            : undefined;
        if (
          limit !== null &&
          (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
        ) {
          sendText(res, 400, 'perMinute must be a positive integer or null');
          return;
        }
        this.setRateLimit(limit);
        sendJson(res, 200, { perMinute: limit });
        return;
      }
      default:
        sendText(res, 404, `Unknown control endpoint: ${route}`);
    }
  }

  /** The parsed JSON body, or undefined after answering 400 for a bad one. */
  private async readBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    try {
      return await readJsonBody(req);
    } catch (error) {
      if (error instanceof BodyError) {
        sendText(res, 400, error.message);
        return undefined;
      }
      throw error;
    }
  }
}
