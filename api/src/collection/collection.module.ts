import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobsModule } from '../jobs/jobs.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { DataCollectionHandler } from './data-collection.handler';
import { DistrictsController } from './districts.controller';
import { KnownDistrictsService } from './known-districts.service';
import { InThreadReportProcessor, ReportProcessor } from './reports/report-processor';
import { WorkerReportProcessor } from './reports/worker-report-processor';

/** Registers the data-collection job type. Only this module talks HTTP to the dashboard. */
@Module({
  imports: [JobsModule, RateLimitModule],
  controllers: [DistrictsController],
  providers: [
    DataCollectionHandler,
    KnownDistrictsService,
    // Not closed by a lifecycle hook: Nest runs every module's hooks before the runner's
    // graceful drain (onApplicationShutdown), which still needs parsing. Idle workers are
    // unref'd, so they never hold the process open, and they end with it.
    {
      provide: ReportProcessor,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ReportProcessor =>
        config.parseWorkers > 0
          ? new WorkerReportProcessor(config.parseWorkers)
          : new InThreadReportProcessor(),
    },
  ],
})
export class CollectionModule {}
