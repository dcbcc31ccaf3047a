import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { RepeatableQueryParam } from './strict-query.interceptor';

/**
 * An optional query filter over an enum that takes several values, repeated
 * (`?status=a&status=b`) or comma-separated (`?status=a,b`); each value is checked
 * against the enum, and the spec names the enum so the generated clients share it.
 */
export function QueryEnumList(
  values: readonly string[],
  enumName: string,
  description: string,
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: values, enumName, isArray: true, description }),
    IsOptional(),
    RepeatableQueryParam(),
    Transform(({ value }: { value: unknown }) => splitQueryList(value)),
    IsArray(),
    IsIn(values, { each: true }),
  );
}

/** Both spellings of a list become one array; anything else is left for the validators. */
export function splitQueryList(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').filter((part) => part !== '');
  if (Array.isArray(value)) {
    return (value as unknown[]).flatMap((part) =>
      typeof part === 'string' ? part.split(',') : [part],
    );
  }
  return value;
}
