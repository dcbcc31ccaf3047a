import type { components } from './generated/schema';

/** The API's error codes, plus the two this SDK adds for answers that never reached the API. */
export type BackfillErrorCode =
  | components['schemas']['ErrorCode']
  /** fetch itself failed: connection refused, DNS, reset, aborted by a timeout. */
  | 'NETWORK_ERROR'
  /** A response without the API's error shape, e.g. a proxy's HTML 502. */
  | 'UNEXPECTED_RESPONSE';

/**
 * The one error every SDK call throws. `code`, `message` and `retryable` are the API's own
 * (`error.code`, `error.message`, `error.retryable`), so callers branch on `code` rather than
 * on HTTP statuses; `status` is 0 when no HTTP answer came.
 */
export class BackfillApiError extends Error {
  override readonly name = 'BackfillApiError';

  constructor(
    readonly code: BackfillErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly status: number,
    /** The API's `error.details` (validation messages, for example), when it sent any. */
    readonly details?: unknown,
    /** The API's `metadata.operationId`, the request id its logs carry (also `X-Request-Id`). */
    readonly operationId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Builds the error from a non-2xx response body, whatever it turned out to be. */
  static fromResponse(response: Response, body: unknown): BackfillApiError {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    if (isErrorResponse(body)) {
      const { error, metadata } = body;
      return new BackfillApiError(
        error.code,
        error.message,
        // The API sets `retryable` where it knows; otherwise only 503s are worth repeating.
        error.retryable ?? response.status === 503,
        response.status,
        error.details,
        metadata?.operationId ?? requestId,
      );
    }
    const text = typeof body === 'string' && body.length > 0 ? `: ${body.slice(0, 200)}` : '';
    return new BackfillApiError(
      'UNEXPECTED_RESPONSE',
      `HTTP ${response.status} ${response.statusText}${text}`.trim(),
      response.status === 429 || response.status >= 500,
      response.status,
      undefined,
      requestId,
    );
  }

  static fromNetwork(cause: unknown, url: string): BackfillApiError {
    const reason = cause instanceof Error ? (errorCause(cause) ?? cause.message) : String(cause);
    return new BackfillApiError(
      'NETWORK_ERROR',
      `Cannot reach ${url}: ${reason}`,
      true,
      0,
      undefined,
      undefined,
      { cause },
    );
  }
}

/** Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED ...) is its cause. */
function errorCause(error: Error): string | undefined {
  const cause: unknown = error.cause;
  if (cause instanceof Error) return cause.message;
  return undefined;
}

interface ErrorResponseLike {
  error: {
    code: components['schemas']['ErrorCode'];
    message: string;
    retryable?: boolean;
    details?: unknown;
  };
  metadata?: { operationId?: string };
}

function isErrorResponse(body: unknown): body is ErrorResponseLike {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}
