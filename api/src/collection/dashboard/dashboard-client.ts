import { performance } from 'node:perf_hooks';
import { Clock } from '../../common/clock';
import { errorMessage } from '../../common/error-message';
import { RequestGate, RequestOutcome } from '../../rate-limit/request-permit';
import { parseRetryAfter } from '../../rate-limit/retry-after';
import { LONGEST_CLOSING_PERIOD_DAYS, previousMonthOf, SnapshotPlacement } from './closing-period';
import { CsvFooter } from '../reports/csv-report';
import { buildReportUrl, DateSlotStrategy } from './dashboard-urls';
import { ReportKind } from '../../domain/report-kinds';
import type { AttemptOutcome } from '../../metrics/metrics-recorder';
import { InThreadReportProcessor, ReportProcessor } from '../reports/report-processor';
import { ParsedRowsOf } from '../reports/report-parsers';
import { IsoDate, parseIsoDate, YearMonth } from '../../common/utc-dates';

/** Told about every attempt (the service's metrics); must not throw. */
export type AttemptObserver = (
  report: ReportKind,
  outcome: AttemptOutcome,
  seconds: number,
) => void;

export interface DashboardClientOptions {
  readonly baseUrl: string;
  /** Sent on every request so the dashboard's operators can tell who is calling. */
  readonly userAgent: string;
  /** Per attempt, headers and body together. */
  readonly timeoutMs: number;
  /** Attempts per report, the first included. */
  readonly maxAttempts: number;
  readonly clock: Clock;
  readonly limiter: RequestGate;
  /**
   * Ends every wait for the gate at once (the job run's stop signal), besides each call's
   * own signal. A request already under way is not cut short by it.
   */
  readonly waitSignal?: AbortSignal;
  readonly dateSlots?: DateSlotStrategy;
  /** Where bodies are parsed; in the calling thread unless a worker pool is given. */
  readonly processor?: ReportProcessor;
  readonly onAttempt?: AttemptObserver;
}

/** A downloaded and understood export: 'ok' with data rows, 'no-data' with none. */
export interface FetchedReport<K extends ReportKind = ReportKind> {
  readonly kind: 'ok' | 'no-data';
  readonly report: K;
  readonly url: string;
  readonly status: number;
  /** The body as received (a byte order mark, if any, kept). */
  readonly csv: string;
  readonly parsed: ParsedRowsOf<K>;
  readonly footer: CsvFooter | null;
  /** Which snapshot the data belongs to, after the closing-period remap. */
  readonly placement: SnapshotPlacement;
  /** SHA-256 of the body bytes, hex. */
  readonly checksum: string;
  /** ISO 8601, from the injected clock. */
  readonly fetchedAt: string;
  readonly attempts: number;
}

export interface FailedFetch {
  readonly kind: 'failed';
  readonly url: string;
  /** True when the last attempt failed for a transient reason, so a later run may succeed. */
  readonly retryable: boolean;
  readonly reason: string;
  readonly status?: number;
  readonly attempts: number;
}

export type FetchResult<K extends ReportKind = ReportKind> = FetchedReport<K> | FailedFetch;

/** A body as received, before anything is read from it (see ReportProcessor). */
export interface DownloadedReport {
  readonly kind: 'downloaded';
  readonly url: string;
  readonly status: number;
  readonly body: Uint8Array;
  /** ISO 8601, from the injected clock. */
  readonly fetchedAt: string;
  readonly attempts: number;
}

export type DownloadResult = DownloadedReport | FailedFetch;

type AttemptResult =
  | { readonly kind: 'body'; readonly status: number; readonly body: Uint8Array }
  | {
      readonly kind: 'failed';
      readonly retryable: boolean;
      readonly reason: string;
      readonly status?: number;
      readonly outcome: RequestOutcome;
    };

/**
 * Downloads dashboard exports. Every attempt passes the injected gate and always releases
 * its permit with what happened, so the gate can apply backoff and Retry-After before the
 * next attempt. Upstream trouble never throws: it comes back as a 'failed' result. Only the
 * caller's own abort rejects.
 */
export class DashboardClient {
  private readonly options: DashboardClientOptions;
  private readonly processor: ReportProcessor;
  private readonly joinedSignals = new WeakMap<AbortSignal, AbortSignal>();

  constructor(options: DashboardClientOptions) {
    if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
      throw new RangeError('maxAttempts must be a whole number of at least 1');
    }
    if (!(options.timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    if (options.userAgent.trim() === '') throw new RangeError('userAgent must not be empty');
    this.options = options;
    this.processor = options.processor ?? new InThreadReportProcessor();
  }

  /**
   * The URL fetchReport would request, for metadata and previews. `dataMonth` is the month
   * the dashboard serves for the date, once its summary has said; the date's own otherwise.
   */
  urlFor(
    kind: ReportKind,
    date: IsoDate,
    district: string | undefined,
    dataMonth?: YearMonth,
  ): string {
    return buildReportUrl({
      kind,
      district,
      date,
      dataMonth,
      baseUrl: this.options.baseUrl,
      dateSlots: this.options.dateSlots,
    });
  }

  /** Downloads and interprets one export. */
  async fetchReport<K extends ReportKind>(
    kind: K,
    date: IsoDate,
    district: string | undefined,
    signal?: AbortSignal,
    dataMonth?: YearMonth,
  ): Promise<FetchResult<K>> {
    const download = await this.downloadReport(kind, date, district, signal, dataMonth);
    if (download.kind === 'failed') return download;
    return this.interpret(kind, date, download);
  }

  /**
   * A date's all-districts summary, which also tells which month the dashboard serves for
   * it. Nothing says in advance whether a date early in a month falls in the previous
   * month's closing period, so the date's own month is asked first; when that answer is
   * empty, and the slot reading files closing data under the previous month (a different
   * URL), the previous month is asked too before the date counts as having no data.
   */
  async fetchSummary(date: IsoDate, signal?: AbortSignal): Promise<FetchResult<'summary'>> {
    const first = await this.fetchReport('summary', date, undefined, signal);
    if (first.kind !== 'no-data' || parseIsoDate(date).day > LONGEST_CLOSING_PERIOD_DAYS) {
      return first;
    }
    const previousMonth = previousMonthOf(date);
    if (this.urlFor('summary', date, undefined, previousMonth) === first.url) return first;
    const closing = await this.fetchReport('summary', date, undefined, signal, previousMonth);
    const attempts = first.attempts + closing.attempts;
    if (closing.kind === 'no-data') return { ...first, attempts };
    // The closing data, or a failure: then the question is still open, and the date must
    // not be recorded as empty.
    return { ...closing, attempts };
  }

  /**
   * At most how many requests fetchSummary makes for a date when every answer comes at the
   * first attempt: a second one only where it may ask the previous month too.
   */
  summaryRequestsAtMost(date: IsoDate): number {
    if (parseIsoDate(date).day > LONGEST_CLOSING_PERIOD_DAYS) return 1;
    const previous = this.urlFor('summary', date, undefined, previousMonthOf(date));
    return previous === this.urlFor('summary', date, undefined) ? 1 : 2;
  }

  /**
   * Downloads one export without reading it, for callers that hand several bodies to the
   * processor at once. Retries only transient failures, each attempt through the gate.
   */
  async downloadReport(
    kind: ReportKind,
    date: IsoDate,
    district: string | undefined,
    signal?: AbortSignal,
    dataMonth?: YearMonth,
  ): Promise<DownloadResult> {
    const url = this.urlFor(kind, date, district, dataMonth);
    let last: FailedFetch | undefined;
    for (let attempts = 1; attempts <= this.options.maxAttempts; attempts++) {
      signal?.throwIfAborted();
      const permit = await this.options.limiter.acquire(this.gateSignal(signal));
      const startedMs = performance.now();
      let outcome: RequestOutcome = { kind: 'aborted' };
      let observed: AttemptOutcome = 'aborted';
      let result: AttemptResult;
      try {
        result = await this.attempt(url, signal);
        outcome = result.kind === 'body' ? { kind: 'success' } : result.outcome;
        observed =
          result.kind === 'body' ? 'success' : result.retryable ? result.outcome.kind : 'refused';
      } finally {
        permit.release(outcome);
        this.options.onAttempt?.(kind, observed, (performance.now() - startedMs) / 1000);
      }
      if (result.kind === 'body') {
        const { status, body } = result;
        return {
          kind: 'downloaded',
          url,
          status,
          body,
          attempts,
          fetchedAt: this.options.clock.nowIso(),
        };
      }
      last = {
        kind: 'failed',
        url,
        retryable: result.retryable,
        reason: result.reason,
        status: result.status,
        attempts,
      };
      if (!result.retryable) return last;
    }
    return last as FailedFetch;
  }

  /**
   * The call's signal, joined with the client's wait signal when it has one. Joined once per
   * call signal (a job run passes the same one every time): each AbortSignal.any registers on
   * both sources for as long as they live, which for a run's signals is the whole job.
   */
  private gateSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
    const { waitSignal } = this.options;
    if (!waitSignal || !signal) return signal ?? waitSignal;
    let joined = this.joinedSignals.get(signal);
    if (!joined) {
      joined = AbortSignal.any([signal, waitSignal]);
      this.joinedSignals.set(signal, joined);
    }
    return joined;
  }

  /** One request. Resolves for every upstream outcome; rejects only for the caller's abort. */
  private async attempt(url: string, signal: AbortSignal | undefined): Promise<AttemptResult> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await fetch(url, {
        headers: { 'user-agent': this.options.userAgent, accept: 'text/csv, */*;q=0.5' },
        signal: combined,
      });
      const { status } = response;
      if (status === 429 || status >= 500) {
        const retryAfterMs = parseRetryAfter(
          response.headers.get('retry-after'),
          this.options.clock.now(),
        );
        await discardBody(response);
        return {
          kind: 'failed',
          retryable: true,
          reason: `HTTP ${status}${retryAfterMs === undefined ? '' : `, retry after ${retryAfterMs} ms`}`,
          status,
          outcome: { kind: status === 429 ? 'throttled' : 'server-error', retryAfterMs },
        };
      }
      if (!response.ok) {
        await discardBody(response);
        return {
          kind: 'failed',
          retryable: false,
          reason: `HTTP ${status}`,
          status,
          outcome: { kind: 'success' },
        };
      }
      return { kind: 'body', status, body: new Uint8Array(await response.arrayBuffer()) };
    } catch (error) {
      signal?.throwIfAborted();
      const reason = timeout.aborted
        ? `timed out after ${this.options.timeoutMs} ms`
        : `network error: ${describeNetworkError(error)}`;
      return { kind: 'failed', retryable: true, reason, outcome: { kind: 'server-error' } };
    }
  }

  private async interpret<K extends ReportKind>(
    kind: K,
    date: IsoDate,
    download: DownloadedReport,
  ): Promise<FetchResult<K>> {
    const { url, status, attempts, fetchedAt } = download;
    const failed = (reason: string, retryable: boolean): FailedFetch => ({
      kind: 'failed',
      url,
      retryable,
      reason,
      status,
      attempts,
    });
    let result;
    try {
      result = await this.processor.interpret(kind, date, download.body);
    } catch (error) {
      // Our parser's trouble (a worker that died), not the dashboard's: worth another try.
      return failed(`could not interpret the export: ${errorMessage(error)}`, true);
    }
    if (!result.ok) return failed(result.reason, false);
    return {
      kind: result.parsed.rows.length > 0 ? 'ok' : 'no-data',
      report: kind,
      url,
      status,
      csv: result.csv,
      parsed: result.parsed,
      footer: result.footer,
      placement: result.placement,
      checksum: result.checksum,
      fetchedAt,
      attempts,
    };
  }
}

async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The status alone decides what happens next; a broken error body changes nothing.
  }
}

/**
 * fetch wraps socket problems as `TypeError: fetch failed` with the real error as cause.
 * Read structurally: errors from undici need not share this realm's Error (they do not
 * under Jest).
 */
function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && isErrorLike(current); depth++) {
    parts.push(
      typeof current.code === 'string' ? `${current.message} (${current.code})` : current.message,
    );
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

function isErrorLike(
  value: unknown,
): value is { message: string; code?: unknown; cause?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
