import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsGenerationHandler } from './analytics-generation.handler';
import { AnalyticsReadService } from './analytics-read.service';
import { AppConfig } from '../config/app-config';
import {
  DistrictFiguresProcessor,
  InThreadDistrictFiguresProcessor,
  WorkerDistrictFiguresProcessor,
} from './district-figures-processor';

/** Registers the analytics-generation job type and serves its results. */
@Module({
  imports: [JobsModule],
  controllers: [AnalyticsController],
  providers: [
    AnalyticsGenerationHandler,
    AnalyticsReadService,
    // Like collection's parsing: worker threads unless PARSE_WORKERS=0. Idle workers are
    // unref'd, so they never hold the process open, and they end with it.
    {
      provide: DistrictFiguresProcessor,
      inject: [AppConfig],
      useFactory: (config: AppConfig): DistrictFiguresProcessor =>
        config.parseWorkers > 0
          ? new WorkerDistrictFiguresProcessor(config.parseWorkers)
          : new InThreadDistrictFiguresProcessor(),
    },
  ],
})
export class AnalyticsModule {}
