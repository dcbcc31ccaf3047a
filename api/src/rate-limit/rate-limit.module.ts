import { Module } from '@nestjs/common';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { RateLimitConfigService } from './rate-limit-config.service';
import { RateLimitController } from './rate-limit.controller';
import { RateLimiterFactory } from './rate-limiter.factory';

/**
 * How politely the dashboard is asked: the limiter every upstream request passes (one per
 * job run, from the factory) and the saved config with its routes.
 */
@Module({
  controllers: [RateLimitController],
  providers: [RateLimiterFactory, RateLimitConfigService, AdminTokenGuard],
  exports: [RateLimiterFactory, RateLimitConfigService],
})
export class RateLimitModule {}
