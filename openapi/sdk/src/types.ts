import type { components, operations } from './generated/schema';

/** Every schema of the spec, by its name there (`Schemas['JobDto']`). */
export type Schemas = components['schemas'];

// Short names for what integrators handle most; they follow the spec when it is regenerated.
export type Job = Schemas['JobDto'];
export type JobSummary = Schemas['JobSummaryDto'];
export type JobPage = Schemas['JobPageDto'];
export type JobPreview = Schemas['JobPreviewDto'];
export type JobItemPage = Schemas['JobItemPageDto'];
export type JobStatus = Schemas['JobStatus'];
export type JobType = Schemas['JobType'];
export type ItemOutcome = Schemas['ItemOutcome'];
export type CreateJobRequest = Schemas['CreateJobDto'];
export type CreateJobResponse = Schemas['CreateJobResponseDto'];
export type BackfillStatus = Schemas['BackfillStatusDto'];
export type RateLimitConfig = Schemas['RateLimitConfigDto'];
export type RateLimitPatch = Schemas['RateLimitPatchDto'];
export type RateLimiterStatus = Schemas['RateLimiterStatusDto'];
export type Coverage = Schemas['CoverageDto'];

/** The query parameters of an operation, by its operationId. */
export type QueryOf<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;
export type ListJobsQuery = QueryOf<'listJobs'>;
export type ListJobItemsQuery = QueryOf<'listJobItems'>;
export type CoverageQuery = QueryOf<'getCoverage'>;

/** A coverage cell's state, by the letter the API writes in `rows` and `summary`. */
export type CoverageState = 'ok' | 'no-data' | 'failed' | 'superseded' | 'missing';
export const COVERAGE_STATE_OF_LETTER: Readonly<Record<string, CoverageState>> = {
  o: 'ok',
  n: 'no-data',
  f: 'failed',
  s: 'superseded',
  m: 'missing',
};

/** The states after which a job never changes again. */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
