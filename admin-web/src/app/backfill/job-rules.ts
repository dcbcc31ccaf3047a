import type { RateLimitConfigDto } from '@backfill/api-client';
import { IsoDate, daysBetweenInclusive } from '../shared/utc-dates';

/**
 * The API's validation rules, repeated here so the form can say the same thing before a
 * request is sent. The API stays the judge: its messages are shown when it disagrees.
 * `job-rules.spec.ts` checks the bounds against openapi.json.
 */
export const DISTRICT_ID_PATTERN = /^[A-Z0-9]{1,4}$/;
export const DISTRICT_ID_MESSAGE = `each district id must match ${DISTRICT_ID_PATTERN.source}`;
export const MAX_DISTRICTS = 500;
export const MAX_RANGE_DAYS = 3660;

export type RateLimitField = keyof RateLimitConfigDto;

export interface Bound {
  min: number;
  max: number;
  integer: boolean;
}

export const RATE_LIMIT_BOUNDS: Record<RateLimitField, Bound> = {
  maxRequestsPerMinute: { min: 1, max: 60_000, integer: true },
  maxConcurrent: { min: 1, max: 32, integer: true },
  minDelayMs: { min: 0, max: 60_000, integer: true },
  maxDelayMs: { min: 100, max: 600_000, integer: true },
  backoffMultiplier: { min: 1, max: 10, integer: false },
  pauseEveryRequests: { min: 0, max: 10_000, integer: true },
  pauseMs: { min: 0, max: 600_000, integer: true },
};

export const RATE_LIMIT_FIELDS = Object.keys(RATE_LIMIT_BOUNDS) as RateLimitField[];

export const RATE_LIMIT_LABELS: Record<RateLimitField, string> = {
  maxRequestsPerMinute: 'Requests per minute',
  maxConcurrent: 'Concurrent requests',
  minDelayMs: 'Min delay (ms)',
  maxDelayMs: 'Max delay (ms)',
  backoffMultiplier: 'Backoff multiplier',
  pauseEveryRequests: 'Pause every (requests)',
  pauseMs: 'Pause (ms)',
};

/** The API's message for an out-of-bounds value, or null when the value is fine. */
export function boundProblem(field: RateLimitField, value: number | null): string | null {
  if (value === null) return null;
  const bound = RATE_LIMIT_BOUNDS[field];
  const kind = bound.integer ? 'an integer' : 'a number';
  const ok =
    Number.isFinite(value) &&
    (!bound.integer || Number.isInteger(value)) &&
    value >= bound.min &&
    value <= bound.max;
  return ok ? null : `${field} must be ${kind} between ${bound.min} and ${bound.max}`;
}

export function delayOrderProblem(min: number | null, max: number | null): string | null {
  return min !== null && max !== null && min > max
    ? `minDelayMs (${min}) must not exceed maxDelayMs (${max})`
    : null;
}

/** The API's date-range rule, with its messages. `today` is the current UTC date. */
export function dateRangeProblem(
  startDate: IsoDate | null,
  endDate: IsoDate | null,
  today: IsoDate,
  required: boolean,
): string | null {
  if (required && (!startDate || !endDate)) return 'startDate and endDate are required';
  if (!startDate !== !endDate) return 'startDate and endDate must be given together';
  if (!startDate || !endDate) return null;
  if (startDate > endDate) return `startDate ${startDate} is after endDate ${endDate}`;
  if (endDate >= today) {
    return `endDate ${endDate} must be before today (${today} UTC): the dashboard has no data for today yet`;
  }
  if (required) {
    const days = daysBetweenInclusive(startDate, endDate);
    if (days > MAX_RANGE_DAYS) {
      return `the date range spans ${days} days; at most ${MAX_RANGE_DAYS} per job`;
    }
  }
  return null;
}
