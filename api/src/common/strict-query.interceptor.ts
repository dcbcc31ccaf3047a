import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ACCEPTS_QUERY_TOKEN, QUERY_TOKEN_PARAM } from '../auth/query-token.decorator';
import { ApiError } from './api-error';

const REPEATABLE_QUERY_PARAMS = 'ubs:repeatableQueryParams';

/**
 * Marks a query DTO property that may be given more than once (`?status=a&status=b`).
 * Every other query parameter must appear at most once.
 */
export function RepeatableQueryParam(): PropertyDecorator {
  return (target, propertyKey) => {
    const owner = target.constructor;
    const keys =
      (Reflect.getMetadata(REPEATABLE_QUERY_PARAMS, owner) as string[] | undefined) ?? [];
    Reflect.defineMetadata(REPEATABLE_QUERY_PARAMS, [...keys, String(propertyKey)], owner);
  };
}

/**
 * Holds every route to the query string it declares. The validation pipe already rejects
 * unknown keys of a query DTO, but a route without one would accept anything, and a
 * repeated scalar parameter reaches the DTO as an array with a confusing message. Runs
 * after the guards, so an unauthenticated request still gets its 401 first.
 */
@Injectable()
export class StrictQueryInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const keys = Object.keys(request.query ?? {});
      if (keys.length > 0) this.check(context, request, keys);
    }
    return next.handle();
  }

  private check(context: ExecutionContext, request: Request, keys: string[]): void {
    const tokenAllowed =
      this.reflector.get<boolean | undefined>(ACCEPTS_QUERY_TOKEN, context.getHandler()) === true;
    const dto = queryDtoOf(context);
    const repeatable = new Set(
      dto
        ? ((Reflect.getMetadata(REPEATABLE_QUERY_PARAMS, dto) as string[] | undefined) ?? [])
        : [],
    );
    for (const key of keys) {
      if (key === QUERY_TOKEN_PARAM) {
        if (tokenAllowed) continue;
        throw ApiError.validation(
          `"${QUERY_TOKEN_PARAM}" is accepted only by the server-sent-events route; send the token as Authorization: Bearer`,
        );
      }
      if (!dto) {
        throw ApiError.validation(
          `Unknown query parameter "${key}": ${request.method} ${request.path} takes none`,
        );
      }
      if (Array.isArray(request.query[key]) && !repeatable.has(key)) {
        throw ApiError.validation(`Query parameter "${key}" must be given once`);
      }
    }
  }
}

/** The class of the handler's whole-query `@Query()` parameter, when it has one. */
function queryDtoOf(context: ExecutionContext): Type | undefined {
  const controller = context.getClass();
  const method = context.getHandler().name;
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const prototype = controller.prototype as object;
  const paramTypes = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as Type[];
  for (const [key, arg] of Object.entries(args)) {
    if (key.split(':')[0] === String(RouteParamtypes.QUERY) && arg.data === undefined) {
      return paramTypes[arg.index];
    }
  }
  return undefined;
}
