import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { RateLimitConfig } from '../domain/rate-limit-config';
import { RateLimiter } from './rate-limiter';

/** Builds one limiter per job run (or preview) on the app's clock. */
@Injectable()
export class RateLimiterFactory {
  constructor(private readonly clock: Clock) {}

  create(config: RateLimitConfig): RateLimiter {
    return new RateLimiter(config, this.clock);
  }
}
