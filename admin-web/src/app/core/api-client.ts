import { HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { EnvironmentProviders, InjectionToken, makeEnvironmentProviders } from '@angular/core';
import { RequestBuilder, provideApiConfiguration, streamJobEvents } from '@backfill/api-client';
import { authInterceptor } from './auth.interceptor';

/**
 * The one place that configures the generated client: same-origin base URL (the API serves
 * the console) and the bearer-token interceptor.
 */
export function provideApiClient(rootUrl = ''): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withInterceptors([authInterceptor])),
    provideApiConfiguration(rootUrl),
  ]);
}

/** Opens an EventSource; a token so tests can replace the browser's. */
export const EVENT_SOURCE_FACTORY = new InjectionToken<((url: string) => EventSource) | null>(
  'EVENT_SOURCE_FACTORY',
  {
    providedIn: 'root',
    factory: () => (typeof EventSource === 'undefined' ? null : (url) => new EventSource(url)),
  },
);

/**
 * URL of a job's server-sent events, built by the generated client. EventSource cannot
 * send headers, so the token goes in `access_token` (the API accepts it on this route only).
 */
export function jobEventsUrl(rootUrl: string, jobId: string, token: string | null): string {
  const builder = new RequestBuilder(rootUrl, streamJobEvents.PATH, 'get');
  builder.path('jobId', jobId, {});
  if (token) builder.query('access_token', token, {});
  return builder.build({ responseType: 'text', accept: 'text/event-stream' }).urlWithParams;
}

interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** The API's error message (its one error shape), or a plain description of the failure. */
export function apiErrorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as ApiErrorBody | string | null;
    if (body && typeof body === 'object' && body.error?.message) {
      return body.error.code ? `${body.error.message} (${body.error.code})` : body.error.message;
    }
    if (error.status === 0) return 'The API cannot be reached. Is the service running?';
    return `The API answered ${error.status} ${error.statusText}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
