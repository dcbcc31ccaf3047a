import { type EventSourceMessage, createParser } from 'eventsource-parser';
import { BackfillApiError } from './errors';
import type { Job } from './types';

export interface WatchJobOptions {
  /** Stops watching: the iteration ends quietly (the job itself goes on). */
  signal?: AbortSignal;
  /**
   * Consecutive failed connections (network errors, 5xx, a stream dropped before `end`)
   * tolerated before the last error is thrown; any event received resets the count.
   */
  maxReconnects?: number;
}

export interface WatchContext {
  baseUrl: string;
  token: string | undefined;
  fetch: typeof fetch;
}

/** Until the server's `retry:` field says otherwise (it sends one first thing). */
const DEFAULT_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
const DEFAULT_MAX_RECONNECTS = 10;

/**
 * The job's server-sent events as an async iterator of job DTOs: the current state at once,
 * then every change, until the server's `end` event (the job completed, failed or was
 * cancelled). A dropped stream is reopened with `Last-Event-ID`; the server answers with the
 * job's current state, which is yielded only when it differs from the last one yielded, so a
 * reconnect neither repeats nor loses the state. Only `fetch`, `ReadableStream` and
 * `TextDecoder` are used, so it runs in Node 20+ and browsers alike (EventSource cannot send an
 * Authorization header, and Node 20 has none).
 */
export async function* watchJob(
  context: WatchContext,
  jobId: string,
  options: WatchJobOptions = {},
): AsyncGenerator<Job, void, undefined> {
  const url = `${context.baseUrl}/api/admin/backfill/${encodeURIComponent(jobId)}/events`;
  const maxReconnects = options.maxReconnects ?? DEFAULT_MAX_RECONNECTS;
  const outer = options.signal;
  let retryMs = DEFAULT_RETRY_MS;
  let failures = 0;
  let lastEventId: string | undefined;
  let lastData: string | undefined;

  while (!outer?.aborted) {
    // One controller per connection, so leaving the loop (break, return, throw) closes it.
    const connection = new AbortController();
    const onAbort = (): void => connection.abort(outer?.reason);
    outer?.addEventListener('abort', onAbort);
    let failure: BackfillApiError | undefined;
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (context.token) headers.Authorization = `Bearer ${context.token}`;
      if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
      let response: Response;
      try {
        response = await context.fetch(url, {
          headers,
          signal: connection.signal,
          cache: 'no-store',
        });
      } catch (error) {
        if (outer?.aborted) return;
        throw BackfillApiError.fromNetwork(error, url);
      }
      if (!response.ok) throw BackfillApiError.fromResponse(response, await readBody(response));
      if (!response.body)
        throw new BackfillApiError('UNEXPECTED_RESPONSE', 'No event stream', true, response.status);

      const events: EventSourceMessage[] = [];
      const parser = createParser({
        onEvent: (event) => events.push(event),
        onRetry: (ms) => (retryMs = ms),
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          let chunk: ReadableStreamReadResult<string>;
          try {
            chunk = await reader.read();
          } catch (error) {
            if (outer?.aborted) return;
            throw BackfillApiError.fromNetwork(error, url);
          }
          if (chunk.done) break;
          parser.feed(chunk.value);
          for (const event of events.splice(0)) {
            // Nothing more once the caller stopped, even from a chunk already read.
            if (outer?.aborted) return;
            if (event.event === 'job') {
              failures = 0;
              if (event.id !== undefined) lastEventId = event.id;
              if (event.data === lastData) continue;
              lastData = event.data;
              yield parseData(event.data) as Job;
            } else if (event.event === 'end') {
              const end = parseData(event.data) as { status: string | null; reason?: string };
              if (end.status === null) {
                throw new BackfillApiError(
                  'JOB_NOT_FOUND',
                  `Job ${jobId} no longer exists`,
                  false,
                  404,
                );
              }
              return;
            }
          }
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
      failure = new BackfillApiError(
        'NETWORK_ERROR',
        `The event stream of job ${jobId} closed before its end`,
        true,
        0,
      );
    } catch (error) {
      if (!(error instanceof BackfillApiError) || !error.retryable) throw error;
      failure = error;
    } finally {
      outer?.removeEventListener('abort', onAbort);
      connection.abort();
    }
    failures += 1;
    if (failures > maxReconnects) throw failure;
    await sleep(Math.min(retryMs * 2 ** (failures - 1), MAX_RETRY_MS), outer);
  }
}

/** Event data is JSON; anything else is not this API talking, and is said in the SDK's error. */
function parseData(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    const text = `Event data that is not JSON: ${data.slice(0, 200)}`;
    throw new BackfillApiError('UNEXPECTED_RESPONSE', text, false, 200);
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}
