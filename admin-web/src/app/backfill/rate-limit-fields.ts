import { AbstractControl, FormControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { RATE_LIMIT_FIELDS, RateLimitField, boundProblem, delayOrderProblem } from './job-rules';

export type RateLimitControls = Record<RateLimitField, FormControl<number | null>>;

export function boundValidator(field: RateLimitField): ValidatorFn {
  return (control: AbstractControl<number | null>): ValidationErrors | null => {
    const problem = boundProblem(field, control.value);
    return problem ? { bound: problem } : null;
  };
}

/** Group-level check of min <= max delay, worded as the API words it. */
export const delayOrderValidator: ValidatorFn = (group) => {
  const value = group.value as Partial<Record<RateLimitField, number | null>>;
  const problem = delayOrderProblem(value.minDelayMs ?? null, value.maxDelayMs ?? null);
  return problem ? { delayOrder: problem } : null;
};

export function rateLimitControls(required: boolean): RateLimitControls {
  const controls = {} as RateLimitControls;
  for (const field of RATE_LIMIT_FIELDS) {
    const validators = [boundValidator(field)];
    controls[field] = new FormControl<number | null>(null, {
      validators: required ? [...validators, requiredNumber] : validators,
    });
  }
  return controls;
}

const requiredNumber: ValidatorFn = (control) =>
  control.value === null || control.value === '' ? { required: true } : null;

/** The fields that were filled in, as numbers. */
export function filledFields(
  value: Partial<Record<RateLimitField, number | null>>,
): Partial<Record<RateLimitField, number>> {
  const filled: Partial<Record<RateLimitField, number>> = {};
  for (const field of RATE_LIMIT_FIELDS) {
    const v = value[field];
    if (v !== null && v !== undefined && !Number.isNaN(Number(v))) filled[field] = Number(v);
  }
  return filled;
}
