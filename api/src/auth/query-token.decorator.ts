import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

export const ACCEPTS_QUERY_TOKEN = 'ubs:acceptsQueryToken';
export const QUERY_TOKEN_PARAM = 'access_token';

/**
 * Marks the one kind of route that may take the admin token as `?access_token=`: a
 * server-sent-events stream, because a browser's EventSource cannot send headers. Every
 * other route refuses the parameter, so a token never ends up in URLs that need not hold it.
 */
export function AcceptsQueryToken(): MethodDecorator {
  return applyDecorators(
    SetMetadata(ACCEPTS_QUERY_TOKEN, true),
    ApiQuery({
      name: QUERY_TOKEN_PARAM,
      required: false,
      type: String,
      description: 'The admin token, for clients that cannot send an Authorization header.',
    }),
  );
}
