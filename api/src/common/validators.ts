import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { isIsoDate } from './utc-dates';
import { DISTRICT_ID_PATTERN } from './ids';

/** A real calendar date written `YYYY-MM-DD` (rejects 2025-02-30 and 2025-2-3). */
export function IsIsoCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a real calendar date written YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}

export const DISTRICT_ID_MESSAGE = `each district id must match ${DISTRICT_ID_PATTERN.source}`;
