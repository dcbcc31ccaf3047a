import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { ApiError } from '../common/api-error';

/** Requires `Authorization: Bearer <ADMIN_TOKEN>`; compares in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: AppConfig) {
    this.expected = digest(config.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerToken(request) ?? queryToken(request);
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
 * Browsers' EventSource cannot send headers, so the SSE route alone also accepts the token
 * as `?access_token=`. It is never logged (request logging prints paths only).
 */
function queryToken(request: Request): string | undefined {
  if (!request.path.endsWith('/events')) return undefined;
  const value = request.query.access_token;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
