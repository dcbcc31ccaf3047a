import { parseArgs } from 'node:util';
import { isIsoDate } from './calendar';
import { DATE_SLOT_MODES, DateSlotMode, isDateSlotMode } from './date-slots';
import {
  FAULT_KINDS,
  FaultKind,
  FaultRule,
  FaultSettings,
  parseFaultSettings,
} from './fault-settings';
import { EmulatorOptions } from './server';

/**
 * Turns CLI flags and EMULATOR_* environment variables into validated EmulatorOptions, once,
 * at start-up. Flags win over the environment. Pure (file reading is injected) so it is tested.
 */

export const USAGE = `Usage: dashboard-emulator [options]

  --port N                 port to listen on (default 4010; 0 picks a free port)   EMULATOR_PORT
  --host HOST              interface to bind (default 127.0.0.1)                    EMULATOR_HOST
  --today YYYY-MM-DD       pin "today": dates on or after it have no data           EMULATOR_TODAY
  --latency-ms N           fixed latency added to every report response             EMULATOR_LATENCY_MS
  --jitter-ms N            up to N ms of extra seeded random latency                EMULATOR_JITTER_MS
  --seed N                 seed for fault and jitter dice (default 1)               EMULATOR_SEED
  --rate-limit N           answer 429 beyond N report requests per trailing 60 s    EMULATOR_RATE_LIMIT
  --retry-after N          Retry-After seconds on injected 429s (default 5)         EMULATOR_RETRY_AFTER
  --retry-after-format F   seconds | http-date                                      EMULATOR_RETRY_AFTER_FORMAT
  --fault KIND=WHEN        add a fault rule; WHEN is a probability (0.05), every:N or first:N;
                           KIND is one of ${FAULT_KINDS.join(', ')}; repeatable
  --faults JSON            full fault settings as JSON (see README)                 EMULATOR_FAULTS
  --faults-file PATH       the same, read from a file                               EMULATOR_FAULTS_FILE
  --log-limit N            request log entries kept (default 10000)                 EMULATOR_LOG_LIMIT
  --date-slots MODE        lenient (default) | data-month: MONTH_END must be the    EMULATOR_DATE_SLOTS
                           last day of DATE's data month, PY its program year
  --help                   print this help
`;

export const DEFAULT_CLI_PORT = 4010;

export class CliError extends Error {}

export type CliConfig = { help: true } | { help: false; options: EmulatorOptions };

type Env = Readonly<Record<string, string | undefined>>;

export function parseCliConfig(
  argv: readonly string[],
  env: Env,
  readFile: (path: string) => string,
): CliConfig {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        today: { type: 'string' },
        'latency-ms': { type: 'string' },
        'jitter-ms': { type: 'string' },
        seed: { type: 'string' },
        'rate-limit': { type: 'string' },
        'retry-after': { type: 'string' },
        'retry-after-format': { type: 'string' },
        fault: { type: 'string', multiple: true },
        faults: { type: 'string' },
        'faults-file': { type: 'string' },
        'log-limit': { type: 'string' },
        'date-slots': { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (values.help === true) {
    return { help: true };
  }

  const pick = (
    flag: string | undefined,
    variable: string,
  ): { value: string; source: string } | undefined => {
    if (flag !== undefined) {
      return { value: flag, source: `--${cliName(variable)}` };
    }
    const fromEnv = env[variable];
    return fromEnv === undefined || fromEnv === ''
      ? undefined
      : { value: fromEnv, source: variable };
  };
  const integer = (
    flag: string | undefined,
    variable: string,
    min: number,
    max: number,
  ): number | undefined => {
    const raw = pick(flag, variable);
    if (raw === undefined) {
      return undefined;
    }
    const n = Number(raw.value);
    if (!/^\d+$/.test(raw.value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new CliError(
        `${raw.source} must be an integer from ${min} to ${max}, got "${raw.value}"`,
      );
    }
    return n;
  };

  const port = integer(values.port, 'EMULATOR_PORT', 0, 65535) ?? DEFAULT_CLI_PORT;
  const host = pick(values.host, 'EMULATOR_HOST')?.value ?? '127.0.0.1';
  const today = pick(values.today, 'EMULATOR_TODAY');
  if (today !== undefined && !isIsoDate(today.value)) {
    throw new CliError(`${today.source} must be a date YYYY-MM-DD, got "${today.value}"`);
  }

  const faults: FaultSettings = baseFaults(values.faults, values['faults-file'], env, readFile);
  const latencyMs = integer(values['latency-ms'], 'EMULATOR_LATENCY_MS', 0, 600_000);
  const jitterMs = integer(values['jitter-ms'], 'EMULATOR_JITTER_MS', 0, 600_000);
  const seed = integer(values.seed, 'EMULATOR_SEED', 0, 0xffffffff);
  const retryAfter = integer(values['retry-after'], 'EMULATOR_RETRY_AFTER', 0, 86_400);
  const retryFormat = pick(values['retry-after-format'], 'EMULATOR_RETRY_AFTER_FORMAT');
  if (
    retryFormat !== undefined &&
    retryFormat.value !== 'seconds' &&
    retryFormat.value !== 'http-date'
  ) {
    throw new CliError(
      `${retryFormat.source} must be "seconds" or "http-date", got "${retryFormat.value}"`,
    );
  }
  const merged: FaultSettings = {
    ...faults,
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(jitterMs === undefined ? {} : { jitterMs }),
    ...(seed === undefined ? {} : { seed }),
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    ...(retryFormat === undefined
      ? {}
      : { retryAfterFormat: retryFormat.value as 'seconds' | 'http-date' }),
  };
  const extraRules = (values.fault ?? []).map(parseFaultFlag);
  if (extraRules.length > 0) {
    merged.rules = [...(merged.rules ?? []), ...extraRules];
  }

  const rateLimit = integer(values['rate-limit'], 'EMULATOR_RATE_LIMIT', 1, 1_000_000);
  const logLimit = integer(values['log-limit'], 'EMULATOR_LOG_LIMIT', 1, 10_000_000);
  const slots = pick(values['date-slots'], 'EMULATOR_DATE_SLOTS');
  let dateSlots: DateSlotMode | undefined;
  if (slots !== undefined) {
    if (!isDateSlotMode(slots.value)) {
      throw new CliError(
        `${slots.source} must be one of ${DATE_SLOT_MODES.join(', ')}, got "${slots.value}"`,
      );
    }
    dateSlots = slots.value;
  }
  return {
    help: false,
    options: {
      host,
      port,
      ...(today === undefined ? {} : { today: today.value }),
      faults: merged,
      ...(rateLimit === undefined ? {} : { enforceRateLimitPerMinute: rateLimit }),
      ...(logLimit === undefined ? {} : { logLimit }),
      ...(dateSlots === undefined ? {} : { dateSlots }),
    },
  };
}

/** EMULATOR_LATENCY_MS -> latency-ms, for error messages that name the flag the user typed. */
function cliName(variable: string): string {
  return variable
    .replace(/^EMULATOR_/, '')
    .toLowerCase()
    .replace(/_/g, '-');
}

function baseFaults(
  json: string | undefined,
  file: string | undefined,
  env: Env,
  readFile: (path: string) => string,
): FaultSettings {
  if (json !== undefined && file !== undefined) {
    throw new CliError('use either --faults or --faults-file, not both');
  }
  let text: string | undefined;
  let source: string;
  if (json !== undefined) {
    [text, source] = [json, '--faults'];
  } else if (file !== undefined) {
    [text, source] = [readFaultsFile(file, readFile), `--faults-file ${file}`];
  } else if (env.EMULATOR_FAULTS !== undefined && env.EMULATOR_FAULTS !== '') {
    [text, source] = [env.EMULATOR_FAULTS, 'EMULATOR_FAULTS'];
  } else if (env.EMULATOR_FAULTS_FILE !== undefined && env.EMULATOR_FAULTS_FILE !== '') {
    [text, source] = [readFaultsFile(env.EMULATOR_FAULTS_FILE, readFile), 'EMULATOR_FAULTS_FILE'];
  } else {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${source} is not valid JSON`);
  }
  try {
    return parseFaultSettings(parsed);
  } catch (error) {
    throw new CliError(`${source}: ${(error as Error).message}`);
  }
}

function readFaultsFile(path: string, readFile: (path: string) => string): string {
  try {
    return readFile(path);
  } catch (error) {
    throw new CliError(`cannot read faults file ${path}: ${(error as Error).message}`);
  }
}

/** `server-error=0.1`, `reset=every:5`, `hang=first:2`. */
export function parseFaultFlag(spec: string): FaultRule {
  const match = /^([a-z-]+)=(?:(every|first):(\d+)|(\d*\.?\d+))$/.exec(spec);
  const kind = match?.[1];
  if (match === null || kind === undefined || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new CliError(
      `--fault "${spec}" must look like KIND=0.05, KIND=every:N or KIND=first:N with KIND one of ${FAULT_KINDS.join(', ')}`,
    );
  }
  const rule: FaultRule = { kind: kind as FaultKind };
  if (match[2] === 'every') {
    rule.everyNth = Number(match[3]);
  } else if (match[2] === 'first') {
    rule.firstN = Number(match[3]);
  } else {
    rule.probability = Number(match[4]);
  }
  try {
    return parseFaultSettings({ rules: [rule] }).rules?.[0] ?? rule;
  } catch (error) {
    throw new CliError(`--fault "${spec}": ${(error as Error).message}`);
  }
}
