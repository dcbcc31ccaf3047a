import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error';

/** No request body of this API nests deeper than 3 levels; 16 leaves room to spare. */
export const MAX_BODY_DEPTH = 16;

/**
 * Rejects a request body nested deeper than MAX_BODY_DEPTH before the validation pipe sees
 * it: class-transformer and class-validator recurse, so a small body of 3,000 nested
 * arrays would overflow the stack there. Counted with an explicit stack, never recursion.
 */
@Injectable()
export class JsonDepthPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && depthExceeds(value, MAX_BODY_DEPTH)) {
      throw ApiError.validation(`Request body is nested more than ${MAX_BODY_DEPTH} levels deep`);
    }
    return value;
  }
}

export function depthExceeds(value: unknown, maxDepth: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maxDepth) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}
