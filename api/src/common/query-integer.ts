import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

const DECIMAL_INTEGER = /^(0|[1-9]\d{0,15})$/;

/**
 * A non-negative integer query parameter within [min, max], written in plain decimal.
 * `Number()` would take `0x10`, `1e2`, ` 7` and `` as numbers, and `@Type(() => Number)`
 * turns `abc` into NaN, whose first message is "must not be greater than"; here anything
 * but decimal digits stays a string and gets the one message that says what is wanted.
 */
export function QueryInteger(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value,
    ),
    ValidateBy({
      name: 'queryInteger',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
        defaultMessage: (args) =>
          typeof args?.value === 'number'
            ? `${args.property} must be between ${min} and ${max}`
            : `${args?.property} must be an integer (decimal digits only)`,
      },
    }),
  );
}
