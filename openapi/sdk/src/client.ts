import createClient, { type Client } from 'openapi-fetch';
import { BackfillApiError } from './errors';
import type { paths } from './generated/schema';
import type {
  BackfillStatus,
  Coverage,
  CoverageQuery,
  CreateJobRequest,
  CreateJobResponse,
  Job,
  JobItemPage,
  JobPage,
  JobPreview,
  ListJobItemsQuery,
  ListJobsQuery,
  RateLimitConfig,
  RateLimitPatch,
  Schemas,
} from './types';
import { type WatchJobOptions, watchJob } from './watch';

export interface BackfillClientOptions {
  /** Where the service listens, e.g. `http://localhost:3000` (no `/api`). */
  baseUrl: string;
  /** The service's ADMIN_TOKEN, sent as a bearer token. */
  token?: string;
  /** A fetch to use instead of the global one (a proxy-aware one, a test double). */
  fetch?: typeof fetch;
}

export interface BackfillClient {
  previewJob(body: CreateJobRequest): Promise<JobPreview>;
  createJob(body: CreateJobRequest): Promise<CreateJobResponse>;
  listJobs(query?: ListJobsQuery): Promise<JobPage>;
  getStatus(): Promise<BackfillStatus>;
  getJob(jobId: string): Promise<Job>;
  cancelJob(jobId: string): Promise<Job>;
  /** No new items start, in-flight ones finish; the status becomes `paused`. */
  pauseJob(jobId: string): Promise<Job>;
  /** A paused job continues from its ledger (409 while another job is active). */
  resumeJob(jobId: string): Promise<CreateJobResponse>;
  retryJob(jobId: string): Promise<CreateJobResponse>;
  listJobItems(jobId: string, query?: ListJobItemsQuery): Promise<JobItemPage>;
  getRateLimitConfig(): Promise<RateLimitConfig>;
  updateRateLimitConfig(patch: RateLimitPatch): Promise<RateLimitConfig>;
  listDistricts(): Promise<Schemas['KnownDistrictsDto']>;
  getDistrictSeries(districtId: string, programYear: string): Promise<Schemas['DistrictSeriesDto']>;
  getSnapshotAnalytics(date: string): Promise<Schemas['SnapshotAnalyticsDto']>;
  /** What is stored for every date x district of a range (at most 400 days), compact. */
  getCoverage(query: CoverageQuery): Promise<Coverage>;
  /** The job's live states until it ends; see {@link watchJob}. */
  watchJob(jobId: string, options?: WatchJobOptions): AsyncGenerator<Job, void, undefined>;
  /**
   * The generated openapi-fetch client for routes without a method here; it answers
   * `{ data, error, response }` instead of throwing.
   */
  readonly raw: Client<paths>;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * The SDK's entry: typed calls named after the spec's operationIds, each resolving to the
 * response body or throwing {@link BackfillApiError}.
 */
export function createBackfillClient(options: BackfillClientOptions): BackfillClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // Resolved per call, not captured, so a fetch patched after creation (tests, polyfills) is used.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const raw = createClient<paths>({
    baseUrl,
    fetch: (request) => fetchImpl(request),
    headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
  });

  async function call<T>(answer: () => Promise<Answer<T>>): Promise<T> {
    let result: Answer<T>;
    try {
      result = await answer();
    } catch (error) {
      // openapi-fetch parses 2xx bodies itself: a SyntaxError means an answer, just not JSON.
      if (error instanceof SyntaxError) {
        throw new BackfillApiError(
          'UNEXPECTED_RESPONSE',
          `A success answer that is not JSON (a proxy's page?): ${error.message}`,
          false,
          200,
        );
      }
      throw BackfillApiError.fromNetwork(error, baseUrl);
    }
    const { data, error, response } = result;
    if (!response.ok) throw BackfillApiError.fromResponse(response, error);
    return data as T;
  }

  const job = (jobId: string) => ({ params: { path: { jobId } } });

  return {
    raw,
    previewJob: (body) => call(() => raw.POST('/api/admin/backfill/preview', { body })),
    createJob: (body) => call(() => raw.POST('/api/admin/backfill', { body })),
    listJobs: (query = {}) =>
      call(() => raw.GET('/api/admin/backfill/jobs', { params: { query } })),
    getStatus: () => call(() => raw.GET('/api/admin/backfill/status')),
    getJob: (jobId) => call(() => raw.GET('/api/admin/backfill/{jobId}', job(jobId))),
    cancelJob: (jobId) => call(() => raw.DELETE('/api/admin/backfill/{jobId}', job(jobId))),
    pauseJob: (jobId) => call(() => raw.POST('/api/admin/backfill/{jobId}/pause', job(jobId))),
    resumeJob: (jobId) => call(() => raw.POST('/api/admin/backfill/{jobId}/resume', job(jobId))),
    retryJob: (jobId) => call(() => raw.POST('/api/admin/backfill/{jobId}/retry', job(jobId))),
    listJobItems: (jobId, query = {}) =>
      call(() =>
        raw.GET('/api/admin/backfill/{jobId}/items', { params: { path: { jobId }, query } }),
      ),
    getRateLimitConfig: () => call(() => raw.GET('/api/admin/backfill/config/rate-limit')),
    updateRateLimitConfig: (body) =>
      call(() => raw.PUT('/api/admin/backfill/config/rate-limit', { body })),
    listDistricts: () => call(() => raw.GET('/api/admin/collection/districts')),
    getDistrictSeries: (districtId, programYear) =>
      call(() =>
        raw.GET('/api/admin/analytics/districts/{districtId}/series/{programYear}', {
          params: { path: { districtId, programYear } },
        }),
      ),
    getSnapshotAnalytics: (date) =>
      call(() => raw.GET('/api/admin/analytics/snapshots/{date}', { params: { path: { date } } })),
    getCoverage: (query) => call(() => raw.GET('/api/admin/coverage', { params: { query } })),
    watchJob: (jobId, watchOptions) =>
      watchJob({ baseUrl, token: options.token, fetch: fetchImpl }, jobId, watchOptions),
  };
}
