import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateCronExpression } from 'cron';
import { DATE_SLOT_MODES, DateSlotMode } from '../domain/date-slot-mode';

export type StorageDriver = 'local' | 'firestore';

/**
 * The service's validated configuration. Built once at start-up by `loadConfig`; nothing
 * else in the code base reads `process.env`.
 */
export class AppConfig {
  port!: number;
  host!: string;
  dataDir!: string;
  storageDriver!: StorageDriver;
  /** Bearer token for the admin API. Never logged. */
  adminToken!: string;
  /** True when no ADMIN_TOKEN was configured and one was generated for this run. */
  adminTokenGenerated!: boolean;
  dashboardBaseUrl!: string;
  dashboardTimeoutMs!: number;
  dashboardMaxAttempts!: number;
  dashboardUserAgent!: string;
  /** How report URLs fill the MONTH_END / DATE / program-year slots (see dashboard-urls). */
  dashboardDateSlots!: DateSlotMode;
  jobRetentionDays!: number;
  staleAfterMinutes!: number;
  progressFlushSeconds!: number;
  heartbeatSeconds!: number;
  leaseSeconds!: number;
  shutdownGraceSeconds!: number;
  firestoreProjectId!: string | undefined;
  firestoreDatabaseId!: string | undefined;
  /** Directory of the built admin console, served at `/` when it holds an index.html. */
  adminWebDir!: string | undefined;
  /** Identifies this process in job leases. */
  instanceId!: string;
  /** Worker threads that parse downloaded CSVs; 0 parses on the main thread. */
  parseWorkers!: number;
  /** Cron expression (UTC) of the daily collection; undefined when there is none. */
  collectSchedule!: string | undefined;
  /** How many days up to yesterday each scheduled collection covers. */
  collectLookbackDays!: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Where `admin-web`'s production build lands, relative to this file in src/ or dist/. */
export const DEFAULT_ADMIN_WEB_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'admin-web',
  'dist',
  'admin-web',
  'browser',
);

const DEFAULT_USER_AGENT =
  'UnifiedBackfillService/0.1 (+historical Toastmasters district statistics; polite, rate-limited)';

/** Reads and validates the environment; throws `ConfigError` naming the first bad variable. */
export function loadConfig(env: Env, cwd = process.cwd()): AppConfig {
  const read = new EnvReader(env);
  const config = new AppConfig();
  config.port = read.integer('PORT', 3000, 0, 65535);
  config.host = read.string('HOST', '0.0.0.0');
  config.dataDir = path.resolve(cwd, read.string('DATA_DIR', './data'));
  config.storageDriver = read.oneOf('STORAGE_DRIVER', ['local', 'firestore'] as const, 'local');
  const token = read.optional('ADMIN_TOKEN');
  if (token !== undefined && token.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', 'must be at least 16 characters long');
  }
  config.adminToken = token ?? randomBytes(24).toString('base64url');
  config.adminTokenGenerated = token === undefined;
  config.dashboardBaseUrl = read.url('DASHBOARD_BASE_URL', 'https://dashboards.toastmasters.org');
  config.dashboardTimeoutMs = read.integer('DASHBOARD_TIMEOUT_MS', 30000, 100, 600000);
  config.dashboardMaxAttempts = read.integer('DASHBOARD_MAX_ATTEMPTS', 4, 1, 20);
  config.dashboardUserAgent = read.string('DASHBOARD_USER_AGENT', DEFAULT_USER_AGENT);
  config.dashboardDateSlots = read.oneOf('DASHBOARD_DATE_SLOTS', DATE_SLOT_MODES, 'data-month');
  config.jobRetentionDays = read.integer('JOB_RETENTION_DAYS', 30, 30, 36500);
  config.staleAfterMinutes = read.integer('STALE_AFTER_MINUTES', 10, 1, 1440);
  config.progressFlushSeconds = read.integer('PROGRESS_FLUSH_SECONDS', 5, 1, 300);
  config.heartbeatSeconds = read.integer('HEARTBEAT_SECONDS', 30, 1, 3600);
  config.leaseSeconds = read.integer('LEASE_SECONDS', 90, 5, 3600);
  if (config.leaseSeconds <= config.heartbeatSeconds) {
    throw new ConfigError('LEASE_SECONDS', 'must be longer than HEARTBEAT_SECONDS');
  }
  config.shutdownGraceSeconds = read.integer('SHUTDOWN_GRACE_SECONDS', 20, 0, 600);
  config.firestoreProjectId = read.optional('FIRESTORE_PROJECT_ID');
  config.firestoreDatabaseId = read.optional('FIRESTORE_DATABASE_ID');
  if (config.storageDriver === 'firestore' && !config.firestoreProjectId) {
    throw new ConfigError('FIRESTORE_PROJECT_ID', 'is required when STORAGE_DRIVER=firestore');
  }
  const webDir = read.optional('ADMIN_WEB_DIR');
  config.adminWebDir = webDir === undefined ? DEFAULT_ADMIN_WEB_DIR : path.resolve(cwd, webDir);
  // Stable across restarts of one deployment, so a restarted process resumes its own job
  // at once instead of waiting for its old lease to expire; distinct per port on one host.
  config.instanceId = read.string('INSTANCE_ID', `${safeHostname()}-${config.port}`);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(config.instanceId)) {
    throw new ConfigError('INSTANCE_ID', 'may contain only letters, digits, ".", "_" and "-"');
  }
  config.parseWorkers = read.integer('PARSE_WORKERS', defaultParseWorkers(), 0, 16);
  config.collectSchedule = read.optional('COLLECT_SCHEDULE');
  if (config.collectSchedule !== undefined) {
    const check = validateCronExpression(config.collectSchedule);
    if (!check.valid) {
      throw new ConfigError(
        'COLLECT_SCHEDULE',
        `must be a cron expression (minute hour day-of-month month day-of-week, in UTC), got "${config.collectSchedule}": ${check.error?.message ?? 'invalid'}`,
      );
    }
  }
  config.collectLookbackDays = read.integer('COLLECT_LOOKBACK_DAYS', 7, 1, 62);
  return config;
}

/** One core stays with the event loop (HTTP, storage, the job engine); at most four parse. */
function defaultParseWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

function safeHostname(): string {
  return (
    os
      .hostname()
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .slice(0, 48) || 'host'
  );
}

class EnvReader {
  constructor(private readonly env: Env) {}

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be an integer, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) {
      throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  }

  url(name: string, fallback: string): string {
    const raw = this.string(name, fallback);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(name, `must be an absolute http(s) URL, got "${raw}"`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new ConfigError(name, `must use http or https, got "${parsed.protocol}"`);
    }
    return raw.replace(/\/+$/, '');
  }
}
