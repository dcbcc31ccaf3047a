import { isIsoDate, IsoDate } from './calendar';
import { isReportKind, ReportKind } from './report-kind';

/**
 * Fault injection settings. They come from code, the CLI or `PUT /__emulator/faults` as JSON,
 * so they are validated here from `unknown`, with messages that name the offending field.
 */

export const FAULT_KINDS = [
  'rate-limit',
  'server-error',
  'unavailable',
  'reset',
  'hang',
  'truncate',
  'malformed',
  'substitute-latest',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type TruncateMode = 'content-length' | 'cut';
export type MalformedMode = 'unbalanced-quote' | 'column-count';
export type RetryAfterFormat = 'seconds' | 'http-date';

export interface FaultRule {
  kind: FaultKind;
  /** Fire with this probability (0-1) on each matching request. */
  probability?: number;
  /** Fire on matching requests number N, 2N, 3N... */
  everyNth?: number;
  /** Fire only on the first N matching requests. */
  firstN?: number;
  /** Only requests for these districts (the summary never matches a district filter). */
  districts?: string[];
  reports?: ReportKind[];
  /**
   * Only these collection dates (`YYYY-MM-DD`, after an empty MONTH_END's latest-data
   * substitution; for `substitute-latest`, the DATE it replaces).
   */
  dates?: IsoDate[];
  /** Retry-After for this rule's 429/503 responses; 503s carry none unless set. */
  retryAfterSeconds?: number;
  truncate?: TruncateMode;
  malformed?: MalformedMode;
}

export interface FaultSettings {
  /** Added to every report response. */
  latencyMs?: number;
  /** Up to this much extra latency per response, drawn from the seeded PRNG. */
  jitterMs?: number;
  /** Seeds the fault and jitter dice; setting faults again restarts the sequence. */
  seed?: number;
  /** Retry-After for 429 responses (default 5). */
  retryAfterSeconds?: number;
  retryAfterFormat?: RetryAfterFormat;
  /** Checked in order; the first rule that fires wins. */
  rules?: FaultRule[];
}

export class FaultSettingsError extends Error {}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(value: Json, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new FaultSettingsError(`${where}: unknown field(s) ${unknown.join(', ')}`);
  }
}

function optionalNumber(
  value: unknown,
  where: string,
  check: { min: number; max?: number; integer?: boolean },
): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const max = check.max ?? Number.MAX_SAFE_INTEGER;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < check.min ||
    value > max ||
    (check.integer === true && !Number.isInteger(value))
  ) {
    const kind = check.integer === true ? 'an integer' : 'a number';
    throw new FaultSettingsError(`${where} must be ${kind} between ${check.min} and ${max}`);
  }
  return value;
}

function optionalEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  where: string,
): T | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new FaultSettingsError(`${where} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function optionalStrings(
  value: unknown,
  where: string,
  valid: (s: string) => boolean,
): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && valid(item))) {
    throw new FaultSettingsError(`${where} must be an array of valid strings`);
  }
  return value as string[];
}

const RULE_KEYS = [
  'kind',
  'probability',
  'everyNth',
  'firstN',
  'districts',
  'reports',
  'dates',
  'retryAfterSeconds',
  'truncate',
  'malformed',
];
const SETTINGS_KEYS = [
  'latencyMs',
  'jitterMs',
  'seed',
  'retryAfterSeconds',
  'retryAfterFormat',
  'rules',
];

function parseRule(value: unknown, where: string): FaultRule {
  if (!isObject(value)) {
    throw new FaultSettingsError(`${where} must be an object`);
  }
  rejectUnknownKeys(value, RULE_KEYS, where);
  const kind = optionalEnum(value.kind, FAULT_KINDS, `${where}.kind`);
  if (kind === undefined) {
    throw new FaultSettingsError(`${where}.kind is required (one of ${FAULT_KINDS.join(', ')})`);
  }
  const rule: FaultRule = {
    kind,
    probability: optionalNumber(value.probability, `${where}.probability`, { min: 0, max: 1 }),
    everyNth: optionalNumber(value.everyNth, `${where}.everyNth`, { min: 1, integer: true }),
    firstN: optionalNumber(value.firstN, `${where}.firstN`, { min: 0, integer: true }),
    districts: optionalStrings(value.districts, `${where}.districts`, (s) =>
      /^[A-Z0-9]{1,4}$/.test(s),
    ),
    reports: optionalStrings(value.reports, `${where}.reports`, isReportKind) as
      | ReportKind[]
      | undefined,
    dates: optionalStrings(value.dates, `${where}.dates`, isIsoDate),
    retryAfterSeconds: optionalNumber(value.retryAfterSeconds, `${where}.retryAfterSeconds`, {
      min: 0,
    }),
    truncate: optionalEnum(value.truncate, ['content-length', 'cut'] as const, `${where}.truncate`),
    malformed: optionalEnum(
      value.malformed,
      ['unbalanced-quote', 'column-count'] as const,
      `${where}.malformed`,
    ),
  };
  return dropUndefined(rule);
}

/** Validates settings from JSON or code; throws FaultSettingsError with a readable message. */
export function parseFaultSettings(value: unknown): FaultSettings {
  if (!isObject(value)) {
    throw new FaultSettingsError('fault settings must be a JSON object');
  }
  rejectUnknownKeys(value, SETTINGS_KEYS, 'faults');
  if (value.rules !== undefined && !Array.isArray(value.rules)) {
    throw new FaultSettingsError('faults.rules must be an array');
  }
  const rules = (value.rules as unknown[] | undefined)?.map((rule, i) =>
    parseRule(rule, `faults.rules[${i}]`),
  );
  return dropUndefined({
    latencyMs: optionalNumber(value.latencyMs, 'faults.latencyMs', { min: 0, max: 600_000 }),
    jitterMs: optionalNumber(value.jitterMs, 'faults.jitterMs', { min: 0, max: 600_000 }),
    seed: optionalNumber(value.seed, 'faults.seed', { min: 0, max: 0xffffffff, integer: true }),
    retryAfterSeconds: optionalNumber(value.retryAfterSeconds, 'faults.retryAfterSeconds', {
      min: 0,
    }),
    retryAfterFormat: optionalEnum(
      value.retryAfterFormat,
      ['seconds', 'http-date'] as const,
      'faults.retryAfterFormat',
    ),
    rules,
  });
}

/** Keeps GET /__emulator/faults free of `undefined` noise and round-trips cleanly. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
