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
import { InvalidIdError, JobNotFoundError, StorageError } from '../storage/storage-errors';
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
