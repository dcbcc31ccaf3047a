import { BackfillApiError } from './errors';

describe('BackfillApiError.fromResponse', () => {
  it('takes code, message, retryable and details from the API error shape', () => {
    const response = new Response(null, { status: 409, headers: { 'X-Request-Id': 'req-1' } });
    const error = BackfillApiError.fromResponse(response, {
      error: {
        code: 'JOB_ALREADY_RUNNING',
        message: 'Job x is running',
        retryable: true,
        details: { jobId: 'x' },
      },
      metadata: { operationId: 'op-1', timestamp: '2026-01-01T00:00:00.000Z' },
    });
    expect(error).toBeInstanceOf(BackfillApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'JOB_ALREADY_RUNNING',
      message: 'Job x is running',
      retryable: true,
      status: 409,
      details: { jobId: 'x' },
      operationId: 'op-1',
    });
  });

  it('treats a 503 without a retryable flag as retryable', () => {
    const error = BackfillApiError.fromResponse(new Response(null, { status: 503 }), {
      error: { code: 'STORAGE_ERROR', message: 'Storage is unreachable' },
    });
    expect(error).toMatchObject({ code: 'STORAGE_ERROR', retryable: true, status: 503 });
  });

  it('names a body without the API shape UNEXPECTED_RESPONSE, retryable for 5xx', () => {
    const response = new Response(null, { status: 502, statusText: 'Bad Gateway' });
    const error = BackfillApiError.fromResponse(response, '<html>upstream down</html>');
    expect(error).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 502, retryable: true });
    expect(error.message).toBe('HTTP 502 Bad Gateway: <html>upstream down</html>');
  });
});
