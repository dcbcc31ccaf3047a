import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { ApiError } from '../common/api-error';
import { ACCEPTS_QUERY_TOKEN, QUERY_TOKEN_PARAM } from './query-token.decorator';

/** Requires `Authorization: Bearer <ADMIN_TOKEN>`; compares in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.expected = digest(config.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const acceptsQueryToken =
      this.reflector.get<boolean | undefined>(ACCEPTS_QUERY_TOKEN, context.getHandler()) === true;
    const token = bearerToken(request) ?? (acceptsQueryToken ? queryToken(request) : undefined);
    if (token === undefined) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'A bearer token is required');
    }
    if (!timingSafeEqual(digest(token), this.expected)) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'The bearer token is not valid');
    }
    return true;
  }
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * `?access_token=`, read only on routes marked @AcceptsQueryToken (the SSE stream). It is
 * never logged (request logging prints paths only).
 */
function queryToken(request: Request): string | undefined {
  const value = request.query[QUERY_TOKEN_PARAM];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
