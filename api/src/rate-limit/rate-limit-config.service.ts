import { Injectable, Logger } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { JobStore } from '../storage/job-store';
import {
  mergeRateLimitConfig,
  RateLimitConfig,
  RateLimitConfigError,
} from '../domain/rate-limit-config';

type SavedListener = (config: RateLimitConfig) => Promise<void>;

/**
 * The saved rate-limit config and the one place a patch or a job's overrides are merged
 * onto it and validated. A merge that breaks a bound is a 400 VALIDATION_ERROR naming the
 * field, whoever asked for it.
 */
@Injectable()
export class RateLimitConfigService {
  private readonly logger = new Logger('RateLimitConfig');
  private readonly listeners: SavedListener[] = [];

  constructor(private readonly store: JobStore) {}

  async get(): Promise<RateLimitConfig> {
    return this.store.getRateLimitConfig();
  }

  /** The saved config with `overrides` applied: what a job runs with. */
  async effective(overrides: Partial<RateLimitConfig> = {}): Promise<RateLimitConfig> {
    return mergeOrReject(await this.store.getRateLimitConfig(), overrides);
  }

  /** Partial update; the merged config is bounds-checked and applies to the next job. */
  async update(patch: Partial<RateLimitConfig>): Promise<RateLimitConfig> {
    const merged = await this.effective(patch);
    await this.store.saveRateLimitConfig(merged);
    this.logger.log(`Rate-limit config changed: ${JSON.stringify(merged)}`);
    for (const listener of this.listeners) await listener(merged);
    return merged;
  }

  /**
   * Told after every save (the jobs module notes it on the active job). A listener lives
   * above this module, so it registers itself rather than being imported here.
   */
  onSaved(listener: SavedListener): void {
    this.listeners.push(listener);
  }
}

function mergeOrReject(base: RateLimitConfig, patch: Partial<RateLimitConfig>): RateLimitConfig {
  try {
    return mergeRateLimitConfig(base, stripUndefined(patch));
  } catch (error) {
    if (error instanceof RateLimitConfigError) {
      throw ApiError.validation(error.details[0] ?? error.message, error.details);
    }
    throw error;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
