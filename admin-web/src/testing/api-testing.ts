import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import { MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { provideApiConfiguration } from '@backfill/api-client';
import type { JobDto, RateLimitConfigDto, RateLimiterStatusDto } from '@backfill/api-client';
import { EVENT_SOURCE_FACTORY } from '../app/core/api-client';
import { authInterceptor } from '../app/core/auth.interceptor';
import { TOKEN_STORAGE } from '../app/core/auth.service';
import { provideIsoDateAdapter } from '../app/shared/iso-date-adapter';

/** An in-memory Storage, so tests never share the browser session. */
export class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.data.clear();
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}

/** The generated client wired as in the app, over Angular's HTTP testing backend. */
export function provideApiTesting(
  storage = new MemoryStorage(),
): (Provider | EnvironmentProviders)[] {
  return [
    provideRouter([]),
    provideHttpClient(withInterceptors([authInterceptor])),
    provideHttpClientTesting(),
    provideApiConfiguration(''),
    provideIsoDateAdapter(),
    { provide: TOKEN_STORAGE, useValue: storage },
    { provide: EVENT_SOURCE_FACTORY, useValue: null },
  ];
}

export function jobDto(overrides: Partial<JobDto> = {}): JobDto {
  // The API sends the id under both names while the deprecated `id` lasts.
  const jobId = overrides.jobId ?? '0b8f3c1e-1234-4abc-8def-0123456789ab';
  return {
    jobId,
    id: jobId,
    jobType: 'data-collection',
    status: 'running',
    config: { startDate: '2026-01-01', endDate: '2026-01-02', skipExisting: true },
    counters: { total: 4, processed: 2, failed: 1, skipped: 0 },
    createdAt: '2026-01-05T10:00:00.000Z',
    startedAt: '2026-01-05T10:00:01.000Z',
    completedAt: null,
    resumedAt: null,
    cancelledAt: null,
    pausedAt: null,
    durationMs: null,
    failureReason: null,
    lastError: null,
    currentItem: '2026-01-02/61',
    progressByGroup: {
      '61': { total: 2, processed: 1, failed: 1, skipped: 0 },
      '01': { total: 2, processed: 1, failed: 0, skipped: 0 },
    },
    errors: [],
    lastProgressAt: null,
    result: null,
    lease: null,
    actions: [],
    followUpJobId: null,
    throughput: { itemsPerMinute: 12.5, etaSeconds: 130, percentComplete: 50 },
    rateLimiter: null,
    ...overrides,
  };
}

/** A dialog reference that closes at once with `result`. */
/** The service's default rate-limit config, as the API returns it. */
export function rateLimitConfigDto(
  overrides: Partial<RateLimitConfigDto> = {},
): RateLimitConfigDto {
  return {
    maxRequestsPerMinute: 120,
    maxConcurrent: 2,
    minDelayMs: 250,
    maxDelayMs: 60000,
    backoffMultiplier: 2,
    pauseEveryRequests: 100,
    pauseMs: 5000,
    ...overrides,
  };
}

/** A running job's live rate-limiter status: idle, not throttled, not pausing. */
export function rateLimiterStatusDto(
  overrides: Partial<RateLimiterStatusDto> = {},
): RateLimiterStatusDto {
  return {
    requestsMade: 0,
    inFlight: 0,
    waiting: 0,
    currentDelayMs: 250,
    allowedRequestsPerMinute: 120,
    allowedRateReason: 'configured-maximum',
    waitingFor: null,
    throttled: false,
    lastThrottledAt: null,
    retryAfterUntil: null,
    pausedUntil: null,
    config: rateLimitConfigDto(),
    ...overrides,
  };
}

export function closedDialog(result: unknown): MatDialogRef<unknown> {
  return { afterClosed: () => of(result) } as unknown as MatDialogRef<unknown>;
}
