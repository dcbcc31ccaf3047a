import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { DataCollectionHandler } from './data-collection.handler';

/** Registers the data-collection job type. Only this module talks HTTP to the dashboard. */
@Module({
  imports: [JobsModule],
  providers: [DataCollectionHandler],
})
export class CollectionModule {}
