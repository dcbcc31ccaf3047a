import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, ErrorCode } from './api-error';
import { InvalidIdError, JobNotFoundError, StorageError } from '../domain/storage-errors';
import { requestIdOf } from './request-id';

/** Renders every error in the one shape the API documents; never leaks internals. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const error = this.toApiError(exception, request);
    if (Number(error.status) >= 500) {
      this.logger.error(
        `${request.method} ${request.path} failed: ${describe(exception)}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (response.headersSent) return;
    response.status(error.status).json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.details !== undefined ? { details: error.details } : {}),
        ...(error.retryable !== undefined ? { retryable: error.retryable } : {}),
      },
      metadata: { operationId: requestIdOf(request), timestamp: new Date().toISOString() },
    });
  }

  private toApiError(exception: unknown, request: Request): ApiError {
    if (exception instanceof ApiError) return exception;
    if (exception instanceof JobNotFoundError) return ApiError.jobNotFound(exception.jobId);
    if (exception instanceof InvalidIdError) {
      return ApiError.validation(`${exception.kind} is not valid`);
    }
    if (exception instanceof StorageError) {
      return new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'STORAGE_ERROR',
        exception.message,
        undefined,
        true,
      );
    }
    const bodyError = bodyParserError(exception);
    if (bodyError) return bodyError;
    if (exception instanceof BadRequestException) {
      const body = exception.getResponse();
      const messages = extractMessages(body);
      if (isBodyParseError(exception)) {
        return ApiError.validation('Request body is not valid JSON');
      }
      return ApiError.validation(messages[0] ?? 'Request is not valid', messages);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code: ErrorCode =
        status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHORIZED' : 'VALIDATION_ERROR';
      const message =
        status === 404 ? `No route for ${request.method} ${request.path}` : exception.message;
      return new ApiError(status, status >= 500 ? 'INTERNAL_ERROR' : code, message);
    }
    return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR', 'Internal error');
  }
}

/**
 * Express's body parser rejects a body before any route sees it: too large, an encoding or
 * charset it cannot decode, a body that is not what its Content-Encoding says. Those
 * errors carry their own 4xx status (http-errors, `expose: true`); they are the client's
 * fault, so they get the one error shape with that status instead of a 500.
 */
function bodyParserError(exception: unknown): ApiError | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, type, expose, limit } = exception as {
    status?: unknown;
    type?: unknown;
    expose?: unknown;
    limit?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) {
    return undefined;
  }
  if (status === 413) {
    return new ApiError(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'PAYLOAD_TOO_LARGE',
      typeof limit === 'number'
        ? `Request body is larger than the limit of ${limit} bytes`
        : 'Request body is too large',
    );
  }
  if (status === 415) {
    return new ApiError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'UNSUPPORTED_MEDIA_TYPE',
      type === 'charset.unsupported'
        ? 'Request body charset is not supported (send UTF-8 JSON)'
        : 'Request body Content-Encoding is not supported (send identity, gzip, deflate or br)',
    );
  }
  // Chiefly a body that is not what its Content-Encoding says (not gzip, say).
  return ApiError.validation(
    'Request body could not be read as its Content-Encoding and Content-Type say',
  );
}

function extractMessages(body: string | object): string[] {
  if (typeof body === 'string') return [body];
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String);
  return typeof message === 'string' ? [message] : [];
}

function isBodyParseError(exception: BadRequestException): boolean {
  const cause = (exception as { cause?: unknown }).cause;
  return cause instanceof SyntaxError;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
