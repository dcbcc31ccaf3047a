import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsGenerationHandler } from './analytics-generation.handler';
import { AnalyticsReadService } from './analytics-read.service';
import { AppConfig } from '../config/app-config';
import { DistrictFiguresProcessor, figuresProcessorFor } from './district-figures-processor';

/** Registers the analytics-generation job type and serves its results. */
@Module({
  imports: [JobsModule],
  controllers: [AnalyticsController],
  providers: [
    AnalyticsGenerationHandler,
    AnalyticsReadService,
    { provide: DistrictFiguresProcessor, inject: [AppConfig], useFactory: figuresProcessorFor },
  ],
})
export class AnalyticsModule {}
