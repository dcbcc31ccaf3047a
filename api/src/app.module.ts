import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AnalyticsModule } from './analytics/analytics.module';
import { AdminWebModule } from './admin-web/admin-web.module';
import { CollectionModule } from './collection/collection.module';
import { CoverageModule } from './coverage-map/coverage.module';
import { Clock, SystemClock } from './common/clock';
import { AppConfig } from './config/app-config';
import { HealthModule } from './health/health.module';
import { ServiceMetrics } from './health/service-metrics';
import { MetricsRecorder } from './metrics/metrics-recorder';
import { JobsModule } from './jobs/jobs.module';
import { LegacyModule } from './legacy/legacy.module';
import { RecoveryModule } from './recovery/recovery.module';
import { StorageModule } from './storage/storage.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Tests inject a FakeClock; production uses the system clock. */
  clock?: Clock;
}

/** Provides the validated config, the clock and the metrics to every module. */
@Global()
@Module({})
class CoreModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        // One registry per app, so apps side by side in one test process never mix figures.
        { provide: ServiceMetrics, useValue: new ServiceMetrics({ processMetrics: true }) },
        // The features report through the port; the scrape reads the same instance.
        { provide: MetricsRecorder, useExisting: ServiceMetrics },
      ],
      exports: [AppConfig, Clock, ServiceMetrics, MetricsRecorder],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        ScheduleModule.forRoot(),
        StorageModule.forRoot(),
        JobsModule,
        LegacyModule,
        CollectionModule,
        AnalyticsModule,
        CoverageModule,
        RecoveryModule,
        HealthModule,
        AdminWebModule.forRoot(options.config.adminWebDir),
      ],
    };
  }
}
