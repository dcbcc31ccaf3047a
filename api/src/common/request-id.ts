import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');

/** Gives every request an id, echoed as `X-Request-Id` and as `metadata.operationId`. */
export function requestIdMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const id = randomUUID();
  (request as unknown as Record<symbol, string>)[REQUEST_ID] = id;
  response.setHeader('X-Request-Id', id);
  next();
}

export function requestIdOf(request: Request): string {
  return (request as unknown as Record<symbol, string | undefined>)[REQUEST_ID] ?? randomUUID();
}
